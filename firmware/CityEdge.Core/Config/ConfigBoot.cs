using System.Collections;
using System.Text;
using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Config
{
    /// <summary>
    /// Chooses the config the node boots with (docs/mqtt.md, "Remote configuration"), on the device
    /// and in the simulator alike, including the technician's deployed file:
    /// <list type="number">
    /// <item>A deployed <c>I:\cityedge.conf</c> whose text differs from the one provisioned last time
    /// (kept as <see cref="DeployedCopyFile"/>) is validated and, if valid, provisioned
    /// (<see cref="ConfigSlots.Provision"/>: active and last-good). So a file a technician deploys
    /// wins over whatever remote config ran before, while the same file left on the drive does not undo
    /// later remote changes at every boot. A deployed file with errors stops the boot (safe idle) so the
    /// technician sees the errors at once; it is not half-applied.</item>
    /// <item><see cref="ConfigSlots.SelectAtBoot"/> advances a staged remote config to its trial, or rolls
    /// back one that was on trial when the node restarted.</item>
    /// <item>Stored text that does not parse is rolled back to the last good config.</item>
    /// </list>
    /// </summary>
    public static class ConfigBoot
    {
        /// <summary>The deployed file's text as last provisioned.</summary>
        public const string DeployedCopyFile = "config.deployed";

        private const string LogTag = "config";

        /// <param name="deployedText">Text of the deployed file (I:\cityedge.conf on the device), or null when there is none.</param>
        /// <returns>The config to run, or null with the reasons in <paramref name="errors"/>.</returns>
        public static NodeConfig Select(IPersistentStore store, string deployedText, string deployedPath, ILogSink log, ArrayList errors)
        {
            log = log ?? NullLogSink.Instance;
            ConfigSlots slots = new ConfigSlots(store, log);
            if (deployedText != null && deployedText != StoredText(store, DeployedCopyFile))
            {
                if (NodeConfig.Parse(deployedText, errors) == null)
                {
                    return null;
                }

                slots.Provision(deployedText);
                byte[] copy = Encoding.UTF8.GetBytes(deployedText);
                store.WriteAll(DeployedCopyFile, copy, 0, copy.Length);
                log.Write(LogLevel.Info, LogTag, "provisioned the config deployed as " + deployedPath);
            }

            bool rolledBack;
            string text = slots.SelectAtBoot(out rolledBack);
            if (text == null)
            {
                errors.Add(new ConfigError(0, deployedPath, "no configuration stored and none deployed (deploy it with nanoff --filedeployment)"));
                return null;
            }

            ArrayList storedErrors = new ArrayList();
            NodeConfig config = NodeConfig.Parse(text, storedErrors);
            if (config != null)
            {
                return config;
            }

            // Only validated text is ever stored, so this is flash damage: fall back to the last good one.
            log.Write(LogLevel.Error, LogTag, "stored config does not parse (" + storedErrors.Count + " error(s)): rolling back");
            slots.RollBack();
            text = slots.SelectAtBoot(out rolledBack);
            config = text == null ? null : NodeConfig.Parse(text, errors);
            if (config == null)
            {
                errors.Add(new ConfigError(0, ConfigSlots.GoodFile, "no valid config in flash; deploy " + deployedPath + " again"));
            }

            return config;
        }

        private static string StoredText(IPersistentStore store, string name)
        {
            byte[] data = store.ReadAll(name);
            return data == null ? null : Encoding.UTF8.GetString(data, 0, data.Length);
        }
    }
}
