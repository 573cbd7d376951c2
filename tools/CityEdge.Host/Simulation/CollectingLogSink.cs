using CityEdge.Diagnostics;

namespace CityEdge.Host.Simulation;

/// <summary>A node log on the host: keeps the lines (bounded) so tools and tests can show them.</summary>
public sealed class CollectingLogSink : ILogSink
{
    private const int MaxLines = 1000;
    private readonly Queue<string> _lines = new();
    private readonly string _nodeId;
    private readonly Func<DateTime> _utcNow;

    public CollectingLogSink(string nodeId, Func<DateTime> utcNow)
    {
        _nodeId = nodeId;
        _utcNow = utcNow;
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public void Write(LogLevel level, string tag, string message)
    {
        lock (_lines)
        {
            if (_lines.Count == MaxLines)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue($"{_utcNow():HH:mm:ss} {_nodeId} [{tag}] {level}: {message}");
        }
    }
}
