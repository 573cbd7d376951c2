using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Simulation;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Host.Tests.Lighting;

/// <summary>Virtual nodes light their street: lamp group in every report, boosts from simulated passers-by.</summary>
[TestClass]
public sealed class VirtualLampTests
{
    [TestMethod]
    public async Task VirtualNodesReportTheirLampsThroughTheBroker()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var receiver = await TelemetryReceiver.ConnectAsync(broker.Address, "test/lamps", timeout.Token);
        var reports = new List<ReceivedReport>();
        receiver.ReportReceived += r => { lock (reports) { reports.Add(r); } };

        // 19:00-19:30 UTC = 20:00 local in the simulated Amsterdam street: dark, people about.
        var options = new FleetOptions { Nodes = 2, Duration = TimeSpan.FromMinutes(30), Speed = 0, StartUtc = new DateTime(2026, 11, 23, 19, 0, 0, DateTimeKind.Utc), TopicRoot = "test/lamps" };
        await using var fleet = await Fleet.StartAsync(options, broker.Address, timeout.Token);
        await fleet.RunAsync(timeout.Token);

        while (!timeout.IsCancellationRequested && Count() < fleet.ReportsProduced)
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.AreEqual(60, fleet.ReportsProduced);
        lock (reports)
        {
            Assert.AreEqual(60, reports.Count);
            foreach (var r in reports)
            {
                Assert.IsNotNull(r.Report);
                Assert.IsTrue(r.Report.HasLamp, "every report of a lamp node has the lamp group");
                Assert.IsTrue(r.Report.LampLevelPct >= 27f, $"{r.NodeId}: {r.Report.LampLevelPct} % is below the class minimum");
                Assert.IsTrue(r.Report.LampEnergyWh > 0f);
            }
        }

        foreach (var node in fleet.Nodes)
        {
            Assert.IsTrue(node.Runtime.Lighting!.GetHealthCounterValue(2) > 0, node.NodeId + " saw no passer-by in 30 min of evening");
            Assert.IsFalse(float.IsNaN(node.Lamp!.DutyFraction));
        }

        int Count()
        {
            lock (reports)
            {
                return reports.Count;
            }
        }
    }
}
