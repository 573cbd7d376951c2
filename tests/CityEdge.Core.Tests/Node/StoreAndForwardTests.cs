using System.Text.Json;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Node;

/// <summary>The node's store-and-forward and status on a link the test controls (no broker).</summary>
[TestClass]
public sealed class StoreAndForwardTests
{
    [TestMethod]
    public void BacklogDrainsOldestFirstAtTheConfiguredRateWhileLiveReportsGoStraightOut()
    {
        var (node, link, clock, _) = Start("link.drain_per_s = 5\nreport.period_s = 10\nclimate.period_s = 10");
        link.IsConnected = false;
        clock.RunUntil(node.Scheduler, 600_000);
        Assert.AreEqual(60, node.OutboxCount, "ten minutes of reports queued");
        Assert.IsTrue(node.QueuedInFlash >= 60 - 32, "RAM spilled to flash");

        link.IsConnected = true;
        link.Published.Clear();
        RecordingLink.RunUntilUp(clock, node);
        clock.RunUntil(node.Scheduler, clock.MonotonicMs() + 10_000);
        var telemetry = link.Published.Where(p => p.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Select(p => Sequence(p.Payload)).ToList();

        // Eleven link periods (the reconnect's and ten more) at 5 frames each; the reports made meanwhile are live.
        CollectionAssert.AreEqual(Enumerable.Range(0, 55).ToList(), telemetry.Where(s => s < 60).ToList(), "backlog oldest first");
        int live = telemetry.Last(s => s > 60);
        Assert.IsTrue(telemetry.IndexOf(live) < telemetry.IndexOf(54), "the live report did not wait behind the backlog: " + string.Join(",", telemetry));
        clock.RunUntil(node.Scheduler, clock.MonotonicMs() + 5_000);
        Assert.AreEqual(0, node.OutboxCount);
        Assert.AreEqual(0, node.DroppedReportCount);
    }

    [TestMethod]
    public void EventsQueuedInFlashGoToTheEventsTopicInOrder()
    {
        var (node, link, clock, _) = Start("link.outbox_frames = 2");
        link.IsConnected = false;
        for (int i = 0; i < 5; i++)
        {
            node.Events.Emit(0x21, [(byte)i, 0xAB], 0, 2);
        }

        Assert.IsTrue(node.QueuedInFlash >= 3, "events spilled to flash like reports");
        link.IsConnected = true;
        RecordingLink.RunUntilUp(clock, node);
        clock.RunUntil(node.Scheduler, clock.MonotonicMs() + 1_000);
        var events = link.Published.Where(p => p.Topic == "city/d1/node-01/events").ToList();

        Assert.AreEqual(5, events.Count);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, events.Select(e => (int)e.Payload[EventFrame.HeaderLength]).ToArray());
        Assert.IsFalse(events.Any(e => e.Retain));
    }

