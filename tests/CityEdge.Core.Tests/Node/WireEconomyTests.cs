using System.Collections;
using System.Text;
using System.Text.Json;
using CityEdge.Config;
using CityEdge.Host.Simulation;
using CityEdge.Link;
using CityEdge.Node;

namespace CityEdge.Core.Tests.Node;

/// <summary>
/// What the node leaves off the wire (issue 19): topic aliases for its repeated topics where the
/// link and broker allow them (MQTT 5.0 section 3.3.2.3.4), a keep-alive its reports already satisfy,
/// and status messages that carry only what differs from the last full one.
/// </summary>
[TestClass]
public sealed class WireEconomyTests
{
    private const string Telemetry = "t/n1/telemetry";
    private const string Status = "t/n1/status";

    [TestMethod]
    public void RepeatedTopicsTravelAsAnAliasOnceTheConnectionHasSeenThemInFull()
    {
        var rig = new Rig("report.period_s = 10\nclimate.period_s = 10", aliases: 10);
        rig.Run(35_000);

        var telemetry = rig.Link.Sent.Where((s, i) => rig.Link.Published[i].Topic == Telemetry).ToList();
        Assert.AreEqual(3, telemetry.Count);
        Assert.AreEqual((Telemetry, 1), telemetry[0], "the first report sets alias 1");
        Assert.AreEqual(("", 1), telemetry[1], "later ones carry only the alias");
        Assert.AreEqual(("", 1), telemetry[2]);
        Assert.AreEqual((Status, 2), rig.Link.Sent[rig.Link.Published.FindIndex(p => p.Topic == Status)], "the birth status sets alias 2");
        Assert.AreEqual(0, rig.Link.Sent[rig.Link.Published.FindIndex(p => p.Topic == "t/n1/config")].Alias, "the config, sent once per connection, gets none");

        // A new connection starts without aliases: the topic goes in full once more.
        rig.Link.IsConnected = false;
        rig.Link.IsConnected = true;
        int before = rig.Link.Sent.Count;
        RecordingLink.RunUntilUp(rig.Clock, rig.Node);
        rig.Run(rig.Clock.MonotonicMs() + 20_000);
        var after = rig.Link.Sent.Skip(before).Where((s, i) => rig.Link.Published[before + i].Topic == Telemetry).ToList();
        Assert.AreEqual((Telemetry, 1), after[0]);
        Assert.AreEqual(("", 1), after[^1]);
    }

    [TestMethod]
    public void NoAliasWhereTheLinkCannotSendOneOrTheBrokerAllowsFewer()
    {
        // The device's M2Mqtt link posts a topic alias maximum of 0.
        var device = new Rig("report.period_s = 10\nclimate.period_s = 10", aliases: 0);
        device.Run(35_000);
        Assert.IsTrue(device.Link.Sent.All(s => s.Alias == 0 && s.Topic.Length > 0));

        // A broker that allows one alias: only the first registered topic (telemetry) gets it.
        var one = new Rig("report.period_s = 10\nclimate.period_s = 10", aliases: 1);
        one.Run(35_000);
        Assert.IsTrue(one.Link.Sent.All(s => s.Alias <= 1));
        Assert.IsTrue(one.Link.Sent.Where((s, i) => one.Link.Published[i].Topic == Status).All(s => s.Alias == 0));

        // MQTT 3.1.1 has no topic aliases.
        var v311 = new Rig("report.period_s = 10\nclimate.period_s = 10", aliases: 10);
        v311.Link.RefuseV5With = 0x84;
        v311.Run(35_000);
        Assert.AreEqual(MqttProtocol.Version311, v311.Node.Link.ProtocolVersion);
        Assert.IsTrue(v311.Link.Sent.All(s => s.Alias == 0));
    }

    [TestMethod]
    [DataRow(60, 90)]
    [DataRow(10, 60)]
    [DataRow(300, 450)]
    [DataRow(3600, 600)]
    public void TheKeepAliveOutlastsAReportPeriod(int reportPeriodS, int keepAliveS)
    {
        Assert.AreEqual(keepAliveS, ConnectRequest.KeepAliveFor(reportPeriodS));
        var rig = new Rig($"report.period_s = {reportPeriodS}", aliases: 0);
        rig.Run(1_000);
        Assert.AreEqual(keepAliveS, rig.Link.Requests.Single().KeepAliveS);
    }

