using System.Collections;
using System.Text;
using CityEdge.Config;
using CityEdge.Health;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Node;

[TestClass]
public sealed class NodeRuntimeTests
{
    private static readonly DateTime Start = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    private sealed class Rig
    {
        public Rig(string extraConfig = "", bool clockSet = true, MemoryStore? store = null)
        {
            Clock = new SimulatedClock(Start, clockSet);
            Store = store ?? new MemoryStore();
            Climate = new SimulatedClimateSensor(Clock, seed: 3, recordSamples: true);
            var errors = new ArrayList();
            Config = NodeConfig.Parse("node.id = lp-7\nmqtt.topic_root = test\n" + extraConfig, errors)
                ?? throw new InvalidOperationException(string.Join("; ", errors.Cast<object>()));
            Node = new NodeRuntime(Config, new NodeHardware { Climate = Climate }, Clock, Store, Link, Log);
        }

        public SimulatedClock Clock { get; }

        public MemoryStore Store { get; }

        public SimulatedClimateSensor Climate { get; }

        public NodeConfig Config { get; }

        public RecordingLink Link { get; } = new();

        public CollectingLogSink Log { get; } = new("lp-7", () => DateTime.UnixEpoch);

        public NodeRuntime Node { get; }

        public void RunFor(TimeSpan span)
        {
            Clock.RunUntil(Node.Scheduler, Clock.MonotonicMs() + (long)span.TotalMilliseconds);
        }

        public List<TelemetryReport> Reports() => Link.On("test/lp-7/telemetry").Select(f =>
        {
            var r = new TelemetryReport();
            TelemetryCodec.Decode(f, 0, f.Length, r);
            return r;
        }).ToList();
    }

    [TestMethod]
    public void ReportsEveryPeriodWithConsecutiveSequencesAndIntervalEndTimestamps()
    {
        var rig = new Rig();
        rig.RunFor(TimeSpan.FromMinutes(10));

        var reports = rig.Reports();
        Assert.AreEqual(10, reports.Count);
        for (int i = 0; i < reports.Count; i++)
        {
            Assert.AreEqual(i, reports[i].Sequence);
            var expected = Start.AddMinutes(i + 1);
            Assert.AreEqual((uint)(expected - DateTime.UnixEpoch).TotalSeconds, reports[i].TimestampUnixSeconds);
            Assert.IsTrue(reports[i].HasClimate);
            Assert.AreEqual(0, reports[i].HealthEntryCount);
        }
    }

    [TestMethod]
    public void EachReportCarriesTheMeanOfTheSixSamplesOfItsMinute()
    {
        var rig = new Rig();
        rig.RunFor(TimeSpan.FromMinutes(5));

        var reports = rig.Reports();
        var samples = rig.Climate.Samples;
        Assert.AreEqual(30, samples.Count, "one sample every 10 s, the first 10 s in");
        for (int i = 0; i < reports.Count; i++)
        {
            var minute = samples.Where(s => s.MonotonicMs > i * 60_000 && s.MonotonicMs <= (i + 1) * 60_000).ToList();
            Assert.AreEqual(6, minute.Count);
            Assert.AreEqual(minute.Average(s => (double)s.TemperatureDegC), reports[i].TemperatureDegC, 0.005 + 1e-4);
            Assert.AreEqual(minute.Average(s => (double)s.HumidityPct), reports[i].HumidityPct, 0.25 + 1e-4);
            Assert.AreEqual(minute.Average(s => (double)s.PressureHpa), reports[i].PressureHpa, 0.05 + 1e-3);
        }
    }

    [TestMethod]
    public void PublishesARetainedBirthOnConnectWithTheFirstSequenceOfTheBoot()
    {
        var rig = new Rig();
        rig.RunFor(TimeSpan.FromSeconds(1));

        var birth = rig.Link.Published.Single(p => p.Topic == "test/lp-7/status");
        Assert.IsTrue(birth.Retain);
        using (var status = System.Text.Json.JsonDocument.Parse(birth.Payload))
        {
            var root = status.RootElement;
            Assert.AreEqual("online", root.GetProperty("state").GetString());
            Assert.AreEqual("lp-7", root.GetProperty("node").GetString());
            Assert.AreEqual(NodeStatus.FirmwareVersion, root.GetProperty("firmware").GetString());
            Assert.AreEqual(0, root.GetProperty("first_sequence").GetInt32());
        }

        rig.Node.Shutdown();
        var last = rig.Link.Published[^1];
        Assert.AreEqual("test/lp-7/status", last.Topic);
        Assert.AreEqual("{\"state\":\"offline\"}", Encoding.UTF8.GetString(last.Payload));
    }

