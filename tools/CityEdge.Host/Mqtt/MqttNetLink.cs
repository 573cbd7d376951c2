using System.Buffers;
using CityEdge.Hal;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// The node's <see cref="INetworkLink"/> on the host, over an MQTTnet client: what M2Mqtt is on the
/// device. Publish waits for the broker's acknowledgement (QoS 1) so that "true" means accepted by
/// the broker (a PUBACK with "not authorized" is false), the same contract the core relies on for its
/// outbox. MQTT 5 with a retained "offline" last will; every message carries its content type
/// (docs/mqtt.md). With <see cref="MqttClientSettings.Mqtt311"/> it speaks MQTT 3.1.1 as the device
/// does on a broker without MQTT 5: the same topics, payloads, QoS, retain and will, no content types. <see cref="CutAsync"/> and <see cref="Restore"/> simulate a backhaul outage.
/// </summary>
public sealed class MqttNetLink : INetworkLink, IAsyncDisposable
{
    /// <summary>Content types by topic suffix (MQTT 5 property; absent on 3.1.1, where the payload's version byte tells).</summary>
    public const string TelemetryContentType = "application/vnd.cityedge.telemetry.v1";
    public const string EventContentType = "application/vnd.cityedge.event.v1";
    public const string CommandContentType = "application/vnd.cityedge.command.v1";
    public const string AckContentType = "application/vnd.cityedge.command-ack.v1";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private readonly MqttClientOptions _options;
    private readonly bool _mqtt5;
    private IMqttClient _client;
    private volatile bool _cut;

    private MqttNetLink(MqttClientOptions options, bool mqtt5)
    {
        _options = options;
        _mqtt5 = mqtt5;
        _client = NewClient();
    }

    /// <summary>Why the connection last dropped (broker reason code, or the transport error), for logs.</summary>
    public string? LastDisconnect { get; private set; }

    public event MessageReceivedHandler? MessageReceived;

    public bool IsConnected => !_cut && _client.IsConnected;

    /// <summary>True while a simulated outage holds the link down.</summary>
    public bool IsCut => _cut;

    /// <summary>Connects with MQTT 5 and a retained last will, as the device does.</summary>
    public static Task<MqttNetLink> ConnectAsync(BrokerAddress broker, string clientId, string willTopic, byte[] willPayload, CancellationToken cancellationToken) =>
        ConnectAsync(MqttClientSettings.Plain(broker), clientId, willTopic, willPayload, cancellationToken);

    /// <summary>Connects with <paramref name="settings"/> (credentials, pinned TLS); throws when refused.</summary>
    public static async Task<MqttNetLink> ConnectAsync(MqttClientSettings settings, string clientId, string willTopic, byte[] willPayload, CancellationToken cancellationToken)
    {
        var link = Create(settings, clientId, willTopic, willPayload);
        var result = await link._client.ConnectAsync(link._options, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            link._client.Dispose();
            throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker refused {clientId}: {result.ResultCode} {result.ReasonString}");
        }

        return link;
    }

    /// <summary>A link that is not connected yet: the owner calls <see cref="TryConnectAsync"/>.</summary>
    public static MqttNetLink Create(MqttClientSettings settings, string clientId, string willTopic, byte[] willPayload)
    {
        var builder = settings.Apply(new MqttClientOptionsBuilder())
            .WithClientId(clientId)
            .WithProtocolVersion(settings.Mqtt311 ? MQTTnet.Formatter.MqttProtocolVersion.V311 : MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanSession(true)
            .WithWillTopic(willTopic)
            .WithWillPayload(willPayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!settings.Mqtt311)
        {
            builder.WithWillContentType("application/json");
        }

        return new MqttNetLink(builder.Build(), !settings.Mqtt311);
    }

    /// <summary>One connection attempt (the device app's reconnect loop does the same); false when refused or unreachable.</summary>
    public async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        if (_cut)
        {
            return false;
        }

        if (_client.IsConnected)
        {
            return true;
        }

        try
        {
            var result = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
            return result.ResultCode == MqttClientConnectResultCode.Success;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or MQTTnet.Adapter.MqttConnectingFailedException or InvalidOperationException)
        {
            // InvalidOperationException: MQTTnet is still tearing the old connection down; try again next time.
            return false;
        }
    }

    /// <summary>Simulates losing the backhaul: the connection drops without a DISCONNECT, so the broker
    /// publishes the "offline" will, and the link stays down until <see cref="Restore"/>.</summary>
    public async Task CutAsync()
    {
        _cut = true;
        if (!_client.IsConnected)
        {
            return;
        }

        if (_mqtt5)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                .WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build()).ConfigureAwait(false);
            return;
        }

        // MQTT 3.1.1 has no DISCONNECT that keeps the will: drop the connection itself, as a lost
        // backhaul does, and reconnect later on a new client.
        IMqttClient dropped = _client;
        _client = NewClient();
        dropped.Dispose();
    }

    /// <summary>Ends a simulated outage; the next <see cref="TryConnectAsync"/> reconnects.</summary>
    public void Restore() => _cut = false;

    public bool Publish(string topic, byte[] payload, MessageQos qos, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)(int)qos)
            .WithRetainFlag(retain)
            .WithContentType(_mqtt5 ? ContentTypeOf(topic) : null)
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(PublishTimeout);
            return _client.PublishAsync(message, timeout.Token).GetAwaiter().GetResult().IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    public bool Subscribe(string topicFilter, MessageQos qos)
    {
        try
        {
            var options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topicFilter, (MqttQualityOfServiceLevel)(int)qos)
                .Build();
            var result = _client.SubscribeAsync(options).GetAwaiter().GetResult();
            // A broker that refuses the filter (ACL) answers with a failure reason code, not an error.
            return result.Items.All(i => (int)i.ResultCode <= (int)MqttClientSubscribeResultCode.GrantedQoS2);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private IMqttClient NewClient()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += e =>
        {
            LastDisconnect = $"{e.Reason} {e.ReasonString} {e.Exception?.Message}".Trim();
            return Task.CompletedTask;
        };
        return client;
    }

    public static string ContentTypeOf(string topic) => topic[(topic.LastIndexOf('/') + 1)..] switch
    {
        "telemetry" => TelemetryContentType,
        "events" => EventContentType,
        "command" => CommandContentType,
        "command-ack" => AckContentType,
        _ => "application/json",
    };

    /// <summary>Disconnects without the will (a planned stop publishes "offline" itself).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }
}
