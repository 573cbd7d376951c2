using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityEdge.Config;
using CityEdge.Host.Mqtt;
using CityEdge.Node;
using CityEdge.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Reports;

/// <summary>One telemetry message as the command centre received it: decoded, or the decoder's error.
/// <paramref name="MissedBefore"/> is how many of the node's numbers this one showed missing (a gap just before it).</summary>
public sealed record ReceivedReport(string NodeId, DateTime ReceivedUtc, byte[] Frame, TelemetryReport? Report, string? Error, SequenceObservation Observation, int MissedBefore = 0);

/// <summary>One event message: decoded, or the decoder's error; gaps counted on the node's event numbers.</summary>
public sealed record ReceivedEvent(string NodeId, DateTime ReceivedUtc, byte[] Frame, EventReport? Event, string? Error, SequenceObservation Observation, int MissedBefore = 0);

/// <summary>What happened to the receiver's own connection.</summary>
public enum ConnectionState
{
    /// <summary>Connected and subscribed for the first time: from now on nothing published is missed.</summary>
    Connected,
    /// <summary>The connection dropped; the receiver will reconnect.</summary>
    Lost,
    /// <summary>A reconnection attempt failed; the next one follows after <see cref="ConnectionChange.RetryIn"/>.</summary>
    Retrying,
    /// <summary>Connected and subscribed again.</summary>
    Restored,
}

/// <summary>A change of the receiver's connection, for the operator to see.</summary>
public sealed record ConnectionChange(ConnectionState State, string Reason, int Attempt, TimeSpan RetryIn, TimeSpan Down, bool SessionKept);

/// <summary>What one of a receiver's connections subscribes to.</summary>
[Flags]
internal enum ReceiverStreams
{
    Telemetry = 1,
    Events = 2,
    /// <summary>Never in a shared group (a shared subscription gets no retained messages), so only on the receiver's first connection.</summary>
    Status = 4,
    All = Telemetry | Events | Status,
}

/// <summary>Limits and deadlines of a receiver.</summary>
public sealed record ReceiverOptions
{
    /// <summary>Deadline of each connect and subscribe.</summary>
    public TimeSpan Deadline { get; init; } = BrokerDeadline.Default;

    /// <summary>First wait before reconnecting; doubles after every failed attempt up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps the receiver's subscriptions and queues its messages while it
    /// is away (MQTT 5 session expiry): a broker restart or a network blip loses nothing; a longer
    /// absence shows as missing numbers. A receiver that stops shortens it to 1 s at DISCONNECT (see
    /// <see cref="TelemetryReceiver.DisposeAsync"/>), so the broker stops queuing for it.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>MQTT 5 Receive Maximum: QoS 1 messages the broker may send before the receiver's
    /// acknowledgements come back (0 sends none, and the broker's default applies: mosquitto's
    /// max_inflight_messages, 20). MQTTnet handles received messages one at a time and acknowledges
    /// each after its handler, so with 20 the receiver's rate is 20 per round trip through a busy
    /// thread pool; with 1 000 a round trip brings enough to keep it working (docs/scaling.md).</summary>
    public ushort ReceiveMaximum { get; init; } = 1000;

    /// <summary>Node ids tracked at most: any client may publish under made-up ids, and each costs memory.</summary>
    public int MaxNodes { get; init; } = 10_000;

    /// <summary>Null: this receiver gets every message. A name: telemetry and events are subscribed as
    /// the MQTT 5 shared subscription $share/NAME/… (the broker hands each message to one member of the
    /// group), so receivers scale out; status stays an ordinary subscription, on the receiver's first
    /// connection only, as a shared one gets no retained messages (MQTT 5 section 4.8.2). Members of one receiver
    /// (<see cref="TelemetryReceiver.AddMemberAsync"/>) keep one tally, so gaps and duplicates are
    /// still counted per node; separate processes each see only part of a node's numbers.</summary>
    public string? ShareGroup { get; init; }

