using System.Text.Json;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Performance;
using CityEdge.Host.Tests.Cli;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace CityEdge.Host.Tests.Performance;

/// <summary>Wire sizes computed from the MQTT packet layouts against MQTTnet's own packet formatter, and `bench payload`'s figures.</summary>
[TestClass]
public sealed class PayloadBenchTests
{
    private const string Topic = "cityedge/sim/node-01/telemetry";

    [TestMethod]
    [DataRow(0)]
    [DataRow(25)]
    [DataRow(89)]
    [DataRow(90)]
    [DataRow(514)]
    [DataRow(20000)]
    public void PublishSizesMatchMqttNetsSerializedPackets(int payloadLength)
    {
        byte[] payload = new byte[payloadLength];
        string contentType = MqttNetLink.TelemetryContentType;

        Assert.AreEqual(Serialized(MqttProtocolVersion.V311, Topic, payload, null, 0), MqttPacketSize.Publish311(Topic, payloadLength, 1));
        Assert.AreEqual(Serialized(MqttProtocolVersion.V500, Topic, payload, null, 0), MqttPacketSize.Publish5(Topic, payloadLength, 1));
        Assert.AreEqual(Serialized(MqttProtocolVersion.V500, Topic, payload, contentType, 0),
            MqttPacketSize.Publish5(Topic, payloadLength, 1, MqttPacketSize.ContentTypeProperty(contentType)));
        Assert.AreEqual(Serialized(MqttProtocolVersion.V500, "", payload, null, 7),
            MqttPacketSize.Publish5("", payloadLength, 1, MqttPacketSize.TopicAliasProperty));
    }

    /// <summary>The measurement of today: a 25-byte frame goes out in 102 bytes, LPP's 51 in 88.</summary>
    [TestMethod]
    public async Task TheReferenceReportFigures()
    {
        var (exit, output, error) = await CliRun.RunAsync("bench", "payload", "--format", "json");

        Assert.AreEqual(0, exit, error);
        var f = JsonDocument.Parse(output).RootElement;
        int Get(string key) => f.GetProperty(key).GetInt32();
        Assert.AreEqual(25, Get("cityedge_bytes"));
        Assert.AreEqual(51, Get("cayenne_lpp_bytes"));
        Assert.AreEqual(102, Get("cityedge_as_sent_wire_bytes"));
        Assert.AreEqual(88, Get("cayenne_lpp_wire_bytes"));
        Assert.AreEqual(62, Get("cityedge_wire_bytes"));
        Assert.AreEqual(102 * 1440, Get("cityedge_as_sent_bytes_per_day"));
        foreach (string format in new[] { "json", "senml_json", "senml_cbor" })
        {
            Assert.IsGreaterThan(4 * Get("cityedge_bytes"), Get(format + "_bytes"), format);
            Assert.AreEqual(Get(format + "_bytes") + 38, Get(format + "_wire_bytes"), format + ": type 1 + remaining length 2 (above 127) + topic 2 + 30 + packet id 2 + properties length 1");
        }
    }

    [TestMethod]
    public async Task AFullyFittedNodesFrameIs33Bytes()
    {
        var (exit, output, error) = await CliRun.RunAsync("bench", "payload", "--report", "fitted", "--format", "json");

        Assert.AreEqual(0, exit, error);
        Assert.AreEqual(33, JsonDocument.Parse(output).RootElement.GetProperty("cityedge_bytes").GetInt32());
    }

    private static int Serialized(MqttProtocolVersion version, string topic, byte[] payload, string? contentType, ushort alias)
    {
        var packet = new MqttPublishPacket
        {
            Topic = topic,
            Payload = new System.Buffers.ReadOnlySequence<byte>(payload),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            PacketIdentifier = 1,
            ContentType = contentType,
            TopicAlias = alias,
        };
        return new MqttPacketFormatterAdapter(version, new MqttBufferWriter(4096, 65536)).Encode(packet).Length;
    }
}
