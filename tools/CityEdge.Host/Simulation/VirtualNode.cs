using System.Collections;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CityEdge.Config;
using CityEdge.Drivers.Pms5003;
using CityEdge.Drivers.Sen0232;
using CityEdge.Hal;
using CityEdge.Host.Lighting;
using CityEdge.Host.Mqtt;
using CityEdge.Node;
using CityEdge.Parking;

namespace CityEdge.Host.Simulation;

/// <summary>How one virtual node is set up; its flash (<see cref="Store"/>) carries config, keys and queue across reboots.</summary>
public sealed record VirtualNodeSetup(string ConfigText, SimulatedClock Clock)
{
    public int Seed { get; init; } = 1;

    public bool RecordSamples { get; init; }

    /// <summary>The node's flash; a fresh in-memory one when not given.</summary>
    public IPersistentStore? Store { get; init; }

    /// <summary>How long the simulated parking bays' traffic is planned for (readings after it see empty bays).</summary>
    public double ParkingDays { get; init; } = 1;

    /// <summary>Throw when the first connection attempt fails (a tool run against a wrong broker).</summary>
    public bool RequireConnection { get; init; } = true;

    /// <summary>The broker refuses MQTT 5 (simulated), so the node falls back to 3.1.1 as the device does.</summary>
    public bool Mqtt311 { get; init; }

    /// <summary>False: the link sends no topic aliases, as the device's M2Mqtt link cannot.</summary>
    public bool TopicAliases { get; init; } = true;

    /// <summary>How much later than <see cref="Clock"/>'s 0 the node's own clock starts (<see cref="DelayedStartClock"/>).</summary>
    public long StartDelayMs { get; init; }

    /// <summary>The fleet's shared keep-alive for the node's links; null: MQTTnet's own loop per link.</summary>
    public SharedKeepAlive? KeepAlive { get; init; }
}

/// <summary>
/// One simulated node: the portable core's <see cref="NodeRuntime"/> with simulated sensors, a flash
/// store and an MQTTnet link to a real broker, booted the way the device app boots (config from
/// flash through <see cref="ConfigBoot"/>, broker, credentials and pinned CA from that config). The
/// core's <see cref="LinkSession"/> connects, reconnects and tracks acknowledgements exactly as on the
/// device; this class plays the device app's remaining part: it restarts when the node asks
/// (<see cref="INodeControl"/>).
/// </summary>
public sealed class VirtualNode : IAsyncDisposable, INodeControl, ISystemInfo
{
    /// <summary>The CA certificate (PEM) a node with mqtt.tls = true pins, in its store as on the device.</summary>
    public const string CaFile = "ca.pem";

    /// <summary>Longest real time a step waits for the broker's answers (<see cref="MqttNetLink.SettleAsync"/>).</summary>
    public static readonly TimeSpan BrokerAnswerLimit = TimeSpan.FromSeconds(5);

    /// <summary>Where the simulated street is (Amsterdam): its lamps follow that sun and time zone.</summary>
    public const float LampLatitudeDeg = 52.37f;

    public const float LampLongitudeDeg = 4.9f;

    public const int LampUtcOffsetMin = 60;

    /// <summary>The simulated lamp's PWM frequency: above IEEE 1789-2015's no-observable-effect 3 kHz.</summary>
    public const int LampPwmHz = 5000;

    private readonly VirtualNodeSetup _setup;
    private readonly IClock _nodeClock;
    private bool _outage;

    private VirtualNode(VirtualNodeSetup setup, IPersistentStore store, CollectingLogSink log, string nodeId, int parkingBays)
    {
        _setup = setup;
        Store = store;
        Log = log;
        NodeId = nodeId;

        // The street furniture's hardware outlives reboots; only the drivers are created anew at each boot.
        var clock = setup.Clock;
        _nodeClock = setup.StartDelayMs > 0 ? new DelayedStartClock(clock, setup.StartDelayMs) : clock;
        Climate = new SimulatedClimateSensor(clock, setup.Seed, recordSamples: setup.RecordSamples);
        Particulates = new SimulatedPms5003(clock, setup.Seed);
        Soundscape = new SimulatedStreetSoundscape(clock, setup.Seed);
        Lamp = new SimulatedLampPwm(LampPwmHz);
        var traffic = new List<PresenceEvent>();
        DateOnly firstNight = DateOnly.FromDateTime(clock.StartUtc.AddMinutes(LampUtcOffsetMin - (12 * 60)));
        for (int night = 0; night < 3; night++)
        {
            traffic.AddRange(ResidentialTraffic.Generate(firstNight.AddDays(night), LampUtcOffsetMin, setup.Seed + night));
        }

        Presence = new SimulatedPresenceSensor(27, clock, traffic);
        Ambient = new SimulatedAmbientLight(clock, LampLatitudeDeg, LampLongitudeDeg);
        if (parkingBays > 0)
        {
            var street = ParkingScenario.Generate(new ParkingScenarioOptions { Bays = parkingBays, Days = setup.ParkingDays, Seed = setup.Seed, StartUtc = clock.StartUtc });
            Magnetometers = SimulatedMagnetometer.ForBays(street, clock);
        }
    }

