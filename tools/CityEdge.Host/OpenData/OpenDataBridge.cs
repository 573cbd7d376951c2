using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.OpenData;

/// <summary>What the bridge republishes a report as.</summary>
public enum OpenDataFormat
{
    /// <summary>SenML JSON on {to-topic}/{public id}/senml.</summary>
    SenmlJson,

    /// <summary>SenML CBOR on {to-topic}/{public id}/senml-cbor.</summary>
    SenmlCbor,

    /// <summary>A JSON array of normalized NGSI-LD entities on {to-topic}/{public id}/ngsi-ld.</summary>
    NgsiLd,

    /// <summary>A JSON array of key-values NGSI-LD entities on {to-topic}/{public id}/ngsi-ld-kv.</summary>
    NgsiLdKeyValues,
}

/// <summary>How an <see cref="OpenDataBridge"/> runs.</summary>
public sealed record BridgeOptions
{
    /// <summary>Topic root the nodes publish under.</summary>
    public string TopicRoot { get; init; } = TelemetryReceiver.DefaultTopicRoot;

    /// <summary>Prefix of the republished topics.</summary>
    public required string ToTopic { get; init; }

    public IReadOnlyList<OpenDataFormat> Formats { get; init; } = [OpenDataFormat.SenmlJson, OpenDataFormat.NgsiLd];

    public OpenDataOptions OpenData { get; init; } = new();

    /// <summary>An NGSI-LD context broker (e.g. http://orion:1026) that also gets every report's entities
    /// through POST /ngsi-ld/v1/entityOperations/upsert; null for none.</summary>
    public Uri? ContextBroker { get; init; }

    /// <summary>Deadline of every publish, reconnect and HTTP request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reports waiting to be republished at most; beyond it new ones are dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 10000;
}

/// <summary>One report the bridge handled, and what became of it.</summary>
public sealed record BridgedReport(string NodeId, int Sequence, IReadOnlyDictionary<string, int> PublishedBytes, int Entities, string? Error);

/// <summary>
/// `cityedge bridge`: the command centre's receiver (<see cref="TelemetryReceiver"/>: strict decoding,
/// duplicates dropped) feeding open data. Every new report is republished, in each chosen format, to
/// {to-topic}/{public id}/{senml|senml-cbor|ngsi-ld|ngsi-ld-kv} (QoS 1, MQTT 5 with the media type as
/// content type), and optionally upserted into an NGSI-LD context broker. Ids and locations follow
/// <see cref="OpenDataOptions"/>, so what leaves can be desensitised. Work happens off the receiver's
/// thread through a bounded queue; a publish that fails reconnects once within the deadline, then
/// the report is counted as failed and the bridge goes on.
/// </summary>
public sealed class OpenDataBridge : IAsyncDisposable
{
    private static readonly Dictionary<OpenDataFormat, (string Suffix, string ContentType)> Outputs = new()
    {
        [OpenDataFormat.SenmlJson] = ("senml", SenmlJson.MediaType),
        [OpenDataFormat.SenmlCbor] = ("senml-cbor", SenmlCbor.MediaType),
        [OpenDataFormat.NgsiLd] = ("ngsi-ld", "application/ld+json"),
        [OpenDataFormat.NgsiLdKeyValues] = ("ngsi-ld-kv", "application/ld+json"),
    };

    private readonly BridgeOptions _options;
    private readonly MqttClientOptions _publisherOptions;
    private readonly IMqttClient _publisher;
    private readonly HttpClient? _http;
    private readonly Channel<ReceivedReport> _queue;
    private readonly CancellationTokenSource _stop = new();
    private TelemetryReceiver? _receiver;
    private Task _worker = Task.CompletedTask;
    private int _bridged;
    private int _failed;
    private int _dropped;
    private int _rejected;

    private OpenDataBridge(BridgeOptions options, MqttClientOptions publisherOptions)
    {
        _options = options;
        _publisherOptions = publisherOptions;
        _publisher = new MqttClientFactory().CreateMqttClient();
        _queue = Channel.CreateBounded<ReceivedReport>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        if (options.ContextBroker != null)
        {
            _http = new HttpClient { BaseAddress = new Uri(options.ContextBroker.ToString().TrimEnd('/') + "/"), Timeout = options.Timeout };
        }
    }

    /// <summary>Raised for every report handled (on the bridge's worker).</summary>
    public event Action<BridgedReport>? Bridged;

    /// <summary>Reports republished in every format.</summary>
    public int BridgedCount => Volatile.Read(ref _bridged);

    /// <summary>Reports not (fully) republished: the broker or the context broker did not take them.</summary>
    public int FailedCount => Volatile.Read(ref _failed);

    /// <summary>Reports dropped because the queue was full.</summary>
    public int DroppedCount => Volatile.Read(ref _dropped);

    /// <summary>Frames that did not decode (the receiver's error), never republished.</summary>
    public int RejectedCount => Volatile.Read(ref _rejected);

