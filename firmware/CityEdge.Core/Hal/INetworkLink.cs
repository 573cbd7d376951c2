namespace CityEdge.Hal
{
    /// <summary>MQTT delivery guarantee for one message.</summary>
    public enum MessageQos
    {
        AtMostOnce = 0,
        AtLeastOnce = 1,
        ExactlyOnce = 2,
    }

    /// <summary>Called by the link for every message that arrives on a subscribed topic.</summary>
    public delegate void MessageReceivedHandler(string topic, byte[] payload);

    /// <summary>
    /// The node's connection to the command centre: M2Mqtt on the device, MQTTnet on the host.
    /// The link owns the connection (connect, will, reconnect); the core only publishes and listens.
    /// </summary>
    public interface INetworkLink
    {
        bool IsConnected { get; }

        /// <summary>Hands one message to the broker connection. False when it could not be sent
        /// (not connected, or the client refused it); the caller keeps the message for a retry.</summary>
        bool Publish(string topic, byte[] payload, MessageQos qos, bool retain);

        /// <summary>Subscribes to a topic filter; messages arrive through <see cref="MessageReceived"/>.</summary>
        bool Subscribe(string topicFilter, MessageQos qos);

        event MessageReceivedHandler MessageReceived;
    }
}
