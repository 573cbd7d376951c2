using System.Text;
using CityEdge.Config;
using CityEdge.Hal;

namespace CityEdge.Setup
{
    /// <summary>What the node does at boot about the phone setup mode (<see cref="SetupGate.Decide"/>).</summary>
    public enum SetupDecision
    {
        /// <summary>Run the node.</summary>
        Service = 0,
        /// <summary>Do not run, do not open setup: the configuration errors need a technician with nanoff.</summary>
        SafeIdle = 1,
        /// <summary>Enable the setup access point and restart: nanoFramework starts a soft AP only at boot.</summary>
        StartAccessPoint = 2,
        /// <summary>The access point is up: serve the setup page now.</summary>
        Open = 3,
        /// <summary>The access point is enabled but setup is not wanted (e.g. power was cut during a session):
        /// disable it and restart, so the node never serves setup while in service.</summary>
        StopAccessPoint = 4,
    }

    /// <summary>
    /// When the phone setup mode opens. It opens only when the node has no configuration to run, or when a
    /// technician holds the setup button at boot; never in service. Because nanoFramework brings a soft
    /// access point up only at boot (nf-interpreter targets/ESP32/_common/Target_Network.cpp opens each
    /// configured interface once), opening takes one restart: the decision to open is remembered in
    /// <see cref="PendingFile"/> across exactly that restart and consumed by it, so a later power cut
    /// cannot reopen setup by itself.
    /// </summary>
    public static class SetupGate
    {
        /// <summary>Marks "open setup at the next boot" across the access point's activation restart.</summary>
        public const string PendingFile = "setup.pending";

        /// <summary>The setup access point's network name: the node id when it has one, else the last two bytes
        /// of the interface's MAC address (printed on the module label), so two nodes on one site never clash.
        /// 32 bytes is the 802.11 SSID limit.</summary>
        public static string AccessPointSsid(string nodeId, byte[] mac)
        {
            string suffix = nodeId;
            if (suffix == null || suffix.Length == 0)
            {
                suffix = "setup";
                if (mac != null && mac.Length >= 2)
                {
                    suffix += "-" + mac[mac.Length - 2].ToString("X2") + mac[mac.Length - 1].ToString("X2");
                }
            }

            string ssid = "CityEdge-" + suffix;
            return ssid.Length <= 32 ? ssid : ssid.Substring(0, 32);
        }

        /// <summary>
        /// True when no config was selected because the technician's deployed file (I:\cityedge.conf) has
        /// errors: <see cref="ConfigBoot"/> tries a deployed file whose text it has not provisioned yet at every
        /// boot, so a config saved from the phone could never win over it. The fix is a corrected file.
        /// </summary>
        public static bool DeployedFileRefused(IPersistentStore store, string deployedText, bool configSelected)
        {
            if (configSelected || deployedText == null)
            {
                return false;
            }

            byte[] provisioned = store.ReadAll(ConfigBoot.DeployedCopyFile);
            return provisioned == null || Encoding.UTF8.GetString(provisioned, 0, provisioned.Length) != deployedText;
        }

        /// <param name="store">The node's storage (for <see cref="PendingFile"/>).</param>
        /// <param name="boardUsable">The board file parsed: without pins there is nothing to check or run.</param>
        /// <param name="configRunnable">A configuration was selected at boot.</param>
        /// <param name="deployedFileRefused">A deployed I:\cityedge.conf has errors: setup cannot replace it
        /// (it would be tried again at every boot), so the errors go to the serial log and the LED instead.</param>
        /// <param name="buttonHeld">The setup button was held at boot (<see cref="SetupButtonWindow"/>).</param>
        /// <param name="accessPointActive">The setup access point is configured to start (and so is running).</param>
        public static SetupDecision Decide(IPersistentStore store, bool boardUsable, bool configRunnable, bool deployedFileRefused, bool buttonHeld,
            bool accessPointActive)
        {
            bool pending = store.Exists(PendingFile);
            if (pending)
            {
                store.Delete(PendingFile);
            }

            bool wanted = boardUsable && !deployedFileRefused && (buttonHeld || !configRunnable);
            if (pending && boardUsable && !deployedFileRefused)
            {
                // The restart that was to bring the access point up: open if it did, never loop if it did not.
                return accessPointActive ? SetupDecision.Open : configRunnable ? SetupDecision.Service : SetupDecision.SafeIdle;
            }

            if (wanted)
            {
                if (accessPointActive)
                {
                    return SetupDecision.Open;
                }

                store.WriteAll(PendingFile, new byte[] { 1 }, 0, 1);
                return SetupDecision.StartAccessPoint;
            }

            if (accessPointActive)
            {
                return SetupDecision.StopAccessPoint;
            }

            return configRunnable && boardUsable ? SetupDecision.Service : SetupDecision.SafeIdle;
        }
    }
}
