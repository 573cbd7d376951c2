namespace CityEdge.Host.Reports;

/// <summary>What the receiving side measured over a run: how fast reports came and how late.</summary>
/// <param name="Reports">Reports measured (new or late; duplicates and bad frames are not).</param>
/// <param name="ReportsPerSecond">Their rate between the first and the last arrival.</param>
/// <param name="P50">Median of (arrival − when the report was made).</param>
/// <param name="P99">99th percentile of the same.</param>
/// <param name="Max">The latest report's.</param>
public sealed record LatencyFigures(int Reports, double ReportsPerSecond, TimeSpan P50, TimeSpan P99, TimeSpan Max);

/// <summary>
/// Measures, on the receiving side, the delay from when each report was made (its frame timestamp,
/// mapped by <c>madeAt</c> to the wall clock: itself for real nodes, the pacing for a simulated
/// fleet) to its arrival, in a fixed histogram of 1 ms buckets up to <see cref="RangeMs"/> (later ones
/// count in the last), so a long run's memory stays flat. A frame timestamp has whole seconds: a
/// report made between seconds reads up to 1 s late; the simulator makes its reports on whole seconds.
/// </summary>
public sealed class LatencyMeter
{
    /// <summary>Longest latency told apart; anything later counts as this.</summary>
    public const int RangeMs = 120_000;

    private readonly Func<DateTime, DateTime?> _madeAt;
    private readonly int[] _buckets = new int[RangeMs + 1];
    private readonly object _gate = new();
    private int _count;
    private DateTime _first;
    private DateTime _last;
    private int _maxMs;

    /// <param name="madeAt">When (wall clock, UTC) a report stamped with the given UTC time was made; null: not known yet, not measured.</param>
    public LatencyMeter(Func<DateTime, DateTime?> madeAt) => _madeAt = madeAt;

    /// <summary>Measures <paramref name="received"/> when it is a report counted as received (new or late).</summary>
    public void Observe(ReceivedReport received)
    {
        if (received.Report is not { TimestampUnixSeconds: > 0 } report
            || received.Observation is not (SequenceObservation.New or SequenceObservation.Late)
            || _madeAt(DateTime.UnixEpoch.AddSeconds(report.TimestampUnixSeconds)) is not { } made)
        {
            return;
        }

        int ms = (int)Math.Clamp((received.ReceivedUtc - made).TotalMilliseconds, 0, RangeMs);
        lock (_gate)
        {
            _buckets[ms]++;
            _first = _count == 0 ? received.ReceivedUtc : _first;
            _last = received.ReceivedUtc;
            _count++;
            _maxMs = Math.Max(_maxMs, ms);
        }
    }

    /// <summary>The figures so far; null before any report was measured.</summary>
    public LatencyFigures? Figures()
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                return null;
            }

            double seconds = (_last - _first).TotalSeconds;
            return new LatencyFigures(_count, seconds > 0 ? (_count - 1) / seconds : 0, Percentile(0.50), Percentile(0.99), TimeSpan.FromMilliseconds(_maxMs));
        }
    }

    /// <summary>The smallest latency at or below which at least <paramref name="fraction"/> of the reports fall (nearest rank).</summary>
    private TimeSpan Percentile(double fraction)
    {
        long rank = (long)Math.Ceiling(fraction * _count);
        long seen = 0;
        for (int ms = 0; ms <= RangeMs; ms++)
        {
            seen += _buckets[ms];
            if (seen >= rank)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        return TimeSpan.FromMilliseconds(RangeMs);
    }
}
