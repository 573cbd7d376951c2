using System;

namespace CityEdge.Hal
{
    /// <summary>
    /// Time as the node sees it. The device app wraps the RTC/SNTP clock; the simulator and tests
    /// inject a simulated clock so that an hour runs in milliseconds and every run is repeatable.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since start-up; never goes backwards, unaffected by time sync.</summary>
        long MonotonicMs();

        /// <summary>Wall-clock UTC time; meaningful only while <see cref="IsUtcValid"/> is true.</summary>
        DateTime UtcNow();

        /// <summary>False until the clock has been set (SNTP or command), e.g. right after a cold boot.</summary>
        bool IsUtcValid();
    }
}
