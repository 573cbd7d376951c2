using CityEdge.Hal;
using CityEdge.Scheduling;

namespace CityEdge.Host.Simulation;

/// <summary>
/// A clock that moves only when told to, so a simulated hour runs as fast as the code allows and
/// every run is repeatable. Shared by all nodes of a fleet.
/// </summary>
public sealed class SimulatedClock : IClock
{
    private long _startTicks;
    private long _nowMs;

    public SimulatedClock(DateTime startUtc, bool utcValid = true)
    {
        _startTicks = startUtc.Ticks;
        UtcValid = utcValid;
    }

    /// <summary>False simulates a node whose clock was never set.</summary>
    public bool UtcValid { get; set; }

    /// <summary>The UTC time at monotonic 0 (moved by <see cref="Anchor"/>).</summary>
    public DateTime StartUtc => new(Interlocked.Read(ref _startTicks), DateTimeKind.Utc);

    public long MonotonicMs() => Interlocked.Read(ref _nowMs);

    public DateTime UtcNow() => StartUtc.AddMilliseconds(MonotonicMs());

    /// <summary>Sets the UTC time the clock reads now to <paramref name="utcNow"/> (monotonic time is
    /// unchanged): a fleet paced against the wall clock anchors it when pacing starts, so a frame's
    /// timestamp says when the report was made and not how long the nodes took to connect.</summary>
    public void Anchor(DateTime utcNow) =>
        Interlocked.Exchange(ref _startTicks, utcNow.Ticks - (MonotonicMs() * TimeSpan.TicksPerMillisecond));

    public bool IsUtcValid() => UtcValid;

    /// <summary>Moves time forward to <paramref name="monotonicMs"/>; never backwards.</summary>
    public void AdvanceTo(long monotonicMs)
    {
        if (monotonicMs < _nowMs)
        {
            throw new ArgumentOutOfRangeException(nameof(monotonicMs), $"time cannot go back from {_nowMs} to {monotonicMs} ms");
        }

        Interlocked.Exchange(ref _nowMs, monotonicMs);
    }

    /// <summary>
    /// Runs one node's scheduler up to <paramref name="endMs"/> the way the simulator does: jump to the
    /// next due time, run what is due, repeat; the clock ends at <paramref name="endMs"/>.
    /// </summary>
    public void RunUntil(NodeScheduler scheduler, long endMs)
    {
        while (scheduler.NextDueMs <= endMs)
        {
            AdvanceTo(Math.Max(scheduler.NextDueMs, MonotonicMs()));
            scheduler.RunDue();
        }

        AdvanceTo(Math.Max(endMs, MonotonicMs()));
    }
}
