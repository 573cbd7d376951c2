using CityEdge.Link;

namespace CityEdge.Hal
{
    /// <summary>MQTT delivery guarantee for one message.</summary>
    public enum MessageQos
    {
        AtMostOnce = 0,
        AtLeastOnce = 1,
        ExactlyOnce = 2,
    }

    /// <summary>
    /// The MQTT client under the node's link: M2Mqtt on the device, MQTTnet on the host. Nothing here
    /// waits. A call hands work to the client and returns; what the broker answers (CONNACK, PUBACK,
    /// SUBACK, messages, a lost connection) comes back later through the <see cref="LinkInbox"/> of the
    /// connection attempt, on whatever thread the client uses. Every decision (when to connect, which
    /// protocol version, what counts as delivered, when the broker has stalled) is the core's
    /// <see cref="LinkSession"/>, so the device and the host twin behave the same.
    /// </summary>
    public interface INetworkLink
    {
        /// <summary>
        /// Starts one connection attempt with <paramref name="request"/>'s session parameters. Its outcome
        /// is posted to <paramref name="inbox"/> (Connected or ConnectFailed), as is everything the
        /// connection brings afterwards; once connected, exactly one ConnectionLost ends it.
        /// </summary>
        void BeginConnect(ConnectRequest request, LinkInbox inbox);

        /// <summary>
        /// Hands one message to the client: the id its acknowledgement will carry (&gt; 0) for QoS 1 and 2,
        /// 0 for QoS 0 (no acknowledgement), or -1 when nothing was handed over (not connected, the
        /// client's queue is full). The payload is <paramref name="count"/> bytes of
        /// <paramref name="payload"/> from <paramref name="offset"/>: the caller reuses that buffer once
        /// this returns, so a client that sends later copies them. Messages go out in the order they are
        /// handed over. <paramref name="topicAlias"/> is 0 for none; otherwise, with a topic, it maps the
        /// alias to the topic for this connection, and with an empty topic it stands for the mapped topic
        /// (MQTT 5.0 section 3.3.2.3.4); the core uses aliases only up to the topic alias maximum the
        /// link posted with Connected. The core keeps the message until its acknowledgement arrives.
        /// </summary>
        int Publish(string topic, int topicAlias, byte[] payload, int offset, int count, MessageQos qos, bool retain);

        /// <summary>Hands one subscription to the client: the id its SUBACK will carry, or -1.</summary>
        int Subscribe(string topicFilter, MessageQos qos);

        /// <summary>Drops the connection without waiting (the broker stopped answering); ConnectionLost follows.</summary>
        void Drop();
    }
}
