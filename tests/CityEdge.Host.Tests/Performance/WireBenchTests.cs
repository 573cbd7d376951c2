using System.Text.Json;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Performance;
using CityEdge.Host.Tests.Cli;
using CityEdge.Host.Tests.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Tests.Performance;

/// <summary>`bench wire`: the meter counts packets as MQTTnet serializes them, the ping model, the command.</summary>
[TestClass]
public sealed class WireBenchTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task TheMeterCountsEveryPacketByKindAsTheLayoutsSay()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var meter = WireMeter.Start(broker.Address, () => 0);
        const string telemetry = "c/n1/telemetry";
        const string status = "c/n1/status";
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(meter.Address.Host, meter.Address.Port).WithClientId("n1")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithKeepAlivePeriod(TimeSpan.FromSeconds(90)).Build());
        var frame = new byte[25];
        await client.PublishAsync(Message(telemetry, 7, frame));
        await client.PublishAsync(Message("", 7, frame));
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(status).WithPayload(new byte[300])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
        await client.SubscribeAsync("c/n1/command", MqttQualityOfServiceLevel.AtLeastOnce);
        client.Dispose();

        var up = meter.Upstream().ToDictionary(c => c.Kind);
        Assert.AreEqual(90, meter.KeepAliveS);
        Assert.AreEqual(2, up["telemetry"].Packets, "the aliased publish is still telemetry");
        Assert.AreEqual(MqttPacketSize.Publish5(telemetry, 25, 1, MqttPacketSize.TopicAliasProperty) + MqttPacketSize.Publish5("", 25, 1, MqttPacketSize.TopicAliasProperty), up["telemetry"].Bytes);
        Assert.AreEqual(MqttPacketSize.Publish5(status, 300, 1), up["status"].Bytes);
        Assert.AreEqual(1, up["subscribe"].Packets);
        Assert.AreEqual(1, up["connect"].Packets);
        var down = meter.Downstream().ToDictionary(c => c.Kind);
        Assert.AreEqual(3, down["puback"].Packets);
    }

    [TestMethod]
    public void PingsFollowTheDeviceClientsKeepAliveRule()
    {
        // Gaps of 30, 60, 60 and 50 s with a 60 s keep-alive: a ping in each whole minute of silence.
        Assert.AreEqual(2, WireBench.KeepAlivePings([0, 30_000, 90_000, 150_000], 60_000, 200_000));

        // 150 s of silence: pings at 60 and 120 s.
        Assert.AreEqual(2, WireBench.KeepAlivePings([0], 60_000, 150_000));
        Assert.AreEqual(0, WireBench.KeepAlivePings([0, 59_999], 60_000, 119_998));
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task AnHourOfAFullyFittedNodeOnTheWire()
    {
        var (exit, output, error) = await CliRun.RunAsync("bench", "wire", "--duration", "1h", "--format", "json");

        Assert.AreEqual(0, exit, error);
        CliSchemas.AssertValid("bench-wire", output);
        var kinds = JsonDocument.Parse(output).RootElement.GetProperty("upstream").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("packets_per_day").GetInt64());
        Assert.AreEqual(1440, kinds["telemetry"], "one report a minute");
        Assert.AreEqual(24, kinds["connect"], "one connection in the hour");
        Assert.AreEqual(24, kinds["config"], "the config once per connection");
    }

    private static MqttApplicationMessage Message(string topic, ushort alias, byte[] payload) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithTopicAlias(alias).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
