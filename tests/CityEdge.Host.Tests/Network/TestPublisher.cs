using CityEdge.Host.Mqtt;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Tests.Network;

/// <summary>A plain MQTT client that publishes whatever a test wants under any topic: frames with chosen
/// sequence numbers, duplicates, garbage, made-up node ids.</summary>
internal sealed class TestPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private TestPublisher(IMqttClient client) => _client = client;

    public static async Task<TestPublisher> ConnectAsync(BrokerAddress broker)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("test-publisher-" + Guid.NewGuid().ToString("N")[..6]).Build());
        return new TestPublisher(client);
    }

    /// <summary>A telemetry frame v1 heartbeat (no groups, clock not set) with this sequence number.</summary>
    public static byte[] Heartbeat(int sequence) => [1, 0, (byte)(sequence >> 8), (byte)sequence, 0, 0, 0, 0];

    public Task PublishAsync(string topic, byte[] payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());

    public Task ReportAsync(string root, string node, int sequence) => PublishAsync($"{root}/{node}/telemetry", Heartbeat(sequence));

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }
}
