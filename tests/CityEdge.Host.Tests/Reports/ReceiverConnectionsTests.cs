using System.Collections.Concurrent;
using System.Text;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Network;
using CityEdge.Lighting;
using CityEdge.Telemetry;

namespace CityEdge.Host.Tests.Reports;

/// <summary>
/// How the receiver's connections meet the broker (issue 19, 10 000 nodes): every CONNECT asks for a
/// Receive Maximum of 1 000, so the broker does not hold it to its default of 20 messages in flight
/// (mosquitto's max_inflight_messages; MQTT 5.0 §3.1.2.11.3); with
/// <see cref="ReceiverOptions.SeparateTelemetry"/> the telemetry comes over a connection of its own,
/// so a burst of events and statuses queued at the broker never stands in front of a report. A broker
/// of the test's own (the embedded one, observed) records who subscribed to what and to
/// which connection each message went.
/// </summary>
[TestClass]
public sealed class ReceiverConnectionsTests
{
    private const string Root = "t/split";

    [TestMethod]
    public async Task TelemetryComesOverItsOwnConnectionAndIsTalliedWithTheNodesEventsAndStatus()
    {
        await using var broker = await RecordingBroker.StartAsync();
        await using var receiver = await TelemetryReceiver.ConnectAsync(MqttClientSettings.Plain(broker.Address), Root, new ReceiverOptions { SeparateTelemetry = true }, CancellationToken.None);
        await using var publisher = await TestPublisher.ConnectAsync(broker.Address);
        await publisher.PublishAsync($"{Root}/n1/status", Encoding.UTF8.GetBytes("""{"state":"online","status_seq":1,"node":"n1","first_sequence":0}"""), retain: true);
        await publisher.PublishAsync($"{Root}/n1/events", Event(16));
        await publisher.ReportAsync(Root, "n1", 0);
        await publisher.PublishAsync($"{Root}/n1/events", Event(17));
        await publisher.ReportAsync(Root, "n1", 1);
        await WaitUntil(() => receiver.Nodes.SingleOrDefault() is { Received: 2, EventsReceived: 2, State: "online" });

        var subscriptions = broker.Subscriptions.GroupBy(s => s.ClientId, s => s.Filter).ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray());
        Assert.HasCount(2, subscriptions, "two connections");
        var telemetry = subscriptions.Single(s => s.Value.Contains($"{Root}/+/telemetry"));
        CollectionAssert.AreEqual(new[] { $"{Root}/+/telemetry" }, telemetry.Value, "the telemetry connection subscribes to nothing else");
        var other = subscriptions.Single(s => s.Key != telemetry.Key);
        CollectionAssert.AreEqual(new[] { $"{Root}/+/events", $"{Root}/+/status" }, other.Value);
        Assert.IsTrue(broker.Deliveries.Where(d => d.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).All(d => d.ClientId == telemetry.Key));
        Assert.IsTrue(broker.Deliveries.Where(d => !d.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).All(d => d.ClientId == other.Key));
        Assert.HasCount(5, broker.Deliveries, "each message once, to one connection");
        CollectionAssert.AreEqual(new ushort[] { 1000, 1000 }, broker.ReceiveMaximums.ToArray(), "both CONNECTs ask for 1 000 messages in flight");

