using System.Collections;
using CityEdge.Node;

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
/// <see cref="Window"/> numbers (or as many as the constructor says): a late frame inside them fills
/// its gap, one outside them is "too old". Its memory is fixed: two bits per remembered number.
/// </summary>
public sealed class SequenceTracker
{
    /// <summary>Numbers remembered by default: 11 days of reports at one a minute, a long store-and-forward backlog.</summary>
    public const int Window = 16384;
    private readonly int _window;
    private readonly BitArray _seen;

    // Holes put down to a reboot's skip: one that arrives after all (a report of the previous boot
    // sent from the node's flash queue) comes off the skipped count, not the missing one.
    private readonly BitArray _skipped;
    private int _highest = -1;

    // How many numbers up to the highest this tracker has followed (at most the window): a number
    // before the first one observed was never a hole here.
    private int _known;

    public SequenceTracker(int window = Window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, 32768);
        _window = window;
        _seen = new BitArray(window);
        _skipped = new BitArray(window);
    }

    /// <summary>Numbers skipped and not (yet) received.</summary>
    public int Missing { get; private set; }

    /// <summary>Numbers a reboot skipped (see <see cref="BootStartsAt"/>): not counted in <see cref="Missing"/>.</summary>
    public int SkippedAtReboot { get; private set; }

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
            _known = 1;
            _seen[sequence % _window] = true;
            return SequenceObservation.New;
        }

        int ahead = (short)(ushort)(sequence - _highest);
        if (ahead > 0)
        {
            _known = Math.Min(_window, _known + ahead);
            // Slots between the old and new highest become holes; holes pushed out of the window stay counted.
            for (int step = 1; step <= Math.Min(ahead, _window); step++)
            {
                _seen[(_highest + step) % _window] = false;
                _skipped[(_highest + step) % _window] = false;
            }

            Missing += ahead - 1;
            _highest = sequence;
            _seen[sequence % _window] = true;
            return SequenceObservation.New;
        }

        if (-ahead >= _window)
        {
            Duplicates++;
            return SequenceObservation.TooOld;
        }

        if (-ahead >= _known)
        {
            // Before the first number this tracker followed (it started mid-stream, and a node's
            // backlog came later): never counted as a hole, so nothing to take back.
            return SequenceObservation.Late;
        }

        if (_seen[sequence % _window])
        {
            Duplicates++;
            return SequenceObservation.Duplicate;
        }

        _seen[sequence % _window] = true;
        if (_skipped[sequence % _window])
        {
            _skipped[sequence % _window] = false;
            SkippedAtReboot--;
        }
        else
        {
            Missing--;
        }

        return SequenceObservation.Late;
    }

    /// <summary>
    /// The node says (its status's <c>first_sequence</c>) that its current boot numbers reports from
    /// <paramref name="firstOfBoot"/>. The node reserves numbers in blocks kept in flash, so a reboot
    /// resumes after the last reserved block: the numbers between the newest report received before the
    /// boot and <paramref name="firstOfBoot"/>, at most one block less one, are counted as skipped, not
    /// missing (farther back they are reports this receiver did not get). Most were never used; one
    /// that was (queued in flash across the reboot) is still accepted when it comes. A report lost in
    /// the last moments before the reboot falls in the same range; no receiver can tell the two
    /// apart. Repeating the same boot's number changes nothing.
    /// </summary>
    public void BootStartsAt(int firstOfBoot)
    {
        if (firstOfBoot < 0 || firstOfBoot > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(firstOfBoot), firstOfBoot, "sequence numbers are 16-bit");
        }

        if (_highest < 0)
        {
            return;
        }

        int ahead = (short)(ushort)(firstOfBoot - _highest);
        if (ahead > 0)
        {
            // The boot's first report has not come yet: the numbers just before it are holes of the reboot.
            int holes = ahead - 1;
            int skipped = Math.Min(holes, SequenceCounter.BlockSize - 1);
            for (int step = Math.Max(1, holes - _window + 1); step <= holes; step++)
            {
                _seen[(_highest + step) % _window] = false;
                _skipped[(_highest + step) % _window] = step > holes - skipped;
            }

            Missing += holes - skipped;
            SkippedAtReboot += skipped;
            _known = Math.Min(_window, _known + holes);
            _highest = (firstOfBoot + 0xFFFF) & 0xFFFF;
            return;
        }

        // The boot's reports came first (the status was delayed): the holes just before its first
        // number were counted as missing; they are the reboot's skip.
        int behind = 1 - ahead;
        int number = (firstOfBoot + 0xFFFF) & 0xFFFF;
        for (int taken = 0; taken < SequenceCounter.BlockSize - 1 && behind < _known && !_seen[number % _window] && !_skipped[number % _window]; taken++)
        {
            _skipped[number % _window] = true;
            Missing--;
            SkippedAtReboot++;
            behind++;
            number = (number + 0xFFFF) & 0xFFFF;
        }
    }
}
