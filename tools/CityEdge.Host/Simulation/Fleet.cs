using System.Diagnostics;
using CityEdge.Host.Mqtt;

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

    public string TopicRoot { get; init; } = "cityedge/sim";

    public int ReportPeriodS { get; init; } = 60;

    public int ClimatePeriodS { get; init; } = 10;

    /// <summary>Keep every simulated sensor sample (for tests that check reports against them).</summary>
    public bool RecordSamples { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Parking bays each node watches (simulated in-ground magnetometers); 0 for none.</summary>
    public int ParkingBays { get; init; } = 4;
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
        for (int i = 0; i < options.Nodes; i++)
        {
            string config = VirtualNode.ConfigText(NodeName(i), options.TopicRoot, broker, options.ReportPeriodS, options.ClimatePeriodS, options.ParkingBays);
            nodes.Add(await VirtualNode.StartAsync(config, clock, options.Seed + (i * 7919), options.RecordSamples, cancellationToken, options.Duration.TotalDays).ConfigureAwait(false));
        }

        return new Fleet(options, clock, nodes);
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
            foreach (var node in Nodes)
            {
                node.Runtime.Scheduler.RunDue();
            }
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            Clock.AdvanceTo(Math.Max(endMs, Clock.MonotonicMs()));
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
