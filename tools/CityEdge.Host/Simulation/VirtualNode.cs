using System.Collections;
using CityEdge.Config;
using CityEdge.Drivers.Pms5003;
using CityEdge.Drivers.Sen0232;
using CityEdge.Host.Lighting;
using CityEdge.Host.Mqtt;
using CityEdge.Node;

namespace CityEdge.Host.Simulation;

/// <summary>
/// One simulated node: the portable core's <see cref="NodeRuntime"/> with simulated sensors, an
/// in-memory flash store and an MQTTnet link to a real broker.
/// </summary>
public sealed class VirtualNode : IAsyncDisposable
{
    private VirtualNode(string nodeId, NodeRuntime runtime, SimulatedClimateSensor climate, SimulatedPms5003 particulates, SimulatedStreetSoundscape soundscape, MemoryStore store, MqttNetLink link, CollectingLogSink log)
    {
        Soundscape = soundscape;
        NodeId = nodeId;
        Runtime = runtime;
        Climate = climate;
        Particulates = particulates;
        Store = store;
        Link = link;
        Log = log;
    }

    public string NodeId { get; }

    public NodeRuntime Runtime { get; }

    public SimulatedClimateSensor Climate { get; }

    /// <summary>The PMS5003 on the node's UART, driven through the real driver (drivers/Pms5003).</summary>
    public SimulatedPms5003 Particulates { get; }

    /// <summary>The street's noise as the node's analog sound level meter (SEN0232) sees it on its ADC.</summary>
    public SimulatedStreetSoundscape Soundscape { get; }

    public MemoryStore Store { get; }

    public MqttNetLink Link { get; }

    public CollectingLogSink Log { get; }

    /// <summary>The configuration text a virtual node boots with (parsed by the core's own parser).</summary>
    public static string ConfigText(string nodeId, string topicRoot, BrokerAddress broker, int reportPeriodS, int climatePeriodS) =>
        $"""
        # virtual node {nodeId}
        node.id = {nodeId}
        mqtt.topic_root = {topicRoot}
        mqtt.host = {broker.Host}
        mqtt.port = {broker.Port}
        report.period_s = {reportPeriodS}
        climate.period_s = {climatePeriodS}
        lighting.latitude = {LampLatitudeDeg.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        lighting.longitude = {LampLongitudeDeg.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        lighting.utc_offset_min = {LampUtcOffsetMin}
        """;

    /// <summary>Where the simulated street is (Amsterdam): its lamps follow that sun and time zone.</summary>
    public const float LampLatitudeDeg = 52.37f;

    public const float LampLongitudeDeg = 4.9f;

    public const int LampUtcOffsetMin = 60;

    /// <summary>The simulated lamp's PWM frequency: above IEEE 1789-2015's no-observable-effect 3 kHz.</summary>
    public const int LampPwmHz = 5000;

    public SimulatedLampPwm? Lamp { get; private init; }

    /// <summary>The PIR under the lamp, fed by a generated residential street (pedestrians, cyclists, cars).</summary>
    public SimulatedPresenceSensor? Presence { get; private init; }

    public SimulatedAmbientLight? Ambient { get; private init; }

    public static async Task<VirtualNode> StartAsync(string configText, SimulatedClock clock, int seed, bool recordSamples, CancellationToken cancellationToken)
    {
        var errors = new ArrayList();
        NodeConfig config = NodeConfig.Parse(configText, errors)
            ?? throw new ArgumentException("virtual node config is invalid: " + string.Join("; ", errors.Cast<ConfigError>()), nameof(configText));
        var topics = new NodeTopics(config);
        var link = await MqttNetLink.ConnectAsync(new BrokerAddress(config.MqttHost, config.MqttPort), config.NodeId, topics.Status, NodeStatus.Offline(), cancellationToken).ConfigureAwait(false);
        var climate = new SimulatedClimateSensor(clock, seed, recordSamples: recordSamples);
        var store = new MemoryStore();
        var log = new CollectingLogSink(config.NodeId, clock.UtcNow);
        var particulates = new SimulatedPms5003(clock, seed);
        var soundscape = new SimulatedStreetSoundscape(clock, seed);
        var lamp = new SimulatedLampPwm(LampPwmHz);
        var traffic = new List<PresenceEvent>();
        DateOnly firstNight = DateOnly.FromDateTime(clock.StartUtc.AddMinutes(LampUtcOffsetMin - (12 * 60)));
        for (int night = 0; night < 3; night++)
        {
            traffic.AddRange(ResidentialTraffic.Generate(firstNight.AddDays(night), LampUtcOffsetMin, seed + night));
        }

        var presence = new SimulatedPresenceSensor(27, clock, traffic);
        var ambient = new SimulatedAmbientLight(clock, LampLatitudeDeg, LampLongitudeDeg);
        var hardware = new NodeHardware
        {
            Climate = climate,
            Particulates = new Pms5003(particulates),
            Noise = new Sen0232SoundLevelMeter(soundscape, config.NoiseOffsetDb, Sen0232SoundLevelMeter.DefaultPeriodMs),
            LampPwm = lamp,
            PresencePins = [presence],
            AmbientLight = ambient,
        };
        var runtime = new NodeRuntime(config, hardware, clock, store, link, log);
        return new VirtualNode(config.NodeId, runtime, climate, particulates, soundscape, store, link, log) { Lamp = lamp, Presence = presence, Ambient = ambient };
    }

    public async ValueTask DisposeAsync()
    {
        Runtime.Shutdown();
        await Link.DisposeAsync().ConfigureAwait(false);
    }
}
