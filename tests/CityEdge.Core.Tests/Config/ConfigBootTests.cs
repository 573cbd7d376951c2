using System.Collections;
using System.Text;
using CityEdge.Config;
using CityEdge.Host.Simulation;

namespace CityEdge.Core.Tests.Config;

/// <summary>Which config a node boots with: the technician's deployed file, remote changes, damage.</summary>
[TestClass]
public sealed class ConfigBootTests
{
    private const string Deployed = "node.id = lp-1\nreport.period_s = 60\n";

    [TestMethod]
    public void TheFirstBootProvisionsTheDeployedFile()
    {
        var store = new MemoryStore();
        var config = Boot(store, Deployed);
        Assert.AreEqual(60, config!.ReportPeriodS);
    }

    [TestMethod]
    public void ARemoteConfigSurvivesRebootsWhileTheSameFileStaysOnTheDrive()
    {
        var store = new MemoryStore();
        Boot(store, Deployed);
        var slots = new ConfigSlots(store, null);
        slots.Stage("node.id = lp-1\nreport.period_s = 300\n");
        Assert.AreEqual(300, Boot(store, Deployed)!.ReportPeriodS, "the staged remote config goes on trial");
        slots = new ConfigSlots(store, null);
        slots.Commit();
        Assert.AreEqual(300, Boot(store, Deployed)!.ReportPeriodS, "and is kept: the unchanged file does not undo it");
    }

    [TestMethod]
    public void ANewlyDeployedFileWinsOverAnOlderRemoteConfig()
    {
        var store = new MemoryStore();
        Boot(store, Deployed);
        var slots = new ConfigSlots(store, null);
        slots.Stage("node.id = lp-1\nreport.period_s = 300\n");
        Boot(store, Deployed);
        new ConfigSlots(store, null).Commit();

        Assert.AreEqual(120, Boot(store, "node.id = lp-1\nreport.period_s = 120\n")!.ReportPeriodS);
    }

    [TestMethod]
    public void ADeployedFileWithErrorsStopsTheBootAndChangesNothing()
    {
        var store = new MemoryStore();
        Boot(store, Deployed);
        var errors = new ArrayList();
        Assert.IsNull(ConfigBoot.Select(store, "node.id = lp-1\nreport.period_s = 5\n", "I:\\cityedge.conf", null!, errors));
        Assert.AreEqual("line 2: report.period_s: 5 is outside 10..3600", errors[0]!.ToString());
        Assert.AreEqual(60, Boot(store, Deployed)!.ReportPeriodS, "what was stored is untouched");
    }

    [TestMethod]
    public void DamagedStoredTextFallsBackToTheLastGoodConfig()
    {
        var store = new MemoryStore();
        Boot(store, Deployed);
        byte[] garbage = Encoding.UTF8.GetBytes("node.id = ???\n");
        store.WriteAll(ConfigSlots.ActiveFile, garbage, 0, garbage.Length);

        Assert.AreEqual("lp-1", Boot(store, Deployed)!.NodeId);
    }

    [TestMethod]
    public void NothingStoredAndNothingDeployedIsExplained()
    {
        var errors = new ArrayList();
        Assert.IsNull(ConfigBoot.Select(new MemoryStore(), null!, "I:\\cityedge.conf", null!, errors));
        StringAssert.Contains(errors[0]!.ToString(), "no configuration stored and none deployed");
    }

    private static NodeConfig? Boot(MemoryStore store, string deployed)
    {
        var errors = new ArrayList();
        var config = ConfigBoot.Select(store, deployed, "I:\\cityedge.conf", null!, errors);
        Assert.AreEqual(0, errors.Count, string.Join("; ", errors.Cast<object>()));
        return config;
    }
}
