using System.Collections.Concurrent;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Simulation;

namespace CityEdge.Host.Tests.Simulation;

/// <summary>Issue 19, fleet scale: ids per run, reports spread like a city's, timestamps from the paced clock.</summary>
[TestClass]
public sealed class FleetScaleTests
{
    [TestMethod]
    public void NodeIdsAreTheFleetNameAndANumberPaddedToTheFleetsWidth()
    {
        Assert.AreEqual("node-01", Fleet.NodeName(0));
        Assert.AreEqual("lab-20", Fleet.NodeName(19, "lab", 20));
        Assert.AreEqual("sim-k3f9-00042", Fleet.NodeName(41, "sim-k3f9", 10_000));
        Assert.AreEqual("sim-k3f9-10000", Fleet.NodeName(9_999, "sim-k3f9", 10_000));
    }

    [TestMethod]
    public void AFleetKnowsItsOwnIdsFromAnotherFleetsWithALongerName()
    {
        Assert.IsTrue(Fleet.IsNodeOf("lab-01", "lab", 20));
        Assert.IsTrue(Fleet.IsNodeOf("lab-20", "lab", 20));
        Assert.IsFalse(Fleet.IsNodeOf("lab-21", "lab", 20), "beyond the fleet");
        Assert.IsFalse(Fleet.IsNodeOf("lab-00", "lab", 20));
        Assert.IsFalse(Fleet.IsNodeOf("lab-2-01", "lab", 20), "fleet lab-2's node");
        Assert.IsFalse(Fleet.IsNodeOf("lab-001", "lab", 20), "another width: another fleet size");
        Assert.IsFalse(Fleet.IsNodeOf("node-01", "lab", 20));
    }

    [TestMethod]
    public void GeneratedFleetNamesMakeValidNodeIds()
    {
        for (int i = 0; i < 50; i++)
        {
            string name = CityEdge.Cli.Commands.SimulateCommand.GeneratedFleetName();
            StringAssert.Matches(name, new System.Text.RegularExpressions.Regex("^sim-[a-z0-9]{4}$"));
            Assert.IsNull(CityEdge.Config.NodeConfig.Schema.Single(k => k.Name == "node.id").Check(Fleet.NodeName(99_999, name, 100_000)));
        }
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task PacedReportsAreStampedFromWhenPacingStartedAndSpreadOverThePeriod()
    {
        // A start date far in the past: before the fix, frames were stamped from it (process start),
        // however long the nodes took to connect.
        var options = new FleetOptions
        {
            Nodes = 3, Duration = TimeSpan.FromMinutes(3), Speed = 1000, StartUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            TopicRoot = "it/paced", ParkingBays = 0, SpreadReports = true, Name = "paced",
        };
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var receiver = await TelemetryReceiver.ConnectAsync(broker.Address, options.TopicRoot, CancellationToken.None);
        var received = new ConcurrentQueue<ReceivedReport>();
        receiver.ReportReceived += received.Enqueue;
        await using var fleet = await Fleet.StartAsync(options, broker.Address, CancellationToken.None);
        var connected = DateTime.UtcNow;

        await fleet.RunAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received.Count < fleet.ReportsProduced && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // Pacing starts on the first whole second after the nodes connected: node i's clock starts
        // i × 60 / 3 = 20 i s late, so its reports are due at 60 + 20 i, 120 + 20 i, … ≤ 180 s.
        var paced = fleet.PacedFromUtc!.Value;
        Assert.IsTrue(paced >= connected.AddSeconds(-1) && paced.Ticks % TimeSpan.TicksPerSecond == 0, $"paced from {paced:O}, connected {connected:O}");
        var expected = new Dictionary<string, int[]>
        {
            ["paced-01"] = [60, 120, 180],
            ["paced-02"] = [80, 140],
            ["paced-03"] = [100, 160],
        };
        Assert.AreEqual(7, fleet.ReportsProduced);
        foreach (var (node, offsets) in expected)
        {
            CollectionAssert.AreEqual(
                offsets.Select(s => (uint)(new DateTimeOffset(paced).ToUnixTimeSeconds() + s)).ToArray(),
                received.Where(r => r.NodeId == node).Select(r => r.Report!.TimestampUnixSeconds).Order().ToArray(),
                node);
        }

        Assert.AreEqual(3 * 3 / 60.0 - (20 + 40) / 3600.0, fleet.NodeHours, 1e-9, "a node counts from its own start");
    }
}