    public string NodeId { get; }

    /// <summary>The node's clock reads its fleet's time less this (never below 0).</summary>
    public long StartDelayMs => _setup.StartDelayMs;

    public NodeRuntime Runtime { get; private set; } = null!;

    public NodeConfig Config { get; private set; } = null!;

    public SimulatedClimateSensor Climate { get; }

    /// <summary>The PMS5003 on the node's UART, driven through the real driver (drivers/Pms5003).</summary>
    public SimulatedPms5003 Particulates { get; }

    /// <summary>The street's noise as the node's analog sound level meter (SEN0232) sees it on its ADC.</summary>
    public SimulatedStreetSoundscape Soundscape { get; }

    public SimulatedLampPwm Lamp { get; }

    /// <summary>The PIR under the lamp, fed by a generated residential street (pedestrians, cyclists, cars).</summary>
    public SimulatedPresenceSensor Presence { get; }

    public SimulatedAmbientLight Ambient { get; }

    /// <summary>In-ground magnetometers under the node's parking bays (null without bays).</summary>
    public IMagnetometer[]? Magnetometers { get; }

    public IPersistentStore Store { get; }

    public MqttNetLink Link { get; private set; } = null!;

    public CollectingLogSink Log { get; }

    /// <summary>Start-ups so far, the first included.</summary>
    public int Boots { get; private set; }

    /// <summary>Simulated time of the latest start-up.</summary>
    public long LastBootMs { get; private set; }

    /// <summary>Set when the node asked for a restart that <see cref="ServiceAsync"/> has not done yet.</summary>
    public string? PendingReboot { get; private set; }

    public string ResetReason { get; private set; } = "power-on";

    /// <summary>Not measurable on the host: reported as unknown.</summary>
    public long FreeHeapBytes => -1;

    /// <summary>No Wi-Fi on the host: reported as unknown.</summary>
    public int WifiRssiDbm => 0;

    /// <summary>The configuration text a virtual node boots with (parsed by the core's own parser).</summary>
    /// <param name="lightingGroup">lighting.group: neighbours the lamp shares presence with; empty for none.</param>
    public static string ConfigText(string nodeId, string topicRoot, BrokerAddress broker, int reportPeriodS, int climatePeriodS, int parkingBays = 0, string lightingGroup = "") =>
        $"""
        # virtual node {nodeId}
        node.id = {nodeId}
        mqtt.topic_root = {topicRoot}
        mqtt.host = {broker.Host}
        mqtt.port = {broker.Port}
        # the simulator's brokers speak plain MQTT: a lab opt-in a street node's config never has
        mqtt.tls = false
        mqtt.allow_plaintext = true
        report.period_s = {reportPeriodS}
        climate.period_s = {climatePeriodS}
        lighting.latitude = {LampLatitudeDeg.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        lighting.longitude = {LampLongitudeDeg.ToString(System.Globalization.CultureInfo.InvariantCulture)}
        lighting.utc_offset_min = {LampUtcOffsetMin}
        parking.bays = {parkingBays}
        lighting.group = {lightingGroup}
        """;

    /// <param name="parkingDays">How long the simulated bays' traffic is planned for (readings after it see empty bays).</param>
    public static Task<VirtualNode> StartAsync(string configText, SimulatedClock clock, int seed, bool recordSamples, CancellationToken cancellationToken, double parkingDays = 1) =>
        StartAsync(new VirtualNodeSetup(configText, clock) { Seed = seed, RecordSamples = recordSamples, ParkingDays = parkingDays }, cancellationToken);