    [TestMethod]
    public void WhileTheLinkIsDownReportsWaitAndThenDrainOldestFirst()
    {
        var rig = new Rig();
        rig.Link.IsConnected = false;
        rig.RunFor(TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, rig.Reports().Count);
        Assert.AreEqual(5, rig.Node.OutboxCount);

        rig.Link.IsConnected = true;
        RecordingLink.RunUntilUp(rig.Clock, rig.Node);
        rig.RunFor(TimeSpan.FromSeconds(1));

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, rig.Reports().Select(r => r.Sequence).Take(5).ToArray());
        Assert.AreEqual(0, rig.Node.OutboxCount);
    }

    [TestMethod]
    public void AFullQueueDropsTheOldestCountsItAndSaysSo()
    {
        // The smallest flash budget (8 KiB) holds about 6 hours of climate reports: 8 hours offline overflows it.
        var rig = new Rig("link.outbox_frames = 3\nlink.queue_budget_bytes = 8192\n");
        rig.Link.IsConnected = false;
        rig.RunFor(TimeSpan.FromHours(8));
        rig.Link.IsConnected = true;
        rig.RunFor(TimeSpan.FromMinutes(5));

        var reports = rig.Reports();
        var sequences = reports.Select(r => r.Sequence).Order().ToArray();
        Assert.IsGreaterThan(0, rig.Node.DroppedReportCount);
        Assert.AreEqual(rig.Node.DroppedReportCount, sequences[0], "exactly the oldest reports went");
        CollectionAssert.AreEqual(Enumerable.Range(sequences[0], sequences.Length).ToArray(), sequences, "nothing newer is missing");
        Assert.AreEqual((8 * 60) + 5 - 1, sequences[^1]);
        Assert.IsTrue(
            reports.Any(r => Enumerable.Range(0, r.HealthEntryCount).Any(i => r.GetFaultSource(i) == FaultSource.Link && r.GetFaultReason(i) == FaultReason.Overflow)),
            "a report says the queue overflowed");
    }

    [TestMethod]
    public void AnUnsetClockGivesTimestampZeroAndAHealthEntry()
    {
        var rig = new Rig(clockSet: false);
        rig.RunFor(TimeSpan.FromMinutes(1));

        var report = rig.Reports().Single();
        Assert.AreEqual(0u, report.TimestampUnixSeconds);
        Assert.AreEqual(FaultSource.Clock, report.GetFaultSource(0));
        Assert.AreEqual(FaultReason.NotSet, report.GetFaultReason(0));
    }

    [TestMethod]
    public void APulledSensorCableShowsAsNoValueWithAReasonNeverAsZero()
    {
        var rig = new Rig();
        rig.Climate.Disconnected = true;
        rig.RunFor(TimeSpan.FromMinutes(1));
        rig.Climate.Disconnected = false;
        rig.RunFor(TimeSpan.FromMinutes(1));

        var reports = rig.Reports();
        Assert.IsFalse(reports[0].HasClimate);
        Assert.AreEqual(FaultSource.Climate, reports[0].GetFaultSource(0));
        Assert.AreEqual(FaultReason.NotResponding, reports[0].GetFaultReason(0));
        Assert.IsTrue(reports[1].HasClimate);
        StringAssert.Contains(string.Join("\n", rig.Log.Lines), "read failed, reason 1");
    }

    [TestMethod]
    public void SequenceNumbersContinueAcrossARebootWithoutReuse()
    {
        var store = new MemoryStore();
        var first = new Rig(store: store);
        first.RunFor(TimeSpan.FromMinutes(3));
        var second = new Rig(store: store);
        second.RunFor(TimeSpan.FromMinutes(2));

        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, first.Reports().Select(r => r.Sequence).ToArray());
        CollectionAssert.AreEqual(new[] { 64, 65 }, second.Reports().Select(r => r.Sequence).ToArray());
    }

    [TestMethod]
    public void ASimulatedHourIsDeterministic()
    {
        var a = new Rig();
        var b = new Rig();
        a.RunFor(TimeSpan.FromHours(1));
        b.RunFor(TimeSpan.FromHours(1));

        Assert.AreEqual(60, a.Reports().Count);
        CollectionAssert.AreEqual(
            a.Link.On("test/lp-7/telemetry").SelectMany(f => f).ToArray(),
            b.Link.On("test/lp-7/telemetry").SelectMany(f => f).ToArray());
    }
}
