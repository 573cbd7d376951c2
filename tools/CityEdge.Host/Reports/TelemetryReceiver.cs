using System.Buffers;
using System.Text;
using System.Text.Json;
using CityEdge.Host.Mqtt;
using CityEdge.Node;
using CityEdge.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Reports;

/// <summary>One telemetry message as the command centre received it: decoded, or the decoder's error.</summary>
public sealed record ReceivedReport(string NodeId, DateTime ReceivedUtc, byte[] Frame, TelemetryReport? Report, string? Error, SequenceObservation Observation);

/// <summary>What the command centre knows about one node.</summary>
public sealed class NodeTally
{
    internal NodeTally(string nodeId) => NodeId = nodeId;

    public string NodeId { get; }

    public SequenceTracker Sequences { get; } = new();

    /// <summary>Reports accepted (decoded and not duplicates).</summary>
    public int Received { get; internal set; }

    public int DecodeErrors { get; internal set; }

    public TelemetryReport? LastReport { get; internal set; }

    /// <summary>"online"/"offline" from the retained status topic, or null before any status.</summary>
    public string? State { get; internal set; }

    /// <summary>The last status message as received (health, queue, config version).</summary>
    public string? LastStatusJson { get; internal set; }
}

/// <summary>
/// The command centre's side of the link: subscribes to every node's telemetry and status under a
/// topic root, decodes each frame strictly, deduplicates by node + sequence number and counts gaps.
/// </summary>
public sealed class TelemetryReceiver : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly string _topicRoot;
    private readonly Dictionary<string, NodeTally> _nodes = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    private TelemetryReceiver(IMqttClient client, string topicRoot)
    {
        _client = client;
        _topicRoot = topicRoot;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    /// <summary>Raised for every telemetry message, on the MQTT client's thread.</summary>
    public event Action<ReceivedReport>? ReportReceived;

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

    /// <summary>Connects with credentials and pinned TLS as the command centre.</summary>
    public static async Task<TelemetryReceiver> ConnectAsync(MqttClientSettings settings, string topicRoot, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var receiver = new TelemetryReceiver(client, topicRoot);
        var options = settings.Apply(new MqttClientOptionsBuilder())
            .WithClientId("cityedge-receiver-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(NodeTopics.TelemetryFilter(topicRoot), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(topicRoot + "/+/status", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }

    private void OnMessage(string topic, byte[] payload)
    {
        string? nodeId = NodeTopics.NodeIdOf(topic, _topicRoot);
        if (nodeId == null)
        {
            return;
        }

        if (topic.EndsWith("/status", StringComparison.Ordinal))
        {
            lock (_gate)
            {
                NodeTally tally = Tally(nodeId);
                tally.State = ParseState(payload);
                tally.LastStatusJson = Encoding.UTF8.GetString(payload);
                if (FirstSequence(payload) is int first)
                {
                    tally.Sequences.BootStartsAt(first);
                }
            }

            return;
        }

        ReceivedReport received;
        lock (_gate)
        {
            NodeTally tally = Tally(nodeId);
            var report = new TelemetryReport();
            try
            {
                TelemetryCodec.Decode(payload, 0, payload.Length, report);
            }
            catch (FrameFormatException ex)
            {
                tally.DecodeErrors++;
                received = new ReceivedReport(nodeId, DateTime.UtcNow, payload, null, ex.Message, SequenceObservation.Duplicate);
                ReportReceived?.Invoke(received);
                return;
            }

            var observation = tally.Sequences.Observe(report.Sequence);
            if (observation is SequenceObservation.New or SequenceObservation.Late)
            {
                tally.Received++;
                if (observation == SequenceObservation.New)
                {
                    tally.LastReport = report;
                }
            }

            received = new ReceivedReport(nodeId, DateTime.UtcNow, payload, report, null, observation);
        }

        ReportReceived?.Invoke(received);
    }

    private NodeTally Tally(string nodeId)
    {
        if (!_nodes.TryGetValue(nodeId, out var tally))
        {
            tally = new NodeTally(nodeId);
            _nodes[nodeId] = tally;
        }

        return tally;
    }

    private static string ParseState(byte[] payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.TryGetProperty("state", out var state) ? state.GetString() ?? "?" : "?";
        }
        catch (JsonException)
        {
            return "unreadable: " + Encoding.UTF8.GetString(payload);
        }
    }

    /// <summary>The low 16 bits (what frames carry) of the status's first_sequence: where the node's
    /// current boot started numbering. Null when absent or not a number (the last will, old firmware).</summary>
    private static int? FirstSequence(byte[] payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.TryGetProperty("first_sequence", out var first) && first.TryGetUInt32(out uint value)
                ? (int)(value & 0xFFFF)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
