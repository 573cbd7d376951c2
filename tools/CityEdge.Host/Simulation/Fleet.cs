using System.Diagnostics;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Link;

namespace CityEdge.Host.Simulation;

/// <summary>How a fleet simulation runs.</summary>
public sealed record FleetOptions
{
    public int Nodes { get; init; } = 5;

    /// <summary>Simulated time to run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Simulated seconds per wall-clock second; 0 runs as fast as the machine allows.</summary>
    public double Speed { get; init; } = 60;

    public DateTime StartUtc { get; init; } = DateTime.UtcNow;

    /// <summary>The node's own default mqtt.topic_root, so every tool finds the simulated nodes without options.</summary>
    public string TopicRoot { get; init; } = TelemetryReceiver.DefaultTopicRoot;

    public int ReportPeriodS { get; init; } = 60;

    public int ClimatePeriodS { get; init; } = 10;

    /// <summary>Keep every simulated sensor sample (for tests that check reports against them).</summary>
    public bool RecordSamples { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>When (simulated time from the start) every node loses its backhaul; null for no outage.</summary>
    public TimeSpan? OutageAt { get; init; }

    /// <summary>How long the outage lasts.</summary>
    public TimeSpan Outage { get; init; }

    /// <summary>Parking bays each node watches (simulated in-ground magnetometers); 0 for none.</summary>
    public int ParkingBays { get; init; } = 4;

    /// <summary>False: the nodes' links send no topic aliases, as the device's M2Mqtt link cannot.</summary>
    public bool TopicAliases { get; init; } = true;

    /// <summary>lighting.group of every node (they share presence through the broker); empty for none.</summary>
    public string LightingGroup { get; init; } = "";

    /// <summary>The 32-byte command key provisioned in a node's flash (null: none, every command refused no-key).</summary>
    public Func<string, byte[]>? CommandKeyFor { get; init; }

    /// <summary>How long a node's first connection may take before the broker counts as unreachable.</summary>
    public TimeSpan ConnectDeadline { get; init; } = BrokerDeadline.Default;
}

/// <summary>
/// Several virtual nodes on one simulated clock against one broker. The loop jumps the clock to the
/// next due task of any node, so the run is deterministic and its speed only sets the pacing.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    private readonly FleetOptions _options;

    private Fleet(FleetOptions options, SimulatedClock clock, IReadOnlyList<VirtualNode> nodes)
    {
        _options = options;
        Clock = clock;
        Nodes = nodes;
    }

    public SimulatedClock Clock { get; }

    public IReadOnlyList<VirtualNode> Nodes { get; }

    public static string NodeName(int index) => $"node-{index + 1:D2}";

    public static async Task<Fleet> StartAsync(FleetOptions options, BrokerAddress broker, CancellationToken cancellationToken)
    {
        if (options.Nodes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Nodes, "a fleet needs at least one node");
        }

        var clock = new SimulatedClock(options.StartUtc);
        var nodes = new List<VirtualNode>();
        try
        {
            await StartNodesAsync(options, broker, clock, nodes, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new Fleet(options, clock, nodes);
    }

    private static async Task StartNodesAsync(FleetOptions options, BrokerAddress broker, SimulatedClock clock, List<VirtualNode> nodes, CancellationToken cancellationToken)
    {
        for (int i = 0; i < options.Nodes; i++)
        {
            string nodeId = NodeName(i);
            string config = VirtualNode.ConfigText(nodeId, options.TopicRoot, broker, options.ReportPeriodS, options.ClimatePeriodS, options.ParkingBays, options.LightingGroup);
            var store = new MemoryStore();
            if (options.CommandKeyFor?.Invoke(nodeId) is { } key)
            {
                store.WriteAll(CommandProcessor.KeyFile, key, 0, key.Length);
            }

            var setup = new VirtualNodeSetup(config, clock)
            {
                Seed = options.Seed + (i * 7919),
                RecordSamples = options.RecordSamples,
                ParkingDays = options.Duration.TotalDays,
                Store = store,
                TopicAliases = options.TopicAliases,
            };
            // A broker that accepts TCP and never answers must not hold the start forever.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.ConnectDeadline);
            nodes.Add(await VirtualNode.StartAsync(setup, deadline.Token).ConfigureAwait(false));
        }
    }

    /// <summary>Runs until the simulated duration has passed (or cancellation).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long endMs = (long)_options.Duration.TotalMilliseconds;
        var wall = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            long next = Nodes.Min(n => n.Runtime.Scheduler.NextDueMs);
            if (next > endMs)
            {
                break;
            }

            if (_options.Speed > 0)
            {
                var due = TimeSpan.FromMilliseconds(next / _options.Speed);
                var wait = due - wall.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            Clock.AdvanceTo(Math.Max(next, Clock.MonotonicMs()));
            await ApplyOutageAsync().ConfigureAwait(false);
            foreach (var node in Nodes)
            {
                node.Runtime.Scheduler.RunDue();
                await node.ServiceAsync(cancellationToken).ConfigureAwait(false);
            }

            PeakBacklog = Math.Max(PeakBacklog, Nodes.Sum(n => n.Runtime.OutboxCount));
            int inFlash = Nodes.Sum(n => n.Runtime.QueuedInFlash);
            if (inFlash > PeakFlashBacklog)
            {
                PeakFlashBacklog = inFlash;
                PeakFlashBytes = Nodes.Sum(n => n.Runtime.QueuedFlashBytes);
            }
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            Clock.AdvanceTo(Math.Max(endMs, Clock.MonotonicMs()));
            foreach (var node in Nodes)
            {
                await node.FinishAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Most frames waiting at once (all nodes), e.g. during an outage.</summary>
    public int PeakBacklog { get; private set; }

    /// <summary>Most of those that were in flash at once.</summary>
    public int PeakFlashBacklog { get; private set; }

    /// <summary>Flash bytes those frames took (headers included).</summary>
    public long PeakFlashBytes { get; private set; }

    /// <summary>True once an outage has begun and ended.</summary>
    public bool OutageOver { get; private set; }

    private bool _inOutage;

    private async Task ApplyOutageAsync()
    {
        if (_options.OutageAt is not { } at)
        {
            return;
        }

        long now = Clock.MonotonicMs();
        long startMs = (long)at.TotalMilliseconds;
        long endMs = startMs + (long)_options.Outage.TotalMilliseconds;
        if (!_inOutage && !OutageOver && now >= startMs)
        {
            _inOutage = true;
            foreach (var node in Nodes)
            {
                await node.BeginOutageAsync().ConfigureAwait(false);
            }
        }

        if (_inOutage && now >= endMs)
        {
            _inOutage = false;
            OutageOver = true;
            foreach (var node in Nodes)
            {
                node.EndOutage();
            }
        }
    }

    /// <summary>Reports all nodes have encoded so far.</summary>
    public int ReportsProduced => Nodes.Sum(n => n.Runtime.ReportCount);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
