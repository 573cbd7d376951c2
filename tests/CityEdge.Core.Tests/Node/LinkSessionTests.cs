using System.Collections;
using System.Text.Json;
using CityEdge.Config;
using CityEdge.Host.Simulation;
using CityEdge.Link;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Node;

/// <summary>
/// The node's MQTT session on a link the test controls: acknowledgements that arrive later than the
/// publish, stalls, lost connections, the MQTT 5 → 3.1.1 fallback (formerly M2MqttLink's decisions).
/// </summary>
[TestClass]
public sealed class LinkSessionTests
{
    private const string Telemetry = "t/n1/telemetry";

    [TestMethod]
    public void AcknowledgementsThatTakeTwoSecondsNeitherSkipARunNorDelayASample()
    {
        var rig = new Rig("report.period_s = 10\nclimate.period_s = 10\nlink.drain_per_s = 10");
        rig.Link.AckDelayMs = 2_000;
        rig.Link.IsConnected = false;
        rig.Run(600_000);
        int backlog = rig.Node.OutboxCount;
        Assert.AreEqual(60, backlog, "ten minutes of reports queued");

        rig.Link.IsConnected = true;
        while (!rig.Node.Link.IsUp)
        {
            rig.Run(rig.Clock.MonotonicMs() + 1_000);
        }

        // The reconnect's pass handed over a window of backlog frames; none is acknowledged yet, so none has left the outbox.
        Assert.AreEqual(LinkSession.MaxFramesInFlight, rig.Link.Published.Count(p => p.Topic == Telemetry));
        Assert.AreEqual(rig.Node.ReportCount, rig.Node.OutboxCount, "a frame leaves the outbox only with its PUBACK");
        Assert.IsGreaterThanOrEqualTo(LinkSession.MaxFramesInFlight, rig.Node.Link.AwaitingAcknowledgement);

        // Ten more minutes, ending 5 s after a report, so every acknowledgement is in.
        rig.Run((((rig.Clock.MonotonicMs() + 600_000) / 10_000) * 10_000) + 5_000);

        Assert.AreEqual(0, rig.Node.Scheduler.SkippedRunCount, "no scheduler run skipped");
        var sampleTimes = rig.Climate.Samples.Select(s => s.MonotonicMs).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(1, sampleTimes.Count).Select(i => i * 10_000L).ToList(), sampleTimes, "every sample on its 10 s tick");
        Assert.AreEqual(0, rig.Node.OutboxCount, "the backlog drained at 2 s per acknowledgement round trip");
        var sequences = rig.Link.On(Telemetry).Select(Sequence).ToList();
        CollectionAssert.AreEquivalent(Enumerable.Range(0, rig.Node.ReportCount).ToList(), sequences, "every report delivered exactly once");
        Assert.AreEqual(0, rig.Node.Link.StallCount);
    }

    [TestMethod]
    public void ABrokerThatStopsAcknowledgingIsDroppedAndTheFramesAreSentAgain()
    {
        var rig = new Rig("report.period_s = 10\nclimate.period_s = 10");
        rig.Run(5_000);
        Assert.IsTrue(rig.Node.Link.IsUp);
        rig.Link.AckDelayMs = 3_600_000;

        // Report 0 (at 10 s) is the first to wait; 30 s later nothing has been acknowledged.
        rig.Run(10_000 + LinkSession.StallMs + 500);

        Assert.AreEqual(1, rig.Link.Drops, "the stalled connection was dropped");
        Assert.AreEqual(1, rig.Node.Link.StallCount);
        Assert.AreEqual(4, rig.Node.OutboxCount, "the unacknowledged live reports (10, 20, 30, 40 s) wait in the outbox");
        Assert.IsTrue(rig.Log.Lines.Any(l => l.Contains("no acknowledgement for 30 s", StringComparison.Ordinal)), string.Join("\n", rig.Log.Lines));

        rig.Link.AckDelayMs = 0;
        RecordingLink.RunUntilUp(rig.Clock, rig.Node);
        rig.Run(rig.Clock.MonotonicMs() + 2_000);
        var sequences = rig.Link.On(Telemetry).Select(Sequence).ToList();

        // The broker got reports 0-3 before it fell silent and gets them again: the receiver drops these
        // duplicates by sequence number (docs/mqtt.md).
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 0, 1, 2, 3 }, sequences.Take(8).ToArray());
        Assert.AreEqual(0, rig.Node.OutboxCount);
    }

    [TestMethod]
    public void ALiveFrameWhoseConnectionDropsBeforeItsAcknowledgementGoesToTheOutbox()
    {
        var rig = new Rig("report.period_s = 10\nclimate.period_s = 10");
        rig.Link.AckDelayMs = 5_000;
        rig.Run(10_000);
        Assert.AreEqual(1, rig.Link.On(Telemetry).Count, "report 0 handed over");
        Assert.AreEqual(1, rig.Node.OutboxCount, "and counted until acknowledged");

        rig.Link.IsConnected = false;
        rig.Run(11_000);
        Assert.AreEqual(1, rig.Node.OutboxCount);
        Assert.AreEqual(0, rig.Node.Link.AwaitingAcknowledgement);

        rig.Link.AckDelayMs = 0;
        rig.Link.IsConnected = true;
        RecordingLink.RunUntilUp(rig.Clock, rig.Node);
        rig.Run(rig.Clock.MonotonicMs() + 1_000);
        Assert.AreEqual(0, rig.Node.OutboxCount);
        Assert.AreEqual(0, rig.Link.On(Telemetry).Select(Sequence).Skip(1).First(), "report 0 sent again after the reconnect");
    }

    [TestMethod]
    public void FramesTheClientGaveUpOnAreSentAgainOldestFirst()
    {
        var rig = new Rig("report.period_s = 10\nclimate.period_s = 10\nlink.drain_per_s = 2");
        rig.Link.IsConnected = false;
        rig.Run(60_000);
        rig.Link.IsConnected = true;
        rig.Link.GiveUp = true;
        RecordingLink.RunUntilUp(rig.Clock, rig.Node);
        rig.Run(rig.Clock.MonotonicMs() + 2_000);
        int queued = rig.Node.OutboxCount;

        rig.Link.GiveUp = false;
        rig.Run(rig.Clock.MonotonicMs() + 10_000);
        var sequences = rig.Link.On(Telemetry).Select(Sequence).ToList();

        Assert.IsGreaterThanOrEqualTo(6, queued, "nothing left the outbox while every PUBACK said 'not delivered'");
        Assert.AreEqual(0, rig.Node.OutboxCount);
        Assert.AreEqual(0, sequences[0]);
        CollectionAssert.IsSubsetOf(Enumerable.Range(0, rig.Node.ReportCount).ToList(), sequences, "every report made it in the end");
        Assert.IsGreaterThan(sequences.Distinct().Count(), sequences.Count, "the refused ones went out again");
    }

    [TestMethod]
    public void ABrokerRefusingMqtt5GetsA311AttemptInTheSamePassAndTheStatusSaysSo()
    {
        var rig = new Rig("");
        rig.Link.RefuseV5With = 0x84;

        rig.Run(1_000);

        CollectionAssert.AreEqual(new[] { MqttProtocol.Version5, MqttProtocol.Version311 }, rig.Link.Attempts.Take(2).ToArray());
        Assert.IsTrue(rig.Node.Link.IsUp);
        using var status = JsonDocument.Parse(rig.Link.On("t/n1/status")[0]);
        Assert.AreEqual("3.1.1", status.RootElement.GetProperty("mqtt_version").GetString());
        rig.Link.IsConnected = false;
        rig.Link.IsConnected = true;
        RecordingLink.RunUntilUp(rig.Clock, rig.Node);
        Assert.AreEqual(MqttProtocol.Version311, rig.Link.Attempts[^1], "3.1.1 kept after it worked");
    }

    [TestMethod]
    public void MessagesArrivingFasterThanTheLoopTakesThemAreDroppedAndCounted()
    {
        var rig = new Rig("");
        rig.Run(1_000);
        for (int i = 0; i < LinkInbox.MessageLimit + 5; i++)
        {
            rig.Link.Deliver("t/n1/command", [1, 2, 3]);
        }

        rig.Run(3_000);

        Assert.AreEqual(5, rig.Node.Link.ReceivedDropped, "the five oldest went");
        Assert.AreEqual(LinkInbox.MessageLimit, rig.Node.Commands.RejectedCount, "the sixteen kept were processed (and refused: not signed)");

        // The command centre learns of the drops: the next status (here the birth of a new connection) says so.
        rig.Link.IsConnected = false;
        rig.Link.IsConnected = true;
        RecordingLink.RunUntilUp(rig.Clock, rig.Node);
        using var status = JsonDocument.Parse(rig.Link.On("t/n1/status")[^1]);
        Assert.AreEqual(5, status.RootElement.GetProperty("rx_dropped").GetInt32());
    }

    [TestMethod]
    public void TheSessionSubscribesOnEveryConnection()
    {
        var rig = new Rig("");
        rig.Run(1_000);
        rig.Link.IsConnected = false;
        rig.Link.IsConnected = true;
        RecordingLink.RunUntilUp(rig.Clock, rig.Node);

        CollectionAssert.AreEqual(new[] { "t/n1/command", "t/n1/command" }, rig.Link.Subscribed);
    }

    private static int Sequence(byte[] frame)
    {
        var report = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, report);
        return report.Sequence;
    }

    private sealed class Rig
    {
        public Rig(string extra)
        {
            Clock = new SimulatedClock(new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc));
            Climate = new SimulatedClimateSensor(Clock, 1, recordSamples: true);
            Link = new RecordingLink { Clock = Clock };
            var errors = new ArrayList();
            var config = NodeConfig.Parse("node.id = n1\nmqtt.topic_root = t\n" + extra, errors)
                ?? throw new AssertFailedException(string.Join("; ", errors.Cast<ConfigError>()));
            Node = new NodeRuntime(config, new NodeHardware { Climate = Climate }, Clock, new MemoryStore(), Link, Log);
        }

        public SimulatedClock Clock { get; }

        public SimulatedClimateSensor Climate { get; }

        public RecordingLink Link { get; }

        public CollectingLogSink Log { get; } = new("n1", () => DateTime.UnixEpoch);

        public NodeRuntime Node { get; }

        /// <summary>The main loop on a simulated clock, with the broker's acknowledgements arriving in between.</summary>
        public void Run(long endMs)
        {
            while (true)
            {
                long next = Math.Min(Node.Scheduler.NextDueMs, Link.NextAckDueMs);
                if (next > endMs)
                {
                    break;
                }

                Clock.AdvanceTo(Math.Max(next, Clock.MonotonicMs()));
                Link.PostDueAcknowledgements(Clock.MonotonicMs());
                Node.Scheduler.RunDue();
            }

            Clock.AdvanceTo(Math.Max(endMs, Clock.MonotonicMs()));
        }
    }
}
