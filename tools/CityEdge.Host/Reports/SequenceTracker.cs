using System.Collections;

namespace CityEdge.Host.Reports;

/// <summary>What one arriving sequence number means for its node.</summary>
public enum SequenceObservation
{
    /// <summary>Newer than anything seen (possibly after a gap).</summary>
    New,
    /// <summary>Older than the newest, and fills a gap (e.g. a store-and-forward backlog).</summary>
    Late,
    /// <summary>Seen before: drop it.</summary>
    Duplicate,
    /// <summary>Too far behind to tell whether it was seen: treat as a duplicate.</summary>
    TooOld,
}

/// <summary>
/// Deduplication and gap detection for one node's 16-bit report sequence numbers, using serial
/// number arithmetic (RFC 1982) so that wrap-around at 65536 is not a gap. Remembers the last
/// <see cref="Window"/> numbers: a late frame inside it fills its gap, one outside it is "too old".
/// </summary>
public sealed class SequenceTracker
{
    public const int Window = 16384;
    private readonly BitArray _seen = new(Window);
    private int _highest = -1;

    /// <summary>Numbers skipped and not (yet) received.</summary>
    public int Missing { get; private set; }

    public int Duplicates { get; private set; }

    public SequenceObservation Observe(int sequence)
    {
        if (sequence < 0 || sequence > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "sequence numbers are 16-bit");
        }

        if (_highest < 0)
        {
            _highest = sequence;
            _seen[sequence % Window] = true;
            return SequenceObservation.New;
        }

        int ahead = (short)(ushort)(sequence - _highest);
        if (ahead > 0)
        {
            // Slots between the old and new highest become holes; holes pushed out of the window stay counted.
            for (int step = 1; step <= Math.Min(ahead, Window); step++)
            {
                _seen[(_highest + step) % Window] = false;
            }

            Missing += ahead - 1;
            _highest = sequence;
            _seen[sequence % Window] = true;
            return SequenceObservation.New;
        }

        if (-ahead >= Window)
        {
            Duplicates++;
            return SequenceObservation.TooOld;
        }

        if (_seen[sequence % Window])
        {
            Duplicates++;
            return SequenceObservation.Duplicate;
        }

        _seen[sequence % Window] = true;
        Missing--;
        return SequenceObservation.Late;
    }
}