    /// <summary>True: the nodes' telemetry comes over a connection of its own, apart from their events
    /// and status. A broker queues each connection's messages in order, so on one connection a report
    /// waits behind every event and status queued before it: a fleet's start-up (each node's retained
    /// status, lamp mode and bay recalibrations), or a city's nodes coming back after a power cut,
    /// would delay the reports by as long as the receiver takes to work through the burst. A shared
    /// group's members (<see cref="TelemetryReceiver.AddMemberAsync"/>) then come in pairs too.</summary>
    public bool SeparateTelemetry { get; init; }

    /// <summary>Null: every valid node id is tracked. Otherwise only the ids it accepts; messages of
    /// others are counted as ignored. `simulate` tracks its own fleet only: a broker that has served
    /// other fleets holds their retained status messages, which would otherwise fill <see cref="MaxNodes"/>.</summary>
    public Func<string, bool>? Tracks { get; init; }
}

/// <summary>What the command centre knows about one node: a bounded amount, whatever it sends.</summary>
public sealed class NodeTally
{
    /// <summary>A status message kept whole up to this size (a node's is a few hundred bytes).</summary>
    public const int MaxStatusBytes = 2048;

    /// <summary>Event numbers remembered for deduplication: events are rare, so a short window will do.</summary>
    public const int EventWindow = 1024;

    internal NodeTally(string nodeId) => NodeId = nodeId;

    public string NodeId { get; }

    public SequenceTracker Sequences { get; } = new();

    /// <summary>The node's event numbers (separate from its report numbers).</summary>
    public SequenceTracker EventSequences { get; } = new(EventWindow);

    /// <summary>Reports accepted (decoded and not duplicates).</summary>
    public int Received { get; internal set; }

    public int DecodeErrors { get; internal set; }

    public TelemetryReport? LastReport { get; internal set; }

    /// <summary>Events accepted (decoded and not duplicates).</summary>
    public int EventsReceived { get; internal set; }

    public int EventDecodeErrors { get; internal set; }

    public EventReport? LastEvent { get; internal set; }

    /// <summary>"online"/"offline" from the retained status topic, or null before any status.</summary>
    public string? State { get; internal set; }

    /// <summary>
    /// The node's status as the command centre knows it (health, queue, config version): its last full
    /// status with the latest delta after it applied (docs/mqtt.md), as one JSON object; null before a
    /// status, or when a full one was larger than <see cref="MaxStatusBytes"/> or unreadable.
    /// </summary>
    public string? LastStatusJson => Status?.ToJsonString();

    /// <summary>False until a full status arrives, and while deltas arrive that are not after it (the
    /// node restarted its status_seq and its new full has not come): fields may be stale until it does.</summary>
    public bool StatusComplete { get; internal set; }

    /// <summary>The last full status as received.</summary>
    internal System.Text.Json.Nodes.JsonObject? FullStatus { get; set; }

    /// <summary>The last full status with the latest delta applied.</summary>
    internal System.Text.Json.Nodes.JsonObject? Status { get; set; }
}

/// <summary>
/// The command centre's side of the link: subscribes to every node's telemetry, events and status
/// under a topic root, decodes each frame strictly, deduplicates by node + sequence number and counts
/// gaps. Every connect and subscribe has a deadline; a dropped connection is announced
/// (<see cref="ConnectionChanged"/>) and re-established with backoff, resuming the broker session so
/// that what was queued meanwhile still arrives; what is lost for good shows as missing numbers.
/// State is bounded: at most <see cref="ReceiverOptions.MaxNodes"/> node ids (valid node.id values
/// only), a fixed amount per node.
/// </summary>
public sealed class TelemetryReceiver : IAsyncDisposable
{
    /// <summary>The topic root every tool watches unless told otherwise: the nodes' own default mqtt.topic_root.</summary>
    public static readonly string DefaultTopicRoot = NodeConfig.Schema.Single(k => k.Name == "mqtt.topic_root").DefaultValue;

