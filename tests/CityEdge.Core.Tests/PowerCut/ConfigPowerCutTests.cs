using System.Collections;
using System.Text;
using CityEdge.Config;
using CityEdge.Core.Tests.Node;
using CityEdge.Hal;
using CityEdge.Host.Simulation;

namespace CityEdge.Core.Tests.PowerCut;

/// <summary>
/// Issue 17, defect 1: power cut at every write unit of every config transition — provisioning, a new
/// deployed file, set-config staging, the trial boot, keeping the new config, rolling it back. After each
/// cut the node boots again on what survived and runs to the end. Stranded = a boot on a config that
/// never proved itself (reached its broker) and is not on trial, so nothing would ever roll it back; or
/// a node that cannot boot; or one that ends anywhere but connected on a proven config.
/// </summary>
[TestClass]
public sealed class ConfigPowerCutTests
{
    private const string Node = "node.id = lp-3\nconfig.trial_s = 30\n";
    private const string V1 = Node + "mqtt.host = " + BootingNode.ReachableHost + "\nconfig.version = 1\n";
    private const string V2Unreachable = Node + "mqtt.host = gone.city.example\nconfig.version = 2\n";
    private const string V3 = Node + "mqtt.host = " + BootingNode.ReachableHost + "\nreport.period_s = 30\nconfig.version = 3\n";
    private const string V5Deployed = Node + "mqtt.host = " + BootingNode.ReachableHost + "\nreport.period_s = 120\nconfig.version = 5\n";

    /// <summary>Long enough for any trial to be kept or rolled back and the node to start again.</summary>
    private const long UntilSettledMs = 45_000;

    public TestContext TestContext { get; set; } = null!;

    private static FlashImage Empty(string model) => model == "contract" ? FlashImage.StoreContract() : FlashImage.RawFiles();

    private static BootingNode NewNode(IPersistentStore store, string deployed) =>
        new(store, deployed, new SimulatedClock(new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc)));

    /// <summary>A node provisioned with V1 that has connected (V1 kept), with its key.</summary>
    private static FlashImage RunningV1(string model)
    {
        var image = Empty(model);
        BootingNode.ProvisionKey(image.Store);
        var node = NewNode(image.Store, V1);
        Assert.IsTrue(node.Boot());
        node.RunFor(2000);
        return image;
    }

    [TestMethod]
    [DataRow("contract")]
    [DataRow("raw")]
    public void ProvisioningTheFirstConfig(string model)
    {
        var empty = Empty(model);
        BootingNode.ProvisionKey(empty.Store);
        Sweep(empty, V1, node => Boot(node, 2000), proven: [1], final: [1]);
    }

    [TestMethod]
    [DataRow("contract")]
    [DataRow("raw")]
    public void ANewDeployedFileOverARunningConfig(string model)
    {
        Sweep(RunningV1(model), V5Deployed, node => Boot(node, 2000), proven: [1, 5], final: [5]);
    }

    [TestMethod]
    [DataRow("contract")]
    [DataRow("raw")]
    public void SetConfigThatReconnectsIsKept(string model)
    {
        Sweep(RunningV1(model), V1, node =>
        {
            Boot(node, 1000);
            node.SetConfig(V3);
            node.RunFor(UntilSettledMs);
        }, proven: [1], final: [1, 3]);
    }

    [TestMethod]
    [DataRow("contract")]
    [DataRow("raw")]
    public void SetConfigToAnUnreachableBrokerIsRolledBack(string model)
    {
        Sweep(RunningV1(model), V1, node =>
        {
            Boot(node, 1000);
            node.SetConfig(V2Unreachable);
            node.RunFor(UntilSettledMs);
        }, proven: [1], final: [1]);
    }

    private static void Boot(BootingNode node, long runMs)
    {
        Assert.IsTrue(node.Boot(), string.Join("; ", node.BootErrors));
        node.RunFor(runMs);
    }

    /// <param name="proven">Versions trusted before the transition (deployed, or kept earlier).</param>
    /// <param name="final">Versions the node may end on, connected and not on trial.</param>
    private void Sweep(FlashImage before, string deployed, Action<BootingNode> transition, int[] proven, int[] final)
    {
        var stranded = new List<string>();
        HashSet<int> connectedBeforeCut = [];
        int cuts = PowerCutSweep.Run(before, image =>
        {
            var node = NewNode(image.Store, deployed);
            connectedBeforeCut = node.ConnectedVersions;
            transition(node);
        }, (survivor, cut) =>
        {
            var node = NewNode(survivor.Store, deployed);
            bool Proven(int version) => proven.Contains(version) || connectedBeforeCut.Contains(version) || node.ConnectedVersions.Contains(version);
            node.Booted = n =>
            {
                if (!Proven(n.Config!.ConfigVersion) && !new ConfigSlots(n.Store, null).IsOnTrial)
                {
                    stranded.Add($"cut {cut}: boot {n.Boots} runs version {n.Config.ConfigVersion}, never proven, with no trial");
                }
            };

            if (!node.Boot())
            {
                stranded.Add($"cut {cut}: no bootable config: {string.Join("; ", node.BootErrors)}");
                return;
            }

            node.RunFor(UntilSettledMs);
            var slots = new ConfigSlots(node.Store, null);
            var errors = new ArrayList();
            byte[] good = node.Store.ReadAll(ConfigSlots.GoodFile);
            var goodConfig = good == null ? null : NodeConfig.Parse(Encoding.UTF8.GetString(good), errors);
            if (node.Runtime == null || !node.Link.IsConnected || slots.IsOnTrial || !final.Contains(node.Config!.ConfigVersion)
                || goodConfig == null || !Proven(goodConfig.ConfigVersion))
            {
                stranded.Add($"cut {cut}: ends on version {node.Config?.ConfigVersion}, connected {node.Link.IsConnected}, on trial {slots.IsOnTrial}, "
                    + $"last good {goodConfig?.ConfigVersion.ToString() ?? "none"}");
            }
        });

        TestContext.WriteLine($"{before.Model}: {cuts} cut points, {stranded.Count} stranded");
        Assert.IsTrue(cuts > 0);
        Assert.AreEqual(0, stranded.Count, $"{stranded.Count} of {cuts} cuts strand the node:\n" + string.Join("\n", stranded.Take(10)));
    }
}
