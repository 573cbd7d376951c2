using CityEdge.Hal;

namespace CityEdge.Core.Tests.Node;

/// <summary>An <see cref="INetworkLink"/> that records what the node publishes and can be cut.</summary>
internal sealed class RecordingLink : INetworkLink
{
    public List<(string Topic, byte[] Payload, MessageQos Qos, bool Retain)> Published { get; } = [];

    public bool IsConnected { get; set; } = true;

    public event MessageReceivedHandler? MessageReceived;

    public bool Publish(string topic, byte[] payload, MessageQos qos, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        Published.Add((topic, payload, qos, retain));
        return true;
    }

    public bool Subscribe(string topicFilter, MessageQos qos) => IsConnected;

    public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload);

    public List<byte[]> On(string topic) => Published.Where(p => p.Topic == topic).Select(p => p.Payload).ToList();
}
