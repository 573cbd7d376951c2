namespace CityEdge.Host.Reports;

/// <summary>One node's figures at the end of a watch.</summary>
public sealed record NodeSummary(
    string NodeId,
    string? State,
    int Received,
    int Missing,
    int SkippedAtReboot,
    int Duplicates,
    int BadFrames,
    int Events,
    int EventsMissing,
    int EventDuplicates,
    int BadEvents);

/// <summary>
/// What a receiver saw over a run, per node and in total: the figures `monitor` and `simulate` end
/// with. <see cref="Produced"/> is known only when the nodes are ours (simulate): then reports that
/// never arrived at all, not even as a gap, are counted too.
/// </summary>
public sealed record ReceiverSummary(TimeSpan Duration, IReadOnlyList<NodeSummary> Nodes, int ConnectionLosses, bool ConnectedAtEnd, int IgnoredMessages)
{
    /// <summary>Reports the nodes produced (simulate only).</summary>
    public int? Produced { get; init; }

    /// <summary>Reports still queued on the nodes at the end (simulate only).</summary>
    public int? Unsent { get; init; }

    /// <summary>Rate and delay of the reports, when measured (<see cref="LatencyMeter"/>).</summary>
    public LatencyFigures? Latency { get; init; }

    /// <summary>What the run cost the simulator (simulate only, paced runs).</summary>
    public Simulation.FleetCost? Cost { get; init; }

    /// <summary>How the fleet rode out its outage (simulate --outage only).</summary>
    public Simulation.OutageFigures? Outage { get; init; }

    public int Received => Nodes.Sum(n => n.Received);

    public int Missing => Nodes.Sum(n => n.Missing);

    public int SkippedAtReboot => Nodes.Sum(n => n.SkippedAtReboot);

    public int Duplicates => Nodes.Sum(n => n.Duplicates);

    public int BadFrames => Nodes.Sum(n => n.BadFrames);

    public int Events => Nodes.Sum(n => n.Events);

    public int EventsMissing => Nodes.Sum(n => n.EventsMissing);

    public int BadEvents => Nodes.Sum(n => n.BadEvents);

    /// <summary>Produced reports that did not arrive and are not still queued on a node (simulate only): gaps and lost tails alike.</summary>
    public int? NotReceived => Produced - Received - (Unsent ?? 0);

    /// <summary>Anything lost or undecodable.</summary>
    public bool DataLost => Missing > 0 || EventsMissing > 0 || BadFrames > 0 || BadEvents > 0 || NotReceived > 0;

    public static ReceiverSummary Of(TelemetryReceiver receiver, TimeSpan duration) => new(
        duration,
        receiver.Nodes.Select(n => new NodeSummary(
            n.NodeId, n.State, n.Received, n.Sequences.Missing, n.Sequences.SkippedAtReboot, n.Sequences.Duplicates, n.DecodeErrors,
            n.EventsReceived, n.EventSequences.Missing, n.EventSequences.Duplicates, n.EventDecodeErrors)).ToList(),
        receiver.ConnectionLosses,
        receiver.IsConnected,
        receiver.IgnoredMessages);
}
