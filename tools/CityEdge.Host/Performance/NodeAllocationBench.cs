using CityEdge.Scheduling;

namespace CityEdge.Host.Performance;

/// <summary>What one scheduled task allocated over the measured window.</summary>
public sealed record TaskAllocation(string Name, int Runs, long NodeBytes, long WorldBytes);

/// <summary>Figures of one <see cref="NodeAllocationBench"/> run; a cycle is one report period.</summary>
public sealed record AllocationFigures(
    int Cycles,
    long NodeBytes,
    long BetweenTasksBytes,
    long WorldBytes,
    IReadOnlyList<TaskAllocation> Tasks)
{
    /// <summary>The whole node: pipelines, scheduler, codec, report hand-over, link session, outbox and status.</summary>
    public double BytesPerCycle => (double)NodeBytes / Cycles;

    public double WorldBytesPerCycle => (double)WorldBytes / Cycles;
}

/// <summary>
/// `cityedge bench alloc`: a <see cref="BenchNode"/> (every capability, simulated street, in-process
/// link) run on a simulated clock while <see cref="GC.GetAllocatedBytesForCurrentThread"/> is read
/// around every scheduled task. Everything the node's own code allocates counts — pipelines,
/// scheduler, codec, the report's and events' hand-over to the link session, the session, the outbox
/// and the status messages; only what the simulated world allocates (sensor physics, emulated flash;
/// <see cref="SimulatedWorldMeter"/>) is counted apart. The in-process link takes every message
/// without allocating; what a real client library allocates per message is the adapter's
/// (docs/performance.md).
/// </summary>
public static class NodeAllocationBench
{
    /// <summary>Dusk in the simulated street (Amsterdam, late November): the lamp switches on, people pass, cars park.</summary>
    public static readonly DateTime DefaultStartUtc = new(2026, 11, 23, 15, 30, 0, DateTimeKind.Utc);

    public static AllocationFigures Run(TimeSpan warmup, TimeSpan measured, int seed = 1) => Run(warmup, measured, seed, DefaultStartUtc);

    public static AllocationFigures Run(TimeSpan warmup, TimeSpan measured, int seed, DateTime startUtc)
    {
        var bench = BenchNode.Create(startUtc, seed, days: 1 + ((warmup + measured).TotalDays));
        var observer = new TaskMeter(bench.World);
        bench.Runtime.Scheduler.Observer = observer;

        bench.Run(warmup);
        int faultsBefore = bench.Runtime.Scheduler.FaultCount;
        observer.Reset();
        long worldBefore = bench.World.Bytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int cycles = bench.Run(measured);
        long total = GC.GetAllocatedBytesForCurrentThread() - before;
        if (bench.Runtime.Scheduler.FaultCount != faultsBefore)
        {
            throw new InvalidOperationException($"{bench.Runtime.Scheduler.FaultCount - faultsBefore} task run(s) threw during the bench; its figures would not be the node's");
        }

        if (cycles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(measured), measured, "the measured window must hold at least one report period (60 s)");
        }

        IReadOnlyList<TaskAllocation> tasks = observer.Figures();
        long inTasks = tasks.Sum(t => t.NodeBytes + t.WorldBytes);
        long world = bench.World.Bytes - worldBefore;
        long between = total - inTasks - (world - tasks.Sum(t => t.WorldBytes));
        return new AllocationFigures(cycles, tasks.Sum(t => t.NodeBytes) + between, between, world, tasks);
    }

    /// <summary>Reads the allocation counter around every task run, net of the world's share.</summary>
    private sealed class TaskMeter(SimulatedWorldMeter world) : ITaskObserver
    {
        private const int MaxTasks = 16;
        private readonly string[] _names = new string[MaxTasks];
        private readonly int[] _runs = new int[MaxTasks];
        private readonly long[] _bytes = new long[MaxTasks];
        private readonly long[] _world = new long[MaxTasks];

        private int _count;
        private int _current = -1;
        private long _startBytes;
        private long _startWorld;

        public void TaskStarting(string name)
        {
            _current = IndexOf(name);
            _startWorld = world.Bytes;
            _startBytes = GC.GetAllocatedBytesForCurrentThread();
        }

        public void TaskFinished(string name)
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread() - _startBytes;
            _runs[_current]++;
            _bytes[_current] += allocated;
            _world[_current] += world.Bytes - _startWorld;
            _current = -1;
        }

        public void Reset()
        {
            Array.Clear(_runs);
            Array.Clear(_bytes);
            Array.Clear(_world);
        }

        public IReadOnlyList<TaskAllocation> Figures()
        {
            var figures = new List<TaskAllocation>();
            for (int i = 0; i < _count; i++)
            {
                figures.Add(new TaskAllocation(_names[i], _runs[i], _bytes[i] - _world[i], _world[i]));
            }

            return figures;
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _count; i++)
            {
                if (ReferenceEquals(_names[i], name) || _names[i] == name)
                {
                    return i;
                }
            }

            if (_count == MaxTasks)
            {
                throw new InvalidOperationException("more than " + MaxTasks + " scheduled tasks");
            }

            _names[_count] = name;
            return _count++;
        }
    }
}