    [TestMethod]
    public void AStatusBetweenFullOnesCarriesOnlyWhatDiffersFromTheLastFull()
    {
        var rig = new Rig("report.period_s = 60\nstatus.period_s = 300\nstatus.full_period_s = 900", aliases: 0);
        rig.Run(1_000);
        var (birth, birthRetained) = rig.Statuses()[0];
        Assert.IsTrue(birthRetained);
        Assert.AreEqual("online", birth["state"]);
        Assert.AreEqual("0", birth["status_seq"]);
        Assert.AreEqual("n1", birth["node"]);
        Assert.AreEqual("0", birth["reports"]);

        rig.Run(301_000);
        var (delta, deltaRetained) = rig.Statuses()[1];
        Assert.IsFalse(deltaRetained, "a delta must not replace the retained full");
        Assert.AreEqual("1", delta["status_seq"]);
        Assert.AreEqual("300", delta["uptime_s"]);
        Assert.AreEqual("5", delta["reports"]);
        Assert.IsFalse(delta.ContainsKey("state"), "no state: a receiver tells a delta from a full by it");
        foreach (string unchanged in new[] { "node", "firmware", "config_version", "first_sequence", "queue_dropped", "mqtt_version", "climate_read_errors" })
        {
            Assert.IsFalse(delta.ContainsKey(unchanged), unchanged + " did not change and is not repeated");
        }

        // The next delta carries what differs from the full, not from the delta before.
        rig.Run(601_000);
        var second = rig.Statuses()[2].Fields;
        Assert.AreEqual("2", second["status_seq"]);
        // A climate node in steady state: time and reports move; acks_pending was 1 in the birth (its
        // subscription awaited the SUBACK), so every delta says 0 until the next full.
        CollectionAssert.AreEquivalent(new[] { "status_seq", "uptime_s", "reports", "acks_pending" }, second.Keys.ToArray(), string.Join(",", second.Keys));
        Assert.AreEqual("0", second["acks_pending"]);

        // The full every status.full_period_s, numbered on.
        rig.Run(901_000);
        var statuses = rig.Statuses();
        Assert.AreEqual(4, statuses.Count, "birth at 0 s, deltas at 300 and 600 s, full at 900 s");
        Assert.AreEqual("3", statuses[3].Fields["status_seq"]);
        Assert.AreEqual("online", statuses[3].Fields["state"]);
        Assert.IsTrue(statuses[3].Retained);

        // The full with only the latest delta applied = every field's current value (the deltas between
        // can be lost): a fresh full says the same.
        rig.Run(1_501_000);
        var merged = new Dictionary<string, string>(statuses[3].Fields);
        foreach (var (key, value) in rig.Statuses()[^1].Fields)
        {
            merged[key] = value;
        }

        rig.RequestStatus();
        var fresh = rig.Statuses()[^1].Fields;
        Assert.AreEqual("online", fresh["state"], "request-status sends a full one");
        Assert.AreEqual("6", fresh["status_seq"]);

        // Not compared: what the second between them and the command itself changed.
        foreach (string key in fresh.Keys.Where(k => k is not ("status_seq" or "uptime_s" or "commands_accepted")))
        {
            Assert.AreEqual(fresh[key], merged.GetValueOrDefault(key), key);
        }
    }

    [TestMethod]
    public void JsonIsWrittenAsciiWithEscapesAndEveryLong()
    {
        var json = new JsonObjectBuffer(4);
        json.Begin();
        json.Field("min", long.MinValue);
        json.Field("max", long.MaxValue);
        json.Field("neg", -1);
        json.Field("zero", 0);
        json.Field("text", "a\"b\\c é\u0001");
        json.End();

        string text = Encoding.ASCII.GetString(json.Bytes, 0, json.Length);
        Assert.AreEqual("{\"min\":-9223372036854775808,\"max\":9223372036854775807,\"neg\":-1,\"zero\":0,\"text\":\"a\\\"b\\\\c \\u00e9\\u0001\"}", text);
        Assert.AreEqual("a\"b\\c é\u0001", JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("text").GetString());
    }

    private sealed class Rig
    {
        private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        public Rig(string extra, int aliases)
        {
            Clock = new SimulatedClock(new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc));
            Link = new RecordingLink { Clock = Clock, TopicAliasMaximum = aliases };
            var errors = new ArrayList();
            var config = NodeConfig.Parse("node.id = n1\nmqtt.topic_root = t\n" + extra, errors)
                ?? throw new AssertFailedException(string.Join("; ", errors.Cast<ConfigError>()));
            var store = new MemoryStore();
            store.WriteAll(CommandProcessor.KeyFile, Key, 0, Key.Length);
            Node = new NodeRuntime(config, new NodeHardware { Climate = new SimulatedClimateSensor(Clock, 1) }, Clock, store, Link, null);
        }

        public SimulatedClock Clock { get; }

        public RecordingLink Link { get; }

        public NodeRuntime Node { get; }

        public void Run(long endMs) => Clock.RunUntil(Node.Scheduler, endMs);

        /// <summary>Every status published, its fields as JSON text, and whether it was retained.</summary>
        public List<(Dictionary<string, string> Fields, bool Retained)> Statuses() => Link.Published
            .Where(p => p.Topic == Status && !Encoding.UTF8.GetString(p.Payload).Contains("offline", StringComparison.Ordinal))
            .Select(p => (JsonDocument.Parse(p.Payload).RootElement.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.ToString()), p.Retain))
            .ToList();

        /// <summary>A signed request-status from the command centre, run on the next link period.</summary>
        public void RequestStatus()
        {
            byte[] frame = new CommandFrame { Action = CommandAction.RequestStatus, Counter = 1, NodeId = "n1" }.Sign(Key);
            Link.Deliver("t/n1/command", frame);
            Run(Clock.MonotonicMs() + 1_000);
        }
    }
}
