using System.Buffers;
using System.Collections.Concurrent;
using CityEdge.Link;
using CityEdge.Node;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// The command centre's side of node commands: signs a command frame with the node's key, publishes
/// it on {root}/{node}/command (QoS 1, MQTT 5 message expiry so a node offline for longer never gets
/// it from the broker) and waits for the node's signed ack with the same counter.
/// </summary>
public sealed class CommandClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly string _topicRoot;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Node, ulong Counter), TaskCompletionSource<CommandAck>> _waiting = new();
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);

    private CommandClient(IMqttClient client, string topicRoot)
    {
        _client = client;
        _topicRoot = topicRoot;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            OnAck(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    /// <summary>Acks that failed their MAC check (not from the node, or for another key).</summary>
    public int ForgedAcks { get; private set; }

    public static async Task<CommandClient> ConnectAsync(MqttClientSettings settings, string topicRoot, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = settings.Apply(new MqttClientOptionsBuilder())
            .WithClientId("cityedge-command-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        return new CommandClient(client, topicRoot);
    }

    /// <summary>Signs and sends one command; the ack, or null when none came within <paramref name="timeout"/>.</summary>
    public Task<CommandAck?> SendAsync(string nodeId, byte[] key, int action, byte[] arguments, ulong counter, TimeSpan expiresIn, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var frame = new CommandFrame
        {
            Action = action,
            Counter = counter,
            NodeId = nodeId,
            Arguments = arguments,
            ExpiresUnixSeconds = (uint)DateTimeOffset.UtcNow.Add(expiresIn).ToUnixTimeSeconds(),
        }.Sign(key);
        return SendFrameAsync(nodeId, key, frame, counter, expiresIn, timeout, cancellationToken);
    }

    /// <summary>
    /// Publishes an already built frame (tests send forged, altered and replayed ones) and waits for
    /// the ack carrying <paramref name="counter"/>, authenticated with the node's <paramref name="key"/>.
    /// </summary>
    public async Task<CommandAck?> SendFrameAsync(string nodeId, byte[] key, byte[] frame, ulong counter, TimeSpan expiresIn, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var topics = new NodeTopics(_topicRoot, nodeId);
        _keys[nodeId] = key;
        await SubscribeAcksAsync(nodeId, topics.CommandAck, cancellationToken).ConfigureAwait(false);
        var ack = new TaskCompletionSource<CommandAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[(nodeId, counter)] = ack;
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topics.Command)
                .WithPayload(frame)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType(MqttNetLink.CommandContentType)
                .WithMessageExpiryInterval((uint)Math.Max(1, expiresIn.TotalSeconds))
                .WithUserProperty("issuer", System.Text.Encoding.UTF8.GetBytes(Environment.UserName).AsMemory())
                .Build();
            var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the broker refused the command to {topics.Command}: {result.ReasonCode} {result.ReasonString}");
            }

            var done = await Task.WhenAny(ack.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            return done == ack.Task ? ack.Task.Result : null;
        }
        finally
        {
            _waiting.TryRemove((nodeId, counter), out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }

    private async Task SubscribeAcksAsync(string nodeId, string topic, CancellationToken cancellationToken)
    {
        lock (_subscribed)
        {
            if (!_subscribed.Add(nodeId))
            {
                return;
            }
        }

        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken).ConfigureAwait(false);
    }

    private void OnAck(string topic, byte[] payload)
    {
        string? nodeId = NodeTopics.NodeIdOf(topic, _topicRoot);
        if (nodeId == null || !_keys.TryGetValue(nodeId, out var key))
        {
            return;
        }

        var ack = CommandAck.Decode(payload, key);
        if (ack == null)
        {
            ForgedAcks++;
            return;
        }

        if (_waiting.TryGetValue((nodeId, ack.Counter), out var waiter))
        {
            waiter.TrySetResult(ack);
        }
    }
}
