using System.Diagnostics;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Link;

namespace CityEdge.Host.Simulation;

/// <summary>How a fleet simulation runs.</summary>
public sealed record FleetOptions
{
    public int Nodes { get; init; } = 5;

    /// <summary>The first part of every node id (<see cref="Fleet.NodeName"/>): `simulate` makes one
    /// per run, so two simulators on one broker never share a node id or MQTT client id.</summary>
    public string Name { get; init; } = "node";

    /// <summary>True when <see cref="Name"/> was made for this run (its ids never come back).</summary>
    public bool NameGenerated { get; init; }

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

    /// <summary>Start node i's clock i × report.period_s / Nodes whole seconds after the fleet's, so
    /// reports spread over the period as a city's do, on whole seconds (a frame's timestamp is exact).
    /// False: every node reports at the same instant.</summary>
    public bool SpreadReports { get; init; }

    /// <summary>How long a node's first connection may take before the broker counts as unreachable.</summary>
    public TimeSpan ConnectDeadline { get; init; } = BrokerDeadline.Default;
}

/// <summary>
/// Several virtual nodes on one simulated clock against one broker. The loop jumps the clock to the
/// next due task of any node and runs only the nodes due then, so the run is deterministic, its speed
/// only sets the pacing, and a step costs what its due nodes cost, not the fleet's size. The due
/// nodes of a step run on every core: nodes share nothing but the clock, which stands still meanwhile.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    private readonly FleetOptions _options;
    private readonly SharedKeepAlive _keepAlive;

    private Fleet(FleetOptions options, SimulatedClock clock, IReadOnlyList<VirtualNode> nodes, SharedKeepAlive keepAlive)
    {
        _options = options;
        Clock = clock;
        Nodes = nodes;
        _keepAlive = keepAlive;
    }

    public SimulatedClock Clock { get; }

    public IReadOnlyList<VirtualNode> Nodes { get; }

    /// <summary>Most nodes connecting at once at the start: enough to use every core and hide the
    /// broker's round trip, few enough not to overflow a broker's listen backlog.</summary>
    private const int ConcurrentConnects = 64;

    /// <summary>Node <paramref name="index"/>'s id (and MQTT client id): the fleet's name and the node's
    /// number from 1, zero-padded to the fleet's width (at least 2), e.g. node-01, k3f9-00042.</summary>
    public static string NodeName(int index, string fleet = "node", int nodes = 1) =>
        fleet + "-" + (index + 1).ToString("D" + NumberWidth(nodes), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="nodeId"/> is one of the ids <see cref="NodeName"/> gives a fleet
    /// <paramref name="fleet"/> of <paramref name="nodes"/> (another simulator on the same broker has other ids).
    /// The receiver asks this of every message, so it allocates nothing.</summary>
    public static bool IsNodeOf(string nodeId, string fleet, int nodes)
    {
        return nodeId.Length == fleet.Length + 1 + NumberWidth(nodes) && nodeId.StartsWith(fleet, StringComparison.Ordinal) && nodeId[fleet.Length] == '-'
            && nodeId.AsSpan(fleet.Length + 1).IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(nodeId.AsSpan(fleet.Length + 1), System.Globalization.CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= nodes;
    }

    /// <summary>Digits of a node number in a fleet of <paramref name="nodes"/>: as many as the largest has, at least 2.</summary>
    private static int NumberWidth(int nodes)
    {
        int digits = 1;
        for (int n = nodes; n >= 10; n /= 10)
        {
            digits++;
        }

        return Math.Max(2, digits);
    }

    public static async Task<Fleet> StartAsync(FleetOptions options, BrokerAddress broker, CancellationToken cancellationToken)
    {
        if (options.Nodes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Nodes, "a fleet needs at least one node");
        }

        var clock = new SimulatedClock(options.StartUtc);
        var nodes = new VirtualNode?[options.Nodes];
        var keepAlive = new SharedKeepAlive();
        try
        {
            await Parallel.ForAsync(0, options.Nodes, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentConnects, CancellationToken = cancellationToken },
                async (i, token) => nodes[i] = await StartNodeAsync(options, broker, clock, keepAlive, i, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch
        {
            foreach (var node in nodes)
            {
                if (node != null)
                {
                    await node.DisposeAsync().ConfigureAwait(false);
                }
            }

            await keepAlive.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new Fleet(options, clock, nodes!, keepAlive);
    }

    private static async Task<VirtualNode> StartNodeAsync(FleetOptions options, BrokerAddress broker, SimulatedClock clock, SharedKeepAlive keepAlive, int index, CancellationToken cancellationToken)
    {
        string nodeId = NodeName(index, options.Name, options.Nodes);
        string config = VirtualNode.ConfigText(nodeId, options.TopicRoot, broker, options.ReportPeriodS, options.ClimatePeriodS, options.ParkingBays, options.LightingGroup);
        var store = new MemoryStore();
        if (options.CommandKeyFor?.Invoke(nodeId) is { } key)
        {
            store.WriteAll(CommandProcessor.KeyFile, key, 0, key.Length);
        }

        var setup = new VirtualNodeSetup(config, clock)
        {
            Seed = options.Seed + (index * 7919),
            RecordSamples = options.RecordSamples,
            ParkingDays = options.Duration.TotalDays,
            Store = store,
            TopicAliases = options.TopicAliases,
            StartDelayMs = options.SpreadReports ? (long)index * options.ReportPeriodS / options.Nodes * 1000 : 0,
            KeepAlive = keepAlive,
        };
        // A broker that accepts TCP and never answers must not hold the start forever.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConnectDeadline);
        return await VirtualNode.StartAsync(setup, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>Runs until the simulated duration has passed (or cancellation). When paced
    /// (<see cref="FleetOptions.Speed"/> &gt; 0), the clock's UTC is anchored to the wall clock at the
    /// start (on a whole second, where the nodes' tasks fall), so frame timestamps are true.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long endMs = (long)_options.Duration.TotalMilliseconds;
        var due = new PriorityQueue<int, long>(Nodes.Count);
        var totals = new FleetTotals(Nodes);
        for (int i = 0; i < Nodes.Count; i++)
        {
            due.Enqueue(i, DueMs(Nodes[i]));
        }

        if (_options.Speed > 0)
        {
            await AnchorAsync(cancellationToken).ConfigureAwait(false);
        }

        var wall = Stopwatch.StartNew();
        var batch = new List<int>();
        var settling = new List<Task>();
        while (!cancellationToken.IsCancellationRequested && due.TryPeek(out _, out long next) && next <= endMs)
        {
            if (_options.Speed > 0)
            {
                var wait = TimeSpan.FromMilliseconds((next - _pacedFromMs) / _options.Speed) - wall.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            Clock.AdvanceTo(Math.Max(next, Clock.MonotonicMs()));
            await ApplyOutageAsync().ConfigureAwait(false);
            batch.Clear();
            while (due.TryPeek(out int index, out long dueMs) && dueMs <= Clock.MonotonicMs())
            {
                batch.Add(due.Dequeue());
            }

            Parallel.ForEach(batch, index => Nodes[index].Runtime.Scheduler.RunDue());
            settling.Clear();
            foreach (int index in batch)
            {
                settling.Add(Nodes[index].ServiceAsync(cancellationToken));
            }

            await Task.WhenAll(settling).ConfigureAwait(false);
            foreach (int index in batch)
            {
                // A node that rebooted in ServiceAsync has a new scheduler: ask the node, not the old one.
                due.Enqueue(index, DueMs(Nodes[index]));
                totals.Update(index);
            }

            PeakBacklog = Math.Max(PeakBacklog, totals.Outbox);
            if (totals.InFlash > PeakFlashBacklog)
            {
                PeakFlashBacklog = totals.InFlash;
                PeakFlashBytes = totals.FlashBytes;
            }
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            Clock.AdvanceTo(Math.Max(endMs, Clock.MonotonicMs()));
            await Task.WhenAll(Nodes.Select(n => n.FinishAsync())).ConfigureAwait(false);
        }
    }

    /// <summary>When, on the fleet's clock, the node's next task is due.</summary>
    private static long DueMs(VirtualNode node) => node.Runtime.Scheduler.NextDueMs + node.StartDelayMs;

    /// <summary>Simulated hours the nodes have run so far, summed (a node whose start was delayed ran less).</summary>
    public double NodeHours => Nodes.Sum(n => Math.Max(0, Clock.MonotonicMs() - n.StartDelayMs)) / 3_600_000.0;

    /// <summary>The wall-clock time at which a report stamped <paramref name="simulatedUtc"/> was due
    /// (null before a paced run started): what a receiver measures latency from.</summary>
    public DateTime? WallTimeOf(DateTime simulatedUtc) => PacedFromUtc is { } from
        ? from + TimeSpan.FromTicks((long)((simulatedUtc - Clock.StartUtc - TimeSpan.FromMilliseconds(_pacedFromMs)).Ticks / _options.Speed))
        : null;

    /// <summary>The whole wall-clock second at which pacing started (null before, or unpaced).</summary>
    public DateTime? PacedFromUtc { get; private set; }

    private long _pacedFromMs;

    /// <summary>Waits for the next whole wall-clock second and anchors the simulated clock there.</summary>
    private async Task AnchorAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var second = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        await Task.Delay(second - now, cancellationToken).ConfigureAwait(false);
        _pacedFromMs = Clock.MonotonicMs();
        Clock.Anchor(second);
        PacedFromUtc = second;
    }

    /// <summary>The fleet's backlog totals, kept by difference: only the nodes a step ran change.</summary>
    private sealed class FleetTotals(IReadOnlyList<VirtualNode> nodes)
    {
        private readonly int[] _outbox = new int[nodes.Count];
        private readonly int[] _inFlash = new int[nodes.Count];
        private readonly long[] _flashBytes = new long[nodes.Count];

        public int Outbox { get; private set; }

        public int InFlash { get; private set; }

        public long FlashBytes { get; private set; }

        public void Update(int index)
        {
            var runtime = nodes[index].Runtime;
            Outbox += runtime.OutboxCount - _outbox[index];
            InFlash += runtime.QueuedInFlash - _inFlash[index];
            FlashBytes += runtime.QueuedFlashBytes - _flashBytes[index];
            _outbox[index] = runtime.OutboxCount;
            _inFlash[index] = runtime.QueuedInFlash;
            _flashBytes[index] = runtime.QueuedFlashBytes;
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

        await _keepAlive.DisposeAsync().ConfigureAwait(false);
    }
}