    /// <summary>Provisions the store with the config when it has none, then boots.</summary>
    public static async Task<VirtualNode> StartAsync(VirtualNodeSetup setup, CancellationToken cancellationToken)
    {
        var store = setup.Store ?? new MemoryStore();
        var errors = new ArrayList();
        NodeConfig config = NodeConfig.Parse(setup.ConfigText, errors)
            ?? throw new ArgumentException("virtual node config is invalid: " + string.Join("; ", errors.Cast<ConfigError>()), nameof(setup));
        var log = new CollectingLogSink(config.NodeId, setup.Clock.UtcNow);
        var node = new VirtualNode(setup, store, log, config.NodeId, config.ParkingBays);
        await node.BootAsync("power-on", cancellationToken).ConfigureAwait(false);

        // The session's first link period starts connecting.
        node.Runtime.Scheduler.RunDue();
        await node.Link.SettleAsync(BrokerAnswerLimit).ConfigureAwait(false);
        if (setup.RequireConnection && !node.Link.IsConnected)
        {
            await node.Link.DisposeAsync().ConfigureAwait(false);
            throw new MQTTnet.Exceptions.MqttCommunicationException($"{config.NodeId}: cannot connect to the MQTT broker at {config.MqttHost}:{config.MqttPort}");
        }

        return node;
    }

    /// <summary>Called by the node: remember it; <see cref="ServiceAsync"/> restarts outside the node's own call stack.</summary>
    public void Reboot(string reason) => PendingReboot = reason;

    /// <summary>Between scheduler runs: waits for the broker's answers to what the node handed over (so
    /// the simulated clock does not run ahead of them) and restarts the node when it asked.</summary>
    public async Task ServiceAsync(CancellationToken cancellationToken)
    {
        await Link.SettleAsync(BrokerAnswerLimit).ConfigureAwait(false);
        if (PendingReboot != null)
        {
            await Link.DisposeAsync().ConfigureAwait(false);
            await BootAsync("software", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>At the end of a run: the broker's last answers are taken, so frames it acknowledged count as delivered.</summary>
    public async Task FinishAsync()
    {
        await Link.SettleAsync(BrokerAnswerLimit).ConfigureAwait(false);
        Runtime.Link.TakeAnswers();
    }

    /// <summary>A planned restart (power button): queue to flash, "offline", new runtime from flash.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        Runtime.Shutdown();
        await Link.DisposeAsync().ConfigureAwait(false);
        await BootAsync("software", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loses the backhaul until <see cref="EndOutage"/> (the broker sees the will).</summary>
    public async Task BeginOutageAsync()
    {
        _outage = true;
        await Link.CutAsync().ConfigureAwait(false);
    }

    public void EndOutage()
    {
        _outage = false;
        Link.Restore();
    }

    public async ValueTask DisposeAsync()
    {
        Runtime.Shutdown();
        await Link.DisposeAsync().ConfigureAwait(false);
    }

    private async Task BootAsync(string resetReason, CancellationToken cancellationToken)
    {
        Boots++;
        LastBootMs = _setup.Clock.MonotonicMs();
        ResetReason = resetReason;
        PendingReboot = null;
        // The setup's text plays the technician's deployed file, exactly as on the device.
        var errors = new ArrayList();
        NodeConfig config = ConfigBoot.Select(Store, _setup.ConfigText, "virtual node config", Log, errors)
            ?? throw new InvalidOperationException($"{NodeId}: no valid config: " + string.Join("; ", errors.Cast<ConfigError>()));

        Config = config;
        Link = MqttNetLink.Create(SettingsFor(config));
        if (_outage)
        {
            await Link.CutAsync().ConfigureAwait(false);
        }

        var hardware = new NodeHardware
        {
            Climate = Climate,
            Particulates = new Pms5003(Particulates),
            Noise = new Sen0232SoundLevelMeter(Soundscape, config.NoiseOffsetDb, Sen0232SoundLevelMeter.DefaultPeriodMs),
            LampPwm = Lamp,
            PresencePins = [Presence],
            AmbientLight = Ambient,
            Magnetometers = Magnetometers,
            SystemInfo = this,
            Control = this,
        };
        Runtime = new NodeRuntime(config, hardware, _nodeClock, Store, Link, Log);
    }

    private MqttClientSettings SettingsFor(NodeConfig config)
    {
        var settings = new MqttClientSettings(new BrokerAddress(config.MqttHost, config.MqttPort)) { Mqtt311 = _setup.Mqtt311, TopicAliases = _setup.TopicAliases, KeepAlive = _setup.KeepAlive };
        if (config.MqttUsername.Length > 0)
        {
            settings = settings with { Username = config.MqttUsername, Password = config.MqttPassword };
        }

        if (config.MqttTls)
        {
            byte[] pem = Store.ReadAll(CaFile) ?? throw new InvalidOperationException($"{NodeId}: mqtt.tls = true but no {CaFile} in flash");
            settings = settings with { CaCertificate = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pem)) };
        }

        return settings;
    }
}