    /// <summary>Connects the publisher (to <paramref name="destination"/>) and then the receiver (to
    /// <paramref name="source"/>); throws the MQTT client's exception when either broker cannot be reached.</summary>
    public static async Task<OpenDataBridge> StartAsync(MqttClientSettings source, MqttClientSettings destination, BridgeOptions options, CancellationToken cancellationToken)
    {
        var publisherOptions = destination.Apply(new MqttClientOptionsBuilder())
            .WithClientId("cityedge-bridge-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build();
        var bridge = new OpenDataBridge(options, publisherOptions);
        try
        {
            using var deadline = Deadline(options.Timeout, cancellationToken);
            await bridge._publisher.ConnectAsync(publisherOptions, deadline.Token).ConfigureAwait(false);
            bridge._receiver = await TelemetryReceiver.ConnectAsync(source, options.TopicRoot, deadline.Token).ConfigureAwait(false);
        }
        catch
        {
            await bridge.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        bridge._receiver.ReportReceived += bridge.OnReport;
        bridge._worker = Task.Run(bridge.WorkAsync);
        return bridge;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_receiver != null)
        {
            _receiver.ReportReceived -= OnReport;
            await _receiver.DisposeAsync().ConfigureAwait(false);
        }

        // Let the worker finish what is queued, within the deadline.
        _stop.CancelAfter(_options.Timeout);
        await _worker.ConfigureAwait(false);
        if (_publisher.IsConnected)
        {
            await _publisher.DisconnectAsync().ConfigureAwait(false);
        }

        _publisher.Dispose();
        _http?.Dispose();
        _stop.Dispose();
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        return deadline;
    }

    private void OnReport(ReceivedReport received)
    {
        if (received.Report == null)
        {
            Interlocked.Increment(ref _rejected);
            return;
        }

        if (received.Observation is SequenceObservation.New or SequenceObservation.Late && !_queue.Writer.TryWrite(received))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var received in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                BridgedReport result = await BridgeAsync(received.NodeId, received.Report!).ConfigureAwait(false);
                Interlocked.Increment(ref result.Error == null ? ref _bridged : ref _failed);
                Bridged?.Invoke(result);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<BridgedReport> BridgeAsync(string nodeId, TelemetryReport report)
    {
        var published = new Dictionary<string, int>();
        string publicId = _options.OpenData.PublicId(nodeId);
        List<JsonObject>? normalized = null;
        int entities = 0;
        string? error = null;
        foreach (var format in _options.Formats)
        {
            byte[]? payload = Encode(format, report, nodeId, ref normalized, ref entities);
            if (payload == null)
            {
                continue;
            }

            var (suffix, contentType) = Outputs[format];
            error ??= await PublishAsync($"{_options.ToTopic}/{publicId}/{suffix}", payload, contentType).ConfigureAwait(false);
            published[suffix] = payload.Length;
        }

        if (_http != null)
        {
            normalized ??= NgsiLdEntities.From(report, nodeId, _options.OpenData, NgsiLdForm.Normalized);
            entities = normalized.Count;
            if (normalized.Count > 0)
            {
                error ??= await UpsertAsync(normalized).ConfigureAwait(false);
            }
        }

        return new BridgedReport(nodeId, report.Sequence, published, entities, error);
    }

    /// <summary>The payload of one format; null when the report has nothing in it (no entity without time or location).</summary>
    private byte[]? Encode(OpenDataFormat format, TelemetryReport report, string nodeId, ref List<JsonObject>? normalized, ref int entities)
    {
        switch (format)
        {
            case OpenDataFormat.SenmlJson:
                return SenmlJson.Encode(ReportSenml.Pack(report, nodeId, _options.OpenData));
            case OpenDataFormat.SenmlCbor:
                return SenmlCbor.Encode(ReportSenml.Pack(report, nodeId, _options.OpenData));
            default:
                var list = NgsiLdEntities.From(report, nodeId, _options.OpenData, format == OpenDataFormat.NgsiLd ? NgsiLdForm.Normalized : NgsiLdForm.KeyValues);
                if (format == OpenDataFormat.NgsiLd)
                {
                    normalized = list;
                }

                entities = list.Count;
                return list.Count == 0 ? null : Encoding.UTF8.GetBytes(new JsonArray(list.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString());
        }
    }

    /// <summary>Null when the broker took it; otherwise why not. Reconnects once when the link dropped.</summary>
    private async Task<string?> PublishAsync(string topic, byte[] payload, string contentType)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType(contentType)
            .Build();
        for (int attempt = 0; ; attempt++)
        {
            using var deadline = Deadline(_options.Timeout, _stop.Token);
            try
            {
                if (!_publisher.IsConnected)
                {
                    await _publisher.ConnectAsync(_publisherOptions, deadline.Token).ConfigureAwait(false);
                }

                var result = await _publisher.PublishAsync(message, deadline.Token).ConfigureAwait(false);
                return result.IsSuccess ? null : $"{topic}: the broker refused it ({result.ReasonCode} {result.ReasonString})";
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or MQTTnet.Adapter.MqttConnectingFailedException)
            {
                if (attempt > 0 || _stop.IsCancellationRequested)
                {
                    return $"{topic}: not published within {_options.Timeout.TotalSeconds:0} s: {ex.Message}";
                }
            }
        }
    }

    /// <summary>NGSI-LD batch upsert (ETSI GS CIM 009, entityOperations/upsert); null on 201/204, else the status.</summary>
    private async Task<string?> UpsertAsync(List<JsonObject> entities)
    {
        var body = new StringContent(new JsonArray(entities.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString(), Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/ld+json");
        try
        {
            using var response = await _http!.PostAsync("ngsi-ld/v1/entityOperations/upsert", body, _stop.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.MultiStatus
                ? null
                : $"context broker {_http.BaseAddress}: {(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(_stop.Token).ConfigureAwait(false)}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"context broker {_http!.BaseAddress}: {ex.Message}";
        }
    }
}