    private static readonly ConfigKey NodeIdKey = NodeConfig.Schema.Single(k => k.Name == "node.id");

    private readonly IMqttClient _client;
    private readonly MqttClientSettings _settings;
    private readonly ReceiverOptions _options;
    private readonly ReceiverStreams _streams;
    private readonly string _topicRoot;
    private readonly string _clientId = "cityedge-receiver-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, NodeTally> _nodes;
    private readonly object _gate;
    private readonly List<TelemetryReceiver> _members = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _reconnecting = Task.CompletedTask;
    private int _ignored;
    private bool _capAnnounced;

    private TelemetryReceiver(IMqttClient client, MqttClientSettings settings, string topicRoot, ReceiverOptions options, ReceiverStreams streams, TelemetryReceiver? owner = null)
    {
        _streams = streams;
        // A further connection (telemetry apart, a shared group's member) tallies into its owner's nodes, under its owner's lock.
        _nodes = owner?._nodes ?? new(StringComparer.Ordinal);
        _gate = owner?._gate ?? new();
        _client = client;
        _settings = settings;
        _topicRoot = topicRoot;
        _options = options;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected && !_stopping.IsCancellationRequested)
            {
                _connectionLosses++;
                string reason = e.Exception?.Message ?? $"{e.Reason} {e.ReasonString}".Trim();
                ConnectionChanged?.Invoke(new ConnectionChange(ConnectionState.Lost, reason, 0, _options.MinReconnectDelay, TimeSpan.Zero, false));
                lock (_gate)
                {
                    if (_reconnecting.IsCompleted)
                    {
                        _reconnecting = Task.Run(() => ReconnectAsync(DateTime.UtcNow));
                    }
                }
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Raised for every telemetry message, on the MQTT client's thread.</summary>
    public event Action<ReceivedReport>? ReportReceived;

    /// <summary>Raised for every event message, on the MQTT client's thread.</summary>
    public event Action<ReceivedEvent>? EventReceived;

    /// <summary>Raised when the connection drops, a reconnection fails, and when it is back.</summary>
    public event Action<ConnectionChange>? ConnectionChanged;

    /// <summary>Raised once when node ids beyond <see cref="ReceiverOptions.MaxNodes"/> start being ignored.</summary>
    public event Action<string>? Notice;

    /// <summary>True when this receiver and every member are connected.</summary>
    public bool IsConnected => _client.IsConnected && Members.All(m => m.IsConnected);

    /// <summary>Times the connection dropped after it was up (members' included).</summary>
    public int ConnectionLosses => _connectionLosses + Members.Sum(m => m.ConnectionLosses);

    private int _connectionLosses;

    /// <summary>Messages not tracked: a topic level that is not a valid node id, or a node beyond the limit (members' included).</summary>
    public int IgnoredMessages => Volatile.Read(ref _ignored) + Members.Sum(m => m.IgnoredMessages);

    /// <summary>The MQTT client ids this receiver connects with (its own first, then its members'), new for each
    /// receiver: what a broker's log and ACL see.</summary>
    public IReadOnlyList<string> ClientIds => [_clientId, .. Members.SelectMany(m => m.ClientIds)];

    /// <summary>This receiver's further connections: its telemetry connection
    /// (<see cref="ReceiverOptions.SeparateTelemetry"/>) and the members of its shared-subscription group.</summary>
    private TelemetryReceiver[] Members
    {
        get
        {
            lock (_members)
            {
                return [.. _members];
            }
        }
    }

    /// <summary>A snapshot of every node heard from, by node id.</summary>
    public IReadOnlyList<NodeTally> Nodes
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList();
            }
        }
    }

    public static Task<TelemetryReceiver> ConnectAsync(BrokerAddress broker, string topicRoot, CancellationToken cancellationToken) =>
        ConnectAsync(MqttClientSettings.Plain(broker), topicRoot, cancellationToken);

    public static Task<TelemetryReceiver> ConnectAsync(MqttClientSettings settings, string topicRoot, CancellationToken cancellationToken) =>
        ConnectAsync(settings, topicRoot, new ReceiverOptions(), cancellationToken);

    /// <summary>Connects with credentials and pinned TLS as the command centre, and subscribes; throws
    /// MqttCommunicationException (a <see cref="BrokerTimeoutException"/> when the broker did not answer in time).</summary>
    public static async Task<TelemetryReceiver> ConnectAsync(MqttClientSettings settings, string topicRoot, ReceiverOptions options, CancellationToken cancellationToken)
    {
        var receiver = new TelemetryReceiver(new MqttClientFactory().CreateMqttClient(), settings, topicRoot, options,
            options.SeparateTelemetry ? ReceiverStreams.Events | ReceiverStreams.Status : ReceiverStreams.All);
        try
        {
            await receiver.ConnectAndSubscribeAsync(cleanStart: true, cancellationToken).ConfigureAwait(false);
            if (options.SeparateTelemetry)
            {
                await receiver.JoinAsync(ReceiverStreams.Telemetry, cancellationToken).ConfigureAwait(false);
            }

            return receiver;
        }
        catch
        {
            await receiver.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects one more receiver into this one's shared-subscription group
    /// (<see cref="ReceiverOptions.ShareGroup"/>): the broker spreads the nodes' telemetry and events
    /// over the members; they tally into this receiver and raise its events. Disposed with this receiver.</summary>
    public async Task AddMemberAsync(CancellationToken cancellationToken)
    {
        if (_options.ShareGroup == null)
        {
            throw new InvalidOperationException("only a receiver with a share group takes members");
        }

        if (_options.SeparateTelemetry)
        {
            await JoinAsync(ReceiverStreams.Telemetry, cancellationToken).ConfigureAwait(false);
            await JoinAsync(ReceiverStreams.Events, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await JoinAsync(ReceiverStreams.Telemetry | ReceiverStreams.Events, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a connection for <paramref name="streams"/> that tallies into this receiver and raises its events.</summary>
    private async Task JoinAsync(ReceiverStreams streams, CancellationToken cancellationToken)
    {
        var member = new TelemetryReceiver(new MqttClientFactory().CreateMqttClient(), _settings, _topicRoot, _options, streams, this);
        member.ReportReceived += r => ReportReceived?.Invoke(r);
        member.EventReceived += e => EventReceived?.Invoke(e);
        member.ConnectionChanged += c => ConnectionChanged?.Invoke(c);
        member.Notice += n => Notice?.Invoke(n);
        try
        {
            await member.ConnectAndSubscribeAsync(cleanStart: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await member.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        lock (_members)
        {
            _members.Add(member);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members)
        {
            await member.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reconnecting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_client.IsConnected)
        {
            try
            {
                // The client id is this receiver's alone, so nobody resumes its session: without this the broker
                // would keep it, queueing the whole fleet's QoS 1 traffic for it, for SessionExpiry after every stop.
                // 1 s, not 0: MQTTnet leaves a 0 out of the DISCONNECT, and absent means "as at CONNECT" (MQTT 5.0 §3.14.2.2.2).
                await _client.DisconnectAsync(new MqttClientDisconnectOptions { SessionExpiryInterval = 1 }).ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task<bool> ConnectAndSubscribeAsync(bool cleanStart, CancellationToken cancellationToken)
    {
        var options = _settings.Apply(new MqttClientOptionsBuilder())
            .WithClientId(_clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(cleanStart)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum(_options.ReceiveMaximum)
            .Build();
        var connected = await BrokerDeadline.RunAsync(t => _client.ConnectAsync(options, t), _options.Deadline, $"connecting to {_settings.Broker}", cancellationToken).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker refused the connection: {connected.ResultCode} {connected.ReasonString}".Trim());
        }

        string shared = _options.ShareGroup == null ? "" : "$share/" + _options.ShareGroup + "/";
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var (stream, filter) in new[]
        {
            (ReceiverStreams.Telemetry, shared + NodeTopics.TelemetryFilter(_topicRoot)),
            (ReceiverStreams.Events, shared + _topicRoot + "/+/events"),
            (ReceiverStreams.Status, _topicRoot + "/+/status"),
        })
        {
            if (_streams.HasFlag(stream))
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }
        }

        var subscribed = await BrokerDeadline.RunAsync(t => _client.SubscribeAsync(subscribe.Build(), t), _options.Deadline, $"subscribing at {_settings.Broker}", cancellationToken).ConfigureAwait(false);
        var refused = subscribed.Items.Where(i => (int)i.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2).ToList();
        if (refused.Count > 0)
        {
            // An ACL that hides the topics would otherwise look like a quiet fleet.
            throw new MQTTnet.Exceptions.MqttCommunicationException("the broker refused the subscription to "
                + string.Join(", ", refused.Select(i => $"{i.TopicFilter.Topic} ({i.ResultCode})")));
        }

        return connected.IsSessionPresent;
    }

    /// <summary>Reconnects with exponential backoff until it works or the receiver is disposed.</summary>
    private async Task ReconnectAsync(DateTime lostAt)
    {
        var delay = _options.MinReconnectDelay;
        for (int attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                bool sessionKept = await ConnectAndSubscribeAsync(cleanStart: false, _stopping.Token).ConfigureAwait(false);
                ConnectionChanged?.Invoke(new ConnectionChange(ConnectionState.Restored, "", attempt, TimeSpan.Zero, DateTime.UtcNow - lostAt, sessionKept));
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // InvalidOperationException: MQTTnet still tearing the last connection down.
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                ConnectionChanged?.Invoke(new ConnectionChange(ConnectionState.Retrying, ex.Message, attempt, delay, DateTime.UtcNow - lostAt, false));
            }
        }
    }

    private void OnMessage(string topic, byte[] payload)
    {
        string? nodeId = NodeTopics.NodeIdOf(topic, _topicRoot);
        string kind = nodeId == null ? "" : topic[(_topicRoot.Length + nodeId.Length + 2)..];
        if (nodeId == null || NodeIdKey.Check(nodeId) != null || kind is not ("telemetry" or "events" or "status") || _options.Tracks?.Invoke(nodeId) == false)
        {
            Interlocked.Increment(ref _ignored);
            return;
        }

        NodeTally? tally;
        lock (_gate)
        {
            tally = Tally(nodeId);
        }

        if (tally == null)
        {
            Interlocked.Increment(ref _ignored);
            return;
        }

        switch (kind)
        {
            case "status":
                OnStatus(tally, payload);
                break;
            case "events":
                OnEvent(tally, payload);
                break;
            default:
                OnReport(tally, payload);
                break;
        }
    }

    /// <summary>A full status (it has "state") replaces what is known; a delta (no "state") carries what
    /// differs from the last full, so the full with the latest delta applied is the node's status (docs/mqtt.md).</summary>
    private void OnStatus(NodeTally tally, byte[] payload)
    {
        JsonNode? parsed = payload.Length <= NodeTally.MaxStatusBytes ? Parse(payload) : null;
        var fields = parsed as JsonObject;
        lock (_gate)
        {
            if (fields == null || fields.ContainsKey("state"))
            {
                tally.State = parsed == null ? "unreadable status" : ParseState(fields);
                tally.FullStatus = fields;
                tally.Status = fields;
                tally.StatusComplete = fields != null;
                if (FirstSequence(fields) is int first)
                {
                    tally.Sequences.BootStartsAt(first);
                }

                return;
            }

            var merged = tally.FullStatus?.DeepClone().AsObject() ?? [];
            foreach (var (name, value) in fields)
            {
                merged[name] = value?.DeepClone();
            }

            tally.Status = merged;
            tally.StatusComplete = tally.FullStatus != null && StatusSeq(fields) > StatusSeq(tally.FullStatus);
        }
    }

    private static long StatusSeq(JsonObject fields) => fields["status_seq"] is JsonValue number && number.TryGetValue(out long n) ? n : -1;

    private void OnReport(NodeTally tally, byte[] payload)
    {
        ReceivedReport received;
        lock (_gate)
        {
            var report = new TelemetryReport();
            try
            {
                TelemetryCodec.Decode(payload, 0, payload.Length, report);
                int missingBefore = tally.Sequences.Missing;
                var observation = tally.Sequences.Observe(report.Sequence);
                if (observation is SequenceObservation.New or SequenceObservation.Late)
                {
                    tally.Received++;
                    if (observation == SequenceObservation.New)
                    {
                        tally.LastReport = report;
                    }
                }

                received = new ReceivedReport(tally.NodeId, DateTime.UtcNow, payload, report, null, observation, Math.Max(0, tally.Sequences.Missing - missingBefore));
            }
            catch (FrameFormatException ex)
            {
                tally.DecodeErrors++;
                received = new ReceivedReport(tally.NodeId, DateTime.UtcNow, payload, null, ex.Message, SequenceObservation.Duplicate);
            }
        }

        ReportReceived?.Invoke(received);
    }

    private void OnEvent(NodeTally tally, byte[] payload)
    {
        ReceivedEvent received;
        lock (_gate)
        {
            try
            {
                var decoded = EventReport.Decode(payload);
                int missingBefore = tally.EventSequences.Missing;
                var observation = tally.EventSequences.Observe(decoded.Sequence);
                if (observation is SequenceObservation.New or SequenceObservation.Late)
                {
                    tally.EventsReceived++;
                    tally.LastEvent = observation == SequenceObservation.New ? decoded : tally.LastEvent;
                }

                received = new ReceivedEvent(tally.NodeId, DateTime.UtcNow, payload, decoded, null, observation, Math.Max(0, tally.EventSequences.Missing - missingBefore));
            }
            catch (FrameFormatException ex)
            {
                tally.EventDecodeErrors++;
                received = new ReceivedEvent(tally.NodeId, DateTime.UtcNow, payload, null, ex.Message, SequenceObservation.Duplicate);
            }
        }

        EventReceived?.Invoke(received);
    }

    /// <summary>The node's tally, created on first sight; null once <see cref="ReceiverOptions.MaxNodes"/> are tracked.</summary>
    private NodeTally? Tally(string nodeId)
    {
        if (_nodes.TryGetValue(nodeId, out var tally))
        {
            return tally;
        }

        if (_nodes.Count >= _options.MaxNodes)
        {
            if (!_capAnnounced)
            {
                _capAnnounced = true;
                Notice?.Invoke($"{_options.MaxNodes} nodes are tracked: messages from further node ids (first: {nodeId}) are counted as ignored, not decoded");
            }

            return null;
        }

        tally = new NodeTally(nodeId);
        _nodes[nodeId] = tally;
        return tally;
    }

    private static JsonNode? Parse(byte[] payload)
    {
        try
        {
            return JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Kept short and plain: it is shown in a table cell.</summary>
    private static string ParseState(JsonObject? fields) =>
        fields?["state"] is JsonValue state && state.TryGetValue(out string? text) && text is { Length: > 0 and <= 16 } && text.All(char.IsAsciiLetterOrDigit)
            ? text
            : "?";

    /// <summary>The low 16 bits (what frames carry) of the status's first_sequence: where the node's
    /// current boot started numbering. Null when absent or not a number (the last will, old firmware).</summary>
    private static int? FirstSequence(JsonObject? fields) =>
        fields?["first_sequence"] is JsonValue first && first.TryGetValue(out long value) && value >= 0 && value <= uint.MaxValue
            ? (int)(value & 0xFFFF)
            : null;
}
