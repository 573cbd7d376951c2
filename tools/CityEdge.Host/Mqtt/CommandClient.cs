using System.Buffers;
using System.Collections.Concurrent;
using CityEdge.Link;
using CityEdge.Node;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// What came back for one command: a verified ack, an ack carrying the command's counter whose MAC
/// does not verify under the key used (the node has another key, or none), or nothing.
/// </summary>
public sealed record CommandOutcome(CommandAck? Ack, CommandAck? UnverifiedAck)
{
    public static readonly CommandOutcome NoAck = new(null, null);
}

/// <summary>
/// The command centre's side of node commands: signs a command frame with the node's key, publishes
/// it on {root}/{node}/command (QoS 1, MQTT 5 message expiry so a node offline for longer never gets
/// it from the broker) and waits for the node's signed ack with the same counter. Connecting,
/// subscribing and publishing each have a deadline (<see cref="BrokerDeadline"/>).
/// </summary>
public sealed class CommandClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly string _topicRoot;
    private readonly TimeSpan _deadline;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Node, ulong Counter), TaskCompletionSource<CommandOutcome>> _waiting = new();
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private int _forgedAcks;

    private CommandClient(IMqttClient client, string topicRoot, TimeSpan deadline)
    {
        _client = client;
        _topicRoot = topicRoot;
        _deadline = deadline;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            OnAck(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    /// <summary>Acks that failed their MAC check (not from the node, or for another key).</summary>
    public int ForgedAcks => Volatile.Read(ref _forgedAcks);

    /// <summary>Connects as the command centre; throws MqttCommunicationException (a
    /// <see cref="BrokerTimeoutException"/> when the broker did not answer within <paramref name="deadline"/>).</summary>
    public static async Task<CommandClient> ConnectAsync(MqttClientSettings settings, string topicRoot, CancellationToken cancellationToken, TimeSpan? deadline = null)
    {
        var limit = deadline ?? BrokerDeadline.Default;
        var client = new MqttClientFactory().CreateMqttClient();
        var options = settings.Apply(new MqttClientOptionsBuilder())
            .WithClientId("cityedge-command-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build();
        try
        {
            var result = await BrokerDeadline.RunAsync(t => client.ConnectAsync(options, t), limit, $"connecting to {settings.Broker}", cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker refused the connection: {result.ResultCode} {result.ReasonString}".Trim());
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new CommandClient(client, topicRoot, limit);
    }

    /// <summary>Signs and sends one command; the verified ack, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<CommandAck?> SendAsync(string nodeId, byte[] key, int action, byte[] arguments, ulong counter, TimeSpan expiresIn, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await SendCommandAsync(nodeId, key, action, arguments, counter, expiresIn, timeout, cancellationToken).ConfigureAwait(false)).Ack;

    /// <summary>Signs and sends one command; what came back within <paramref name="timeout"/>.</summary>
    public Task<CommandOutcome> SendCommandAsync(string nodeId, byte[] key, int action, byte[] arguments, ulong counter, TimeSpan expiresIn, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var frame = new CommandFrame
        {
            Action = action,
            Counter = counter,
            NodeId = nodeId,
            Arguments = arguments,
            ExpiresUnixSeconds = (uint)DateTimeOffset.UtcNow.Add(expiresIn).ToUnixTimeSeconds(),
        }.Sign(key);
        return SendFrameWithOutcomeAsync(nodeId, key, frame, counter, expiresIn, timeout, cancellationToken);
    }

    /// <summary>Publishes an already built frame (tests send forged, altered and replayed ones); the verified ack or null.</summary>
    public async Task<CommandAck?> SendFrameAsync(string nodeId, byte[] key, byte[] frame, ulong counter, TimeSpan expiresIn, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await SendFrameWithOutcomeAsync(nodeId, key, frame, counter, expiresIn, timeout, cancellationToken).ConfigureAwait(false)).Ack;

    /// <summary>
    /// Publishes <paramref name="frame"/> and waits for the ack carrying <paramref name="counter"/>,
    /// authenticated with the node's <paramref name="key"/>. An ack with that counter that does not
    /// verify ends the wait at once: the node answered, but not under this key.
    /// </summary>
    public async Task<CommandOutcome> SendFrameWithOutcomeAsync(string nodeId, byte[] key, byte[] frame, ulong counter, TimeSpan expiresIn, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var topics = new NodeTopics(_topicRoot, nodeId);
        _keys[nodeId] = key;
        await SubscribeAcksAsync(nodeId, topics.CommandAck, cancellationToken).ConfigureAwait(false);
        var ack = new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[(nodeId, counter)] = ack;
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topics.Command)
                .WithPayload(frame)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithMessageExpiryInterval((uint)Math.Max(1, expiresIn.TotalSeconds))
                .WithUserProperty("issuer", System.Text.Encoding.UTF8.GetBytes(Environment.UserName).AsMemory())
                .Build();
            var result = await BrokerDeadline.RunAsync(t => _client.PublishAsync(message, t), _deadline, $"publishing to {topics.Command}", cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker refused the command to {topics.Command}: {result.ReasonCode} {result.ReasonString}".Trim());
            }

            var done = await Task.WhenAny(ack.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            return done == ack.Task ? ack.Task.Result : CommandOutcome.NoAck;
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
            try
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }
        }

        _client.Dispose();
    }

    private async Task SubscribeAcksAsync(string nodeId, string topic, CancellationToken cancellationToken)
    {
        lock (_subscribed)
        {
            if (_subscribed.Contains(nodeId))
            {
                return;
            }
        }

        var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await BrokerDeadline.RunAsync(t => _client.SubscribeAsync(options, t), _deadline, $"subscribing to {topic}", cancellationToken).ConfigureAwait(false);
        var refused = result.Items.FirstOrDefault(i => (int)i.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2);
        if (refused != null)
        {
            // Without the acks every command would look unanswered.
            throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker refused the subscription to {topic}: {refused.ResultCode}");
        }

        lock (_subscribed)
        {
            _subscribed.Add(nodeId);
        }
    }

    private void OnAck(string topic, byte[] payload)
    {
        string? nodeId = NodeTopics.NodeIdOf(topic, _topicRoot);
        if (nodeId == null || !_keys.TryGetValue(nodeId, out var key))
        {
            return;
        }

        var ack = CommandAck.Decode(payload, key);
        if (ack != null)
        {
            Resolve(nodeId, ack.Counter, new CommandOutcome(ack, null));
            return;
        }

        Interlocked.Increment(ref _forgedAcks);
        // Unauthenticated, so it only ever explains a failure: it never counts as the node's answer.
        if (CommandAck.Decode(payload, null) is { } unverified)
        {
            Resolve(nodeId, unverified.Counter, new CommandOutcome(null, unverified));
        }
    }

    private void Resolve(string nodeId, ulong counter, CommandOutcome outcome)
    {
        if (_waiting.TryGetValue((nodeId, counter), out var waiter))
        {
            waiter.TrySetResult(outcome);
        }
    }
}
