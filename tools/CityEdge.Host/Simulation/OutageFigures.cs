namespace CityEdge.Host.Simulation;

/// <summary>
/// How a fleet rode out its outage (`simulate --outage`), and how long the flash queue would last
/// at the frame size the outage measured: what a city team sizes `link.queue_budget_bytes` from.
/// </summary>
/// <param name="PeakBacklog">Most frames waiting at once, all nodes together.</param>
/// <param name="PeakFlashFrames">Most of those that were in flash at once.</param>
/// <param name="PeakFlashBytes">Flash bytes those frames took, record headers included.</param>
/// <param name="Unsent">Reports still queued on the nodes at the end (0: the backlog drained).</param>
/// <param name="Dropped">Reports the nodes dropped because their queues were full.</param>
public sealed record OutageFigures(
    int PeakBacklog,
    int PeakFlashFrames,
    long PeakFlashBytes,
    int Unsent,
    int Dropped,
    int QueueBudgetBytes,
    int ReportPeriodS,
    int OutboxFrames)
{
    /// <summary>Flash bytes per queued report, headers included (null when nothing reached flash).</summary>
    public double? BytesPerFrame => PeakFlashFrames > 0 ? (double)PeakFlashBytes / PeakFlashFrames : null;

    /// <summary>Reports one node's flash budget holds at least (null when nothing reached flash to measure).</summary>
    public long? FlashHoldsReports
    {
        get
        {
            if (BytesPerFrame is not { } bytesPerFrame)
            {
                return null;
            }

            // Records never straddle 4 KiB segments, and a full queue frees a whole segment: count one segment less.
            long framesPerSegment = (long)(CityEdge.Link.FlashQueue.SegmentBytes / Math.Ceiling(bytesPerFrame));
            long segments = QueueBudgetBytes / CityEdge.Link.FlashQueue.SegmentBytes;
            return (segments - 1) * framesPerSegment;
        }
    }

    /// <summary><see cref="FlashHoldsReports"/> in hours at the node's report period.</summary>
    public double? FlashHoldsHours => FlashHoldsReports * ReportPeriodS / 3600.0;

    /// <summary>The figures of <paramref name="fleet"/> once its outage is over (null if it had none or it has not
    /// ended); <paramref name="unsent"/>: the reports still queued on its nodes.</summary>
    public static OutageFigures? Of(Fleet fleet, int unsent)
    {
        if (!fleet.OutageOver)
        {
            return null;
        }

        var config = fleet.Nodes[0].Config;
        return new OutageFigures(
            fleet.PeakBacklog,
            fleet.PeakFlashBacklog,
            fleet.PeakFlashBytes,
            unsent,
            fleet.Nodes.Sum(n => n.Runtime.DroppedReportCount),
            config.QueueBudgetBytes,
            config.ReportPeriodS,
            config.OutboxFrames);
    }
}
