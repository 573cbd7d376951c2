using CityEdge.Node;

namespace CityEdge.Core.Tests.Parking;

/// <summary>Keeps every event a pipeline emits.</summary>
internal sealed class RecordingEventSink : IEventSink
{
    public List<int> Types { get; } = [];

    public List<byte[]> Payloads { get; } = [];

    public int Count => Types.Count;

    public void Clear()
    {
        Types.Clear();
        Payloads.Clear();
    }

    public void Emit(int type, byte[] payload, int offset, int count)
    {
        Types.Add(type);
        Payloads.Add(payload[offset..(offset + count)]);
    }
}
