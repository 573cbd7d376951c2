using CityEdge.Scheduling;

namespace CityEdge.Host.Performance;

/// <summary>What one scheduled task allocated over the measured window.</summary>
public sealed record TaskAllocation(string Name, int Runs, long NodeBytes, long FrameArrayBytes, long WorldBytes);

/// <summary>Figures of one <see cref="NodeAllocationBench"/> run; a cycle is one report period.</summary>
public sealed record AllocationFigures(
    int Cycles,
    long NodeBytes,
    long BetweenTasksBytes,
    long FrameArrayBytes,
    long LinkTaskBytes,
    long WorldBytes,
    IReadOnlyList<TaskAllocation> Tasks)
{
    /// <summary>Pipelines, scheduler and codec: every task but the link's, without the frame arrays handed to the link.</summary>
    public double BytesPerCycle => (double)NodeBytes / Cycles;

    public double FrameArrayBytesPerCycle => (double)FrameArrayBytes / Cycles;

    public double LinkTaskBytesPerCycle => (double)LinkTaskBytes / Cycles;

    public double WorldBytesPerCycle => (double)WorldBytes / Cycles;
}

/// <summary>
/// `cityedge bench alloc`: a <see cref="BenchNode"/> (every capability, simulated street, in-process
/// link) run on a simulated clock while <see cref="GC.GetAllocatedBytesForCurrentThread"/> is read
/// around every scheduled task. Three things are counted apart from the node's figure: what the
/// simulated world allocates (sensor physics, emulated flash; <see cref="SimulatedWorldMeter"/>), the
/// frame array each report and event hands to the link and outbox, and the link task (status, config,
/// backlog), which belong to the link path.
/// </summary>
public static class NodeAllocationBench
{
    /// <summary>Dusk in the simulated street (Amsterdam, late November): the lamp switches on, people pass, cars park.</summary>
    public static readonly DateTime DefaultStartUtc = new(2026, 11, 23, 15, 30, 0, DateTimeKind.Utc);

    public const string LinkTaskName = "link";

    public static AllocationFigures Run(TimeSpan warmup, TimeSpan measured, int seed = 1) => Run(warmup, measured, seed, DefaultStartUtc);

    public static AllocationFigures Run(TimeSpan warmup, TimeSpan measured, int seed, DateTime startUtc)
    {
        var bench = BenchNode.Create(startUtc, seed, days: 1 + ((warmup + measured).TotalDays));
        var observer = new TaskMeter(bench.World);
        bench.Runtime.Scheduler.Observer = observer;
        bench.Link.Observer = observer;

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
        long inTasks = tasks.Sum(t => t.NodeBytes + t.FrameArrayBytes + t.WorldBytes);
        long world = bench.World.Bytes - worldBefore;
        long between = total - inTasks - (world - tasks.Sum(t => t.WorldBytes));
        long nodeBytes = tasks.Where(t => t.Name != LinkTaskName).Sum(t => t.NodeBytes) + between;
        return new AllocationFigures(
            cycles,
            nodeBytes,
            between,
            tasks.Sum(t => t.FrameArrayBytes),
            tasks.Where(t => t.Name == LinkTaskName).Sum(t => t.NodeBytes),
            world,
            tasks);
    }

    /// <summary>Managed size of a byte[] of this length on this runtime, measured.</summary>
    private static long ArrayBytes(int length)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new byte[length]);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Reads the allocation counter around every task run, net of the world's share.</summary>
    private sealed class TaskMeter(SimulatedWorldMeter world) : ITaskObserver, IFrameObserver
    {
        private const int MaxTasks = 16;
        private const int MaxFrameLength = 256;
        private readonly string[] _names = new string[MaxTasks];
        private readonly int[] _runs = new int[MaxTasks];
        private readonly long[] _bytes = new long[MaxTasks];
        private readonly long[] _world = new long[MaxTasks];

        // Frames handed to the link, by task and length: sized after the run, so counting allocates nothing.
        private readonly int[,] _frames = new int[MaxTasks, MaxFrameLength];
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

        /// <summary>A telemetry or event frame the node handed to the link during the current task.</summary>
        public void FrameHandedOver(int length)
        {
            if (_current >= 0 && length < MaxFrameLength)
            {
                _frames[_current, length]++;
            }
        }

        public void Reset()
        {
            Array.Clear(_runs);
            Array.Clear(_bytes);
            Array.Clear(_world);
            Array.Clear(_frames);
        }

        public IReadOnlyList<TaskAllocation> Figures()
        {
            var figures = new List<TaskAllocation>();
            for (int i = 0; i < _count; i++)
            {
                long frames = 0;
                for (int length = 0; length < MaxFrameLength; length++)
                {
                    frames += _frames[i, length] == 0 ? 0 : _frames[i, length] * ArrayBytes(length);
                }

                figures.Add(new TaskAllocation(_names[i], _runs[i], _bytes[i] - _world[i] - frames, frames, _world[i]));
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
