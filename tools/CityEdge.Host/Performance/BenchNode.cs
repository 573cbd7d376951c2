using System.Collections;
using CityEdge.Config;
using CityEdge.Drivers.Pms5003;
using CityEdge.Drivers.Sen0232;
using CityEdge.Hal;
using CityEdge.Link;
using CityEdge.Host.Lighting;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Parking;

namespace CityEdge.Host.Performance;

/// <summary>
/// The node the benchmarks run (`cityedge bench alloc`, tools/CityEdge.Benchmarks): every capability —
/// climate, particulates with AQI, noise with statistics, four parking bays, a lamp with PIR and
/// photocell — on the simulator's street (<see cref="VirtualNode"/>'s devices, each wrapped so that
/// <see cref="World"/> counts what the simulation itself allocates), its flash in memory and a link
/// that is always up and takes every message without allocating.
/// </summary>
public sealed class BenchNode
{
    private BenchNode(SimulatedClock clock, NodeRuntime runtime, SimulatedWorldMeter world, BenchLink link)
    {
        Clock = clock;
        Runtime = runtime;
        World = world;
        Link = link;
    }

    public SimulatedClock Clock { get; }

    public NodeRuntime Runtime { get; }

    public SimulatedWorldMeter World { get; }

    internal BenchLink Link { get; }

    /// <param name="days">How long the parking street's traffic is planned for.</param>
    public static BenchNode Create(DateTime startUtc, int seed, double days)
    {
        var clock = new SimulatedClock(startUtc);
        var world = new SimulatedWorldMeter();
        string configText = VirtualNode.ConfigText("bench-01", "cityedge/bench", new BrokerAddress("127.0.0.1", 1883), reportPeriodS: 60, climatePeriodS: 10, parkingBays: 4);
        NodeConfig config = NodeConfig.Parse(configText, new ArrayList()) ?? throw new InvalidOperationException("bench node config is invalid");
        var link = new BenchLink();
        var runtime = new NodeRuntime(config, Hardware(clock, config, seed, days, world), clock, new MeteredStore(new MemoryStore(), world), link, null);
        return new BenchNode(clock, runtime, world, link);
    }

    /// <summary>Runs the node for <paramref name="time"/> of simulated time; returns the reports it made.</summary>
    public int Run(TimeSpan time)
    {
        int before = Runtime.ReportCount;
        Clock.RunUntil(Runtime.Scheduler, Clock.MonotonicMs() + (long)time.TotalMilliseconds);
        return Runtime.ReportCount - before;
    }

    private static NodeHardware Hardware(SimulatedClock clock, NodeConfig config, int seed, double days, SimulatedWorldMeter meter)
    {
        meter.Enter();
        var traffic = new List<PresenceEvent>();
        DateOnly firstNight = DateOnly.FromDateTime(clock.StartUtc.AddMinutes(VirtualNode.LampUtcOffsetMin - (12 * 60)));
        for (int night = 0; night <= days; night++)
        {
            traffic.AddRange(ResidentialTraffic.Generate(firstNight.AddDays(night), VirtualNode.LampUtcOffsetMin, seed + night));
        }

        var street = ParkingScenario.Generate(new ParkingScenarioOptions { Bays = config.ParkingBays, Days = days, Seed = seed, StartUtc = clock.StartUtc });
        var hardware = new NodeHardware
        {
            Climate = new MeteredClimateSensor(new SimulatedClimateSensor(clock, seed), meter),
            Particulates = new Pms5003(new MeteredUart(new SimulatedPms5003(clock, seed), meter)),
            Noise = new Sen0232SoundLevelMeter(new MeteredAdcChannel(new SimulatedStreetSoundscape(clock, seed), meter), config.NoiseOffsetDb, Sen0232SoundLevelMeter.DefaultPeriodMs),
            LampPwm = new MeteredPwmChannel(new SimulatedLampPwm(VirtualNode.LampPwmHz), meter),
            PresencePins = [new MeteredGpioPin(new SimulatedPresenceSensor(27, clock, traffic), meter)],
            AmbientLight = new MeteredAmbientLight(new SimulatedAmbientLight(clock, VirtualNode.LampLatitudeDeg, VirtualNode.LampLongitudeDeg), meter),
            Magnetometers = SimulatedMagnetometer.ForBays(street, clock).Select(m => (IMagnetometer)new MeteredMagnetometer(m, meter)).ToArray(),
        };
        meter.Exit();
        return hardware;
    }

    /// <summary>A link that is always up and acknowledges every message at once, allocating nothing itself
    /// (the acknowledgement the session takes from its inbox is the core's, as on the device).</summary>
    internal sealed class BenchLink : INetworkLink
    {
        private LinkInbox? _inbox;
        private int _nextId;

        public void BeginConnect(ConnectRequest request, LinkInbox inbox)
        {
            _inbox = inbox;
            inbox.PostConnected(request.ProtocolVersion);
        }

        public int Publish(string topic, int topicAlias, byte[] payload, int offset, int count, MessageQos qos, bool retain)
        {

            if (qos == MessageQos.AtMostOnce)
            {
                return 0;
            }

            _inbox!.PostPublishDone(++_nextId, true);
            return _nextId;
        }

        public int Subscribe(string topicFilter, MessageQos qos)
        {
            _inbox!.PostSubscribeDone(++_nextId, true);
            return _nextId;
        }

        public void Drop() => _inbox!.PostConnectionLost("dropped");
    }
}
