using System.Text;
using CityEdge.Config;
using CityEdge.Host.Simulation;

namespace CityEdge.Core.Tests.Link;

/// <summary>The remote-config cycle in flash: stage, boot on trial, keep or roll back.</summary>
[TestClass]
public sealed class ConfigSlotsTests
{
    private const string Old = "node.id = node-01\nconfig.version = 1\n";
    private const string New = "node.id = node-01\nconfig.version = 2\n";

    [TestMethod]
    public void StagedConfigBootsOnTrialAndIsKeptOnCommit()
    {
        var store = new MemoryStore();
        var slots = new ConfigSlots(store, null);
        slots.Provision(Old);

        slots.Stage(New);
        string booted = slots.SelectAtBoot(out bool rolledBack);
        Assert.IsTrue(slots.IsOnTrial);
        slots.Commit();

        Assert.AreEqual(New, booted);
        Assert.IsFalse(rolledBack);
        Assert.IsFalse(slots.IsOnTrial);
        Assert.AreEqual(New, Encoding.UTF8.GetString(store.ReadAll(ConfigSlots.GoodFile)));
        Assert.AreEqual(New, slots.SelectAtBoot(out _), "later boots keep it");
    }

    [TestMethod]
    public void RestartDuringTheTrialRollsBack()
    {
        var store = new MemoryStore();
        var slots = new ConfigSlots(store, null);
        slots.Provision(Old);
        slots.Stage(New);
        slots.SelectAtBoot(out _);

        // The new config hung the node; the watchdog restarted it before the trial ended.
        string booted = slots.SelectAtBoot(out bool rolledBack);

        Assert.IsTrue(rolledBack);
        Assert.AreEqual(Old, booted);
        Assert.IsTrue(slots.RolledBack);
        Assert.IsFalse(slots.IsOnTrial);
    }

    [TestMethod]
    public void StagingTwiceBeforeBootingKeepsTheProvenConfigAsGood()
    {
        var store = new MemoryStore();
        var slots = new ConfigSlots(store, null);
        slots.Provision(Old);

        slots.Stage(New);
        slots.Stage("node.id = node-01\nconfig.version = 3\n");
        slots.SelectAtBoot(out _);
        slots.RollBack();

        Assert.AreEqual(Old, slots.SelectAtBoot(out _));
    }
}
