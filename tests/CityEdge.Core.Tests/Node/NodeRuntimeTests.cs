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
            long end = Clock.MonotonicMs() + (long)span.TotalMilliseconds;
            while (Node.Scheduler.NextDueMs <= end)
            {
                Clock.AdvanceTo(Node.Scheduler.NextDueMs);
                Node.Scheduler.RunDue();
            }

            Clock.AdvanceTo(end);
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
        Assert.AreEqual("{\"state\":\"online\",\"node\":\"lp-7\",\"firmware\":\"" + NodeStatus.FirmwareVersion + "\",\"first_sequence\":0}", Encoding.UTF8.GetString(birth.Payload));

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
        rig.RunFor(TimeSpan.FromSeconds(1));

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, rig.Reports().Select(r => r.Sequence).ToArray());
        Assert.AreEqual(0, rig.Node.OutboxCount);
    }

    [TestMethod]
    public void AFullOutboxDropsTheOldestCountsItAndSaysSoInTheNextReport()
    {
        var rig = new Rig("link.outbox_frames = 3\n");
        rig.Link.IsConnected = false;
        rig.RunFor(TimeSpan.FromMinutes(5));
        rig.Link.IsConnected = true;
        rig.RunFor(TimeSpan.FromMinutes(2));

        // Queuing report 3 dropped report 0, queuing report 4 dropped report 1: the report after each drop says so.
        var reports = rig.Reports();
        CollectionAssert.AreEqual(new[] { 2, 3, 4, 5, 6 }, reports.Select(r => r.Sequence).ToArray());
        Assert.AreEqual(2, rig.Node.DroppedReportCount);
        CollectionAssert.AreEqual(new[] { 0, 0, 1, 1, 0 }, reports.Select(r => r.HealthEntryCount).ToArray());
        Assert.AreEqual(FaultSource.Link, reports[2].GetFaultSource(0));
        Assert.AreEqual(FaultReason.Overflow, reports[2].GetFaultReason(0));
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
