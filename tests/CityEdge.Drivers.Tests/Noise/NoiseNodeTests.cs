using System.Collections;
using CityEdge.Config;
using CityEdge.Drivers.Sen0232;
using CityEdge.Drivers.Tests.Sen0232;
using CityEdge.Hal;
using CityEdge.Link;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Telemetry;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Drivers.Tests.Noise;

/// <summary>The noise pipeline inside a node: what actually goes on the wire.</summary>
[TestClass]
public sealed class NoiseNodeTests
{
    [TestMethod]
    public void NodeWithTheAnalogMeterPublishesNoiseAndStatisticsGroups()
    {
        var (clock, link, adc) = StartNode(out var runtime);
        adc.LevelDb = 58.0;
        RunUntil(runtime, clock, 60_000);

        var report = LastReport(link);
        Assert.IsTrue(report.HasNoise);
        Assert.IsTrue(report.HasNoiseStatistics);
        Assert.AreEqual(58.0f, report.LaeqDb, 0.1f);
        Assert.AreEqual(58.0f, report.La90Db, 0.1f);
        Assert.IsFalse(report.NoiseRangeFlag);
    }

    [TestMethod]
    public void UnpluggedMeterGivesAHealthEntryAndNoLevels()
    {
        var (clock, link, adc) = StartNode(out var runtime);
        adc.Volts = 0;
        RunUntil(runtime, clock, 60_000);

        var report = LastReport(link);
        Assert.IsFalse(report.HasNoise);
        Assert.IsFalse(report.HasNoiseStatistics);
        Assert.AreEqual(Health.FaultSource.Noise, report.GetFaultSource(0));
        Assert.AreEqual(Health.FaultReason.NotResponding, report.GetFaultReason(0));
    }

    [TestMethod]
    public void SimulatedStreetsBackgroundIsLouderAtRushHourThanAtNight()
    {
        // Local time = UTC + 1 h: 02:00 and 08:00 local. LA90 is the background level, which
        // pass-bys and events (random by design) hardly move.
        for (int seed = 1; seed <= 3; seed++)
        {
            double night = StreetLa90(new DateTime(2026, 3, 4, 1, 0, 0, DateTimeKind.Utc), seed);
            double rush = StreetLa90(new DateTime(2026, 3, 4, 7, 0, 0, DateTimeKind.Utc), seed);
            Assert.IsTrue(night is > 38 and < 52, $"seed {seed}: night LA90 {night:F1} dB");
            Assert.IsTrue(rush > night + 12, $"seed {seed}: rush hour LA90 {rush:F1} dB vs night {night:F1} dB");
        }
    }

    private static double StreetLa90(DateTime startUtc, int seed)
    {
        var clock = new SimulatedClock(startUtc);
        var street = new SimulatedStreetSoundscape(clock, seed);
        var pipeline = new CityEdge.Noise.NoisePipeline(new Sen0232SoundLevelMeter(street, 0f, 125), null);
        for (long t = 0; t <= 600_000; t += 125)
        {
            clock.AdvanceTo(t);
            pipeline.Run(t);
        }

        var report = new TelemetryReport();
        pipeline.Contribute(report);
        return report.La90Db;
    }

    private static (SimulatedClock Clock, CapturingLink Link, SimulatedSen0232Output Adc) StartNode(out NodeRuntime runtime)
    {
        var errors = new ArrayList();
        var config = NodeConfig.Parse("node.id = lamp-17\nreport.period_s = 60\n", errors) ?? throw new AssertFailedException("config: " + errors.Count);
        var clock = new SimulatedClock(new DateTime(2026, 3, 4, 12, 0, 0, DateTimeKind.Utc));
        var link = new CapturingLink();
        var adc = new SimulatedSen0232Output();
        var hardware = new NodeHardware { Noise = new Sen0232SoundLevelMeter(adc, 0f, Sen0232SoundLevelMeter.DefaultPeriodMs) };
        runtime = new NodeRuntime(config, hardware, clock, new MemoryStore(), link, null);
        return (clock, link, adc);
    }

    private static void RunUntil(NodeRuntime runtime, SimulatedClock clock, long endMs)
    {
        for (long t = 0; t <= endMs; t += 10)
        {
            clock.AdvanceTo(t);
            runtime.Scheduler.RunDue();
        }
    }

    private static TelemetryReport LastReport(CapturingLink link)
    {
        var frame = link.Published.Last(p => p.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Payload;
        var report = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, report);
        return report;
    }

    /// <summary>A broker that accepts the connection and acknowledges everything at once.</summary>
    private sealed class CapturingLink : INetworkLink
    {
        private LinkInbox? _inbox;
        private int _nextId;

        public List<(string Topic, byte[] Payload)> Published { get; } = [];

        public void BeginConnect(ConnectRequest request, LinkInbox inbox)
        {
            _inbox = inbox;
            inbox.PostConnected(request.ProtocolVersion);
        }

        public int Publish(string topic, int topicAlias, byte[] payload, int offset, int count, MessageQos qos, bool retain)
        {
            Published.Add((topic, payload.AsSpan(offset, count).ToArray()));
            int id = ++_nextId;
            _inbox!.PostPublishDone(id, true);
            return id;
        }

        public int Subscribe(string topicFilter, MessageQos qos)
        {
            int id = ++_nextId;
            _inbox!.PostSubscribeDone(id, true);
            return id;
        }

        public void Drop() => _inbox!.PostConnectionLost("dropped");
    }
}
