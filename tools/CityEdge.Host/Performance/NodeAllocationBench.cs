using System.Collections;
using CityEdge.Config;
using CityEdge.Drivers.Pms5003;
using CityEdge.Drivers.Sen0232;
using CityEdge.Hal;
using CityEdge.Host.Lighting;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Parking;
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
    int Publishes,
    IReadOnlyList<TaskAllocation> Tasks)
{
    /// <summary>Pipelines, scheduler and codec: every task but the link's, without the frame arrays handed to the link.</summary>
    public double BytesPerCycle => (double)NodeBytes / Cycles;

    public double FrameArrayBytesPerCycle => (double)FrameArrayBytes / Cycles;

    public double LinkTaskBytesPerCycle => (double)LinkTaskBytes / Cycles;

    public double WorldBytesPerCycle => (double)WorldBytes / Cycles;
}

/// <summary>
/// `cityedge bench alloc`: one node with every capability (climate, particulates with AQI, noise with
/// statistics, four parking bays, a lamp with PIR and photocell) on simulated hardware, run on a
/// simulated clock, while <see cref="GC.GetAllocatedBytesForCurrentThread"/> is read around every
/// scheduled task. The link is an in-process one that accepts every message without allocating, so
/// the figures are the node's own. Three things are counted apart from the node's figure: what the
/// simulated world allocates (sensor physics, emulated flash; <see cref="SimulatedWorldMeter"/>), the
/// frame array each report and event hands to the link and outbox, and the link task (status, config,
/// backlog), which belong to the link path.
/// </summary>
public static class NodeAllocationBench
{
    /// <summary>Dusk in the simulated street (Amsterdam): the lamp switches on, people pass, cars park.</summary>
    public static readonly DateTime DefaultStartUtc = new(2026, 11, 23, 15, 30, 0, DateTimeKind.Utc);

    public const string LinkTaskName = "link";

    public static AllocationFigures Run(TimeSpan warmup, TimeSpan measured, int seed = 1) => Run(warmup, measured, seed, DefaultStartUtc);

    public static AllocationFigures Run(TimeSpan warmup, TimeSpan measured, int seed, DateTime startUtc)
    {
        var clock = new SimulatedClock(startUtc);
        var meter = new SimulatedWorldMeter();
        string configText = VirtualNode.ConfigText("bench-01", "cityedge/bench", new BrokerAddress("127.0.0.1", 1883), reportPeriodS: 60, climatePeriodS: 10, parkingBays: 4);
        var errors = new ArrayList();
        NodeConfig config = NodeConfig.Parse(configText, errors) ?? throw new InvalidOperationException("bench node config is invalid");
        var link = new BenchLink();
        var node = new NodeRuntime(config, Hardware(clock, config, seed, meter), clock, new MeteredStore(new MemoryStore(), meter), link, null);
        var observer = new TaskMeter(meter);
        node.Scheduler.Observer = observer;
        link.Observer = observer;

        clock.RunUntil(node.Scheduler, (long)warmup.TotalMilliseconds);
        int reportsBefore = node.ReportCount;
        int faultsBefore = node.Scheduler.FaultCount;
        observer.Reset();
        link.Publishes = 0;
        long worldBefore = meter.Bytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        clock.RunUntil(node.Scheduler, (long)(warmup + measured).TotalMilliseconds);
        long total = GC.GetAllocatedBytesForCurrentThread() - before;
        if (node.Scheduler.FaultCount != faultsBefore)
        {
            throw new InvalidOperationException($"{node.Scheduler.FaultCount - faultsBefore} task run(s) threw during the bench; its figures would not be the node's");
        }

        int cycles = node.ReportCount - reportsBefore;
        if (cycles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(measured), measured, "the measured window must hold at least one report period (60 s)");
        }

        IReadOnlyList<TaskAllocation> tasks = observer.Figures();
        long inTasks = tasks.Sum(t => t.NodeBytes + t.FrameArrayBytes + t.WorldBytes);
        long world = meter.Bytes - worldBefore;
        long between = total - inTasks - (world - tasks.Sum(t => t.WorldBytes));
                long nodeBytes = tasks.Where(t => t.Name != LinkTaskName).Sum(t => t.NodeBytes) + between;
        return new AllocationFigures(
            cycles,
            nodeBytes,
            between,
            tasks.Sum(t => t.FrameArrayBytes),
            tasks.Where(t => t.Name == LinkTaskName).Sum(t => t.NodeBytes),
            world,
            link.Publishes,
            tasks);
    }

    private static NodeHardware Hardware(SimulatedClock clock, NodeConfig config, int seed, SimulatedWorldMeter meter)
    {
        meter.Enter();
        var traffic = new List<PresenceEvent>();
        DateOnly firstNight = DateOnly.FromDateTime(clock.StartUtc.AddMinutes(VirtualNode.LampUtcOffsetMin - (12 * 60)));
        for (int night = 0; night < 2; night++)
        {
            traffic.AddRange(ResidentialTraffic.Generate(firstNight.AddDays(night), VirtualNode.LampUtcOffsetMin, seed + night));
        }

        var street = ParkingScenario.Generate(new ParkingScenarioOptions { Bays = config.ParkingBays, Days = 1, Seed = seed, StartUtc = clock.StartUtc });
        var magnetometers = SimulatedMagnetometer.ForBays(street, clock).Select(m => (IMagnetometer)new MeteredMagnetometer(m, meter)).ToArray();
        var hardware = new NodeHardware
        {
            Climate = new MeteredClimateSensor(new SimulatedClimateSensor(clock, seed), meter),
            Particulates = new Pms5003(new MeteredUart(new SimulatedPms5003(clock, seed), meter)),
            Noise = new Sen0232SoundLevelMeter(new MeteredAdcChannel(new SimulatedStreetSoundscape(clock, seed), meter), config.NoiseOffsetDb, Sen0232SoundLevelMeter.DefaultPeriodMs),
            LampPwm = new MeteredPwmChannel(new SimulatedLampPwm(VirtualNode.LampPwmHz), meter),
            PresencePins = [new MeteredGpioPin(new SimulatedPresenceSensor(27, clock, traffic), meter)],
            AmbientLight = new MeteredAmbientLight(new SimulatedAmbientLight(clock, VirtualNode.LampLatitudeDeg, VirtualNode.LampLongitudeDeg), meter),
            Magnetometers = magnetometers,
        };
        meter.Exit();
        return hardware;
    }

    /// <summary>Managed size of a byte[] of this length on this runtime, measured.</summary>
    private static long ArrayBytes(int length)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new byte[length]);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Reads the allocation counter around every task run, net of the world's share.</summary>
    private sealed class TaskMeter(SimulatedWorldMeter world) : ITaskObserver
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

    /// <summary>A link that is always up and takes every message, allocating nothing.</summary>
    private sealed class BenchLink : INetworkLink
    {
        public TaskMeter? Observer { get; set; }

        public int Publishes { get; set; }

        public bool IsConnected => true;

        public event MessageReceivedHandler? MessageReceived
        {
            add { }
            remove { }
        }

        public bool Publish(string topic, byte[] payload, MessageQos qos, bool retain)
        {
            Publishes++;
            if (topic.EndsWith("/telemetry", StringComparison.Ordinal) || topic.EndsWith("/events", StringComparison.Ordinal))
            {
                Observer?.FrameHandedOver(payload.Length);
            }

            return true;
        }

        public bool Subscribe(string topicFilter, MessageQos qos) => true;
    }
}
