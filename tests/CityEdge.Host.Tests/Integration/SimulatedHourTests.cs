using System.Collections.Concurrent;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Simulation;

namespace CityEdge.Host.Tests.Integration;

/// <summary>One simulated hour of a node through a real (in-process) MQTT broker.</summary>
[TestClass]
public sealed class SimulatedHourTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task EveryReportOfAnHourArrivesInOrderWithoutGapsCarryingTheSimulatedValues()
    {
        var start = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        var options = new FleetOptions { Nodes = 1, Duration = TimeSpan.FromHours(1), Speed = 0, StartUtc = start, RecordSamples = true, TopicRoot = "it/hour" };
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var receiver = await TelemetryReceiver.ConnectAsync(broker.Address, options.TopicRoot, CancellationToken.None);
        var received = new ConcurrentQueue<ReceivedReport>();
        receiver.ReportReceived += received.Enqueue;

        await using (var fleet = await Fleet.StartAsync(options, broker.Address, CancellationToken.None))
        {
            await fleet.RunAsync(CancellationToken.None);
            Assert.AreEqual(60, fleet.ReportsProduced);
            await WaitUntil(() => received.Count >= 60);

            var node = fleet.Nodes[0];
            var reports = received.ToList();
            Assert.AreEqual(60, reports.Count);
            Assert.IsTrue(reports.All(r => r.Error == null && r.NodeId == node.NodeId && r.Observation == SequenceObservation.New));
            CollectionAssert.AreEqual(Enumerable.Range(0, 60).ToArray(), reports.Select(r => r.Report!.Sequence).ToArray(), "in order, no gap");

            var tally = receiver.Nodes.Single();
            Assert.AreEqual(0, tally.Sequences.Missing);
            Assert.AreEqual(0, tally.Sequences.Duplicates);

            // Independent expectation: the mean of the samples the simulated sensor produced in each
            // minute, quantised to the frame's resolution (0.01 °C, 0.5 %RH, 0.1 hPa).
            var samples = node.Climate.Samples;
            Assert.AreEqual(360, samples.Count);
            for (int minute = 0; minute < 60; minute++)
            {
                var r = reports[minute].Report!;
                var window = samples.Where(s => s.MonotonicMs > minute * 60_000L && s.MonotonicMs <= (minute + 1) * 60_000L).ToList();
                Assert.AreEqual(6, window.Count);
                Assert.AreEqual((uint)(start.AddMinutes(minute + 1) - DateTime.UnixEpoch).TotalSeconds, r.TimestampUnixSeconds);
                Assert.AreEqual(Quantise(window.Average(s => (double)s.TemperatureDegC), 0.01), r.TemperatureDegC, 0.01 + 1e-4, $"minute {minute}");
                Assert.AreEqual(Quantise(window.Average(s => (double)s.HumidityPct), 0.5), r.HumidityPct, 0.5 + 1e-4, $"minute {minute}");
                Assert.AreEqual(Quantise(window.Average(s => (double)s.PressureHpa), 0.1), r.PressureHpa, 0.1 + 1e-3, $"minute {minute}");
            }
        }

        await WaitUntil(() => receiver.Nodes.Single().State == "offline");
    }

    /// <summary>A value may sit on a rounding boundary, so the tolerance above is one resolution step.</summary>
    private static double Quantise(double value, double resolution) => Math.Round(value / resolution, MidpointRounding.AwayFromZero) * resolution;

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.IsTrue(condition(), "timed out waiting for the broker to deliver");
    }
}