        var node = receiver.Nodes.Single();
        Assert.AreEqual(0, node.Sequences.Missing + node.Sequences.Duplicates + node.EventSequences.Missing + node.EventSequences.Duplicates);
        Assert.IsTrue(receiver.IsConnected);
    }

    /// <summary>Both connections dropped at once: each resumes its own session, and what was published
    /// meanwhile, reports and events, still arrives; each loss is counted.</summary>
    [TestMethod]
    public async Task BothConnectionsResumeTheirSessionsAfterACutAndNothingIsLost()
    {
        await using var broker = await RecordingBroker.StartAsync();
        await using var proxy = new CuttingProxy(broker.Address);
        var options = new ReceiverOptions { SeparateTelemetry = true, MinReconnectDelay = TimeSpan.FromMilliseconds(200) };
        await using var receiver = await TelemetryReceiver.ConnectAsync(MqttClientSettings.Plain(proxy.Address), Root, options, CancellationToken.None);
        var restored = new ConcurrentBag<ConnectionChange>();
        receiver.ConnectionChanged += c =>
        {
            if (c.State == ConnectionState.Restored)
            {
                restored.Add(c);
            }
        };
        await using var publisher = await TestPublisher.ConnectAsync(broker.Address);
        await publisher.ReportAsync(Root, "n1", 0);
        await publisher.PublishAsync($"{Root}/n1/events", Event(0));
        await WaitUntil(() => receiver.Nodes.SingleOrDefault() is { Received: 1, EventsReceived: 1 });

        proxy.Refusing = true;
        proxy.CutAll();
        await WaitUntil(() => receiver.ConnectionLosses == 2);
        for (int sequence = 1; sequence <= 3; sequence++)
        {
            await publisher.ReportAsync(Root, "n1", sequence);
            await publisher.PublishAsync($"{Root}/n1/events", Event(sequence));
        }

        proxy.Refusing = false;
        await WaitUntil(() => receiver.Nodes.Single() is { Received: 4, EventsReceived: 4 });

        await WaitUntil(() => restored.Count == 2);
        Assert.IsTrue(restored.All(c => c.SessionKept), "each connection resumed its session");
        var node = receiver.Nodes.Single();
        Assert.AreEqual(0, node.Sequences.Missing + node.EventSequences.Missing);
        Assert.AreEqual(2, receiver.ConnectionLosses);
    }

    /// <summary>The embedded broker keeps what a receiver away with its session has not taken yet
    /// beyond MQTTnet.Server's default of 1 000 messages, as a fleet's start-up burst needs.</summary>
    [TestMethod]
    public async Task TheEmbeddedBrokerKeepsMoreThanAThousandMessagesForAReceiverAway()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var proxy = new CuttingProxy(broker.Address);
        var options = new ReceiverOptions { MinReconnectDelay = TimeSpan.FromMilliseconds(200) };
        await using var receiver = await TelemetryReceiver.ConnectAsync(MqttClientSettings.Plain(proxy.Address), Root, options, CancellationToken.None);
        await using var publisher = await TestPublisher.ConnectAsync(broker.Address);
        await publisher.ReportAsync(Root, "n1", 0);
        await WaitUntil(() => receiver.Nodes.SingleOrDefault() is { Received: 1 });

        proxy.Refusing = true;
        proxy.CutAll();
        await WaitUntil(() => receiver.ConnectionLosses == 1);
        const int away = 1500;
        await Task.WhenAll(Enumerable.Range(1, away).Select(sequence => publisher.ReportAsync(Root, "n1", sequence)));
        proxy.Refusing = false;

        await WaitUntil(() => receiver.Nodes.Single().Received == away + 1);
        Assert.AreEqual(0, receiver.Nodes.Single().Sequences.Missing);
    }

    /// <summary>A lamp's mode change (to dark-day at 80 % from its schedule), as a node publishes one.</summary>
    private static byte[] Event(int sequence)
    {
        byte[] payload = new byte[8];
        int length = LightingEvents.EncodeModeChanged(LightingMode.DarkDay, LightingMode.Schedule, 80, payload);
        byte[] frame = new byte[EventFrame.GetLength(length)];
        EventFrame.Encode(LightingEvents.ModeChangedType, sequence, 1795435200, payload, 0, length, frame, 0);
        return frame;
    }

    private static async Task WaitUntil(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "not within 60 s");
            await Task.Delay(20);
        }
    }

    /// <summary>The embedded broker, recording each receiver CONNECT's Receive Maximum, every subscription and
    /// to which connection each message went.</summary>
    private sealed class RecordingBroker : IAsyncDisposable
    {
        private EmbeddedBroker? _broker;

        public BrokerAddress Address => _broker!.Address;

        public ConcurrentQueue<ushort> ReceiveMaximums { get; } = new();

        public ConcurrentQueue<(string ClientId, string Filter)> Subscriptions { get; } = new();

        public ConcurrentQueue<(string ClientId, string Topic)> Deliveries { get; } = new();

        public static async Task<RecordingBroker> StartAsync()
        {
            var recording = new RecordingBroker();
            recording._broker = await EmbeddedBroker.StartAsync(observe: server =>
            {
                server.ValidatingConnectionAsync += e =>
                {
                    if (e.ClientId.StartsWith("cityedge-receiver-", StringComparison.Ordinal))
                    {
                        recording.ReceiveMaximums.Enqueue(e.ReceiveMaximum);
                    }

                    return Task.CompletedTask;
                };
                server.InterceptingSubscriptionAsync += e =>
                {
                    recording.Subscriptions.Enqueue((e.ClientId, e.TopicFilter.Topic));
                    return Task.CompletedTask;
                };
                server.InterceptingClientEnqueueAsync += e =>
                {
                    recording.Deliveries.Enqueue((e.ReceiverClientId, e.ApplicationMessage.Topic));
                    return Task.CompletedTask;
                };
            });
            return recording;
        }

        public ValueTask DisposeAsync() => _broker!.DisposeAsync();
    }
}
