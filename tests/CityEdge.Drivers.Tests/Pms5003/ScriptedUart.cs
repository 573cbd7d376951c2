using CityEdge.Hal;

namespace CityEdge.Drivers.Tests.Pms5003;

/// <summary>A UART fed by the test: received bytes come out in reads of at most <see cref="ChunkSize"/>
/// bytes (to split frames), and everything written is recorded.</summary>
internal sealed class ScriptedUart : IUart
{
    private readonly Queue<byte> _received = new();

    public int ChunkSize { get; set; } = int.MaxValue;

    public List<byte[]> Writes { get; } = new();

    public int DiscardCount { get; private set; }

    public int BytesAvailable => _received.Count;

    public void Receive(params byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            _received.Enqueue(b);
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, ChunkSize), _received.Count);
        for (int i = 0; i < n; i++)
        {
            buffer[offset + i] = _received.Dequeue();
        }

        return n;
    }

    public void Write(byte[] buffer, int offset, int count) => Writes.Add(buffer.AsSpan(offset, count).ToArray());

    public void DiscardInput()
    {
        DiscardCount++;
        _received.Clear();
    }
}