    [TestMethod]
    public void StatusCarriesHealthQueueVersionsAndLoopHealth()
    {
        var (node, link, clock, _) = Start("config.version = 42\nstatus.period_s = 60");
        link.IsConnected = false;
        clock.RunUntil(node.Scheduler, 300_000);
        link.IsConnected = true;
        link.Published.Clear();
        RecordingLink.RunUntilUp(clock, node);
        long upMs = clock.MonotonicMs();

        var status = link.Published.First(p => p.Topic == "city/d1/node-01/status");
        using var json = JsonDocument.Parse(status.Payload);
        var root = json.RootElement;

        Assert.IsTrue(status.Retain);
        Assert.AreEqual("online", root.GetProperty("state").GetString());
        Assert.AreEqual(42, root.GetProperty("config_version").GetInt32());
        Assert.AreEqual("good", root.GetProperty("config_state").GetString());
        Assert.AreEqual(upMs / 1000, root.GetProperty("uptime_s").GetInt64(), "the birth status of the reconnect");
        Assert.AreEqual("power-on", root.GetProperty("reset_reason").GetString());
        Assert.AreEqual(91_000, root.GetProperty("free_heap").GetInt32());
        Assert.AreEqual(-67, root.GetProperty("rssi_dbm").GetInt32());
        Assert.AreEqual((int)(upMs / 60_000), root.GetProperty("queue_ram").GetInt32(), "a report a minute waited for the reconnect");
        Assert.AreEqual(131072, root.GetProperty("queue_budget_bytes").GetInt32());
        Assert.AreEqual(0, root.GetProperty("queue_dropped").GetInt32());
        Assert.AreEqual(0, root.GetProperty("climate_read_errors").GetInt32());
        Assert.AreEqual(NodeStatus.FirmwareVersion, root.GetProperty("firmware").GetString());
        Assert.AreEqual(0, root.GetProperty("loop_max_ms").GetInt32(), "the simulated clock stands still within a pass");
        Assert.AreEqual(0, root.GetProperty("sched_skipped").GetInt32());
        Assert.AreEqual(0, root.GetProperty("rx_dropped").GetInt32());
        Assert.AreEqual(1, root.GetProperty("acks_pending").GetInt32(), "the command subscription's SUBACK is not in yet");
        Assert.AreEqual(0, root.GetProperty("link_stalls").GetInt32());
        Assert.AreEqual("5", root.GetProperty("mqtt_version").GetString());
        var config = link.Published.First(p => p.Topic == "city/d1/node-01/config");
        StringAssert.DoesNotMatch(System.Text.Encoding.UTF8.GetString(config.Payload), new System.Text.RegularExpressions.Regex("password|s3cret"));
    }

    [TestMethod]
    public void BirthOnConnectAndOfflineOnPlannedShutdown()
    {
        var (node, link, clock, _) = Start("");
        clock.RunUntil(node.Scheduler, 0);
        var birth = link.Published[0];
        node.Shutdown();
        var last = link.Published[^1];

        Assert.AreEqual(("city/d1/node-01/status", true), (birth.Topic, birth.Retain));
        StringAssert.StartsWith(System.Text.Encoding.UTF8.GetString(birth.Payload), "{\"state\":\"online\"");
        Assert.AreEqual(("city/d1/node-01/status", true), (last.Topic, last.Retain));
        Assert.AreEqual("{\"state\":\"offline\"}", System.Text.Encoding.UTF8.GetString(last.Payload));
    }

    [TestMethod]
    public void ShutdownKeepsTheQueueForTheNextBoot()
    {
        var (node, link, clock, store) = Start("");
        link.IsConnected = false;
        clock.RunUntil(node.Scheduler, 20 * 60_000);
        node.Shutdown();

        var rebooted = new NodeRuntime(Config(""), new NodeHardware { Climate = new SimulatedClimateSensor(clock, 1) }, clock, store, link, null);

        Assert.AreEqual(20, rebooted.OutboxCount);
        Assert.AreEqual(20, rebooted.QueuedInFlash);
    }

    private static (NodeRuntime, RecordingLink, SimulatedClock, MemoryStore) Start(string extra)
    {
        var clock = new SimulatedClock(new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc));
        var store = new MemoryStore();
        var link = new RecordingLink();
        var hardware = new NodeHardware { Climate = new SimulatedClimateSensor(clock, 1), SystemInfo = new HostInfo() };
        return (new NodeRuntime(Config(extra), hardware, clock, store, link, null), link, clock, store);
    }

    private static NodeConfig Config(string extra)
    {
        var errors = new System.Collections.ArrayList();
        return NodeConfig.Parse("node.id = node-01\nmqtt.topic_root = city/d1\nmqtt.password = s3cret\n" + extra, errors)
            ?? throw new AssertFailedException(string.Join("; ", errors.Cast<ConfigError>()));
    }

    private static int Sequence(byte[] frame)
    {
        var report = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, report);
        return report.Sequence;
    }


    private sealed class HostInfo : ISystemInfo
    {
        public string ResetReason => "power-on";

        public long FreeHeapBytes => 91_000;

        public int WifiRssiDbm => -67;
    }
}
