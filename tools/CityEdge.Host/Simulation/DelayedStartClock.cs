using CityEdge.Hal;

namespace CityEdge.Host.Simulation;

/// <summary>
/// A node's view of its fleet's clock when the node started <see cref="DelayMs"/> later than the
/// fleet: its monotonic time stands at 0 until then and runs with the fleet's after; its UTC time is
/// the fleet's. A city's nodes are powered on at different moments and so report out of step; a fleet
/// started at one instant would publish every report in the same millisecond.
/// </summary>
public sealed class DelayedStartClock(IClock fleet, long delayMs) : IClock
{
    public long DelayMs { get; } = delayMs;

    public long MonotonicMs() => Math.Max(0, fleet.MonotonicMs() - DelayMs);

    public DateTime UtcNow() => fleet.UtcNow();

    public bool IsUtcValid() => fleet.IsUtcValid();
}
