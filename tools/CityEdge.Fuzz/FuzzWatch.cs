namespace CityEdge.Fuzz;

/// <summary>What the runner's watchdog sees of a target at work: inputs begun, and the latest one.</summary>
public sealed class FuzzWatch
{
    private long _count;
    private object? _current;

    /// <summary>Inputs begun so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The input being checked now (printed when it hangs).</summary>
    public object? Current => Volatile.Read(ref _current);

    internal void Begin(object input)
    {
        Volatile.Write(ref _current, input);
        Interlocked.Increment(ref _count);
    }
}
