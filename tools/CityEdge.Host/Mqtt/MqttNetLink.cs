using System.Buffers;
using CityEdge.Hal;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// The node's <see cref="INetworkLink"/> on the host, over an MQTTnet client: what M2Mqtt is on the
/// device. Publish waits for the broker's acknowledgement (QoS 1) so that "true" means delivered to
/// the broker, the same contract the core relies on for its outbox.
/// </summary>
public sealed class MqttNetLink : INetworkLink, IAsyncDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client;

    private MqttNetLink(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    public event MessageReceivedHandler? MessageReceived;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects with MQTT 5 and a retained last will, as the device does.</summary>
    public static async Task<MqttNetLink> ConnectAsync(BrokerAddress broker, string clientId, string willTopic, byte[] willPayload, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var link = new MqttNetLink(client);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanSession(true)
            .WithWillTopic(willTopic)
            .WithWillPayload(willPayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        return link;
    }

    public bool Publish(string topic, byte[] payload, MessageQos qos, bool retain)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)(int)qos)
            .WithRetainFlag(retain)
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(PublishTimeout);
            return _client.PublishAsync(message, timeout.Token).GetAwaiter().GetResult().IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
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
            _client.SubscribeAsync(options).GetAwaiter().GetResult();
            return true;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            return false;
        }
    }

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
