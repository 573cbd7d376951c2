using System.Text;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// Bytes of an MQTT PUBLISH packet on the wire, from the packet layouts: fixed header (1) + Remaining
/// Length (variable byte integer, 1-4) + topic name (2 + UTF-8) + packet identifier (2, QoS 1 and 2)
/// [+ MQTT 5 properties: their length as a variable byte integer, then each property] + payload
/// (MQTT 3.1.1 §3.3, MQTT 5.0 §3.3). TCP/IP and TLS framing come on top.
/// </summary>
public static class MqttPacketSize
{
    /// <summary>Topic Alias property: identifier 0x23 + two-byte integer (MQTT 5.0 §3.3.2.3.4).</summary>
    public const int TopicAliasProperty = 3;

    public static int Publish311(string topic, int payloadLength, int qos) =>
        WithFixedHeader(TopicAndId(topic, qos) + payloadLength);

    /// <summary>An MQTT 5 PUBLISH with <paramref name="propertiesLength"/> bytes of properties. With an
    /// established topic alias pass an empty topic and <see cref="TopicAliasProperty"/>.</summary>
    public static int Publish5(string topic, int payloadLength, int qos, int propertiesLength = 0) =>
        WithFixedHeader(TopicAndId(topic, qos) + VariableByteIntegerSize(propertiesLength) + propertiesLength + payloadLength);

    public static int VariableByteIntegerSize(int value) => value switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(value), value, "negative length"),
        < 128 => 1,
        < 16384 => 2,
        < 2097152 => 3,
        < 268435456 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "above MQTT's 268 435 455-byte limit"),
    };

    private static int TopicAndId(string topic, int qos) => 2 + Encoding.UTF8.GetByteCount(topic) + (qos > 0 ? 2 : 0);

    private static int WithFixedHeader(int remaining) => 1 + VariableByteIntegerSize(remaining) + remaining;
}
