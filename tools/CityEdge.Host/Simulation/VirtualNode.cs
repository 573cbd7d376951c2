using System.Collections;
using CityEdge.Config;
using CityEdge.Host.Mqtt;
using CityEdge.Node;

namespace CityEdge.Host.Simulation;

/// <summary>
/// One simulated node: the portable core's <see cref="NodeRuntime"/> with simulated sensors, an
/// in-memory flash store and an MQTTnet link to a real broker.
/// </summary>
public sealed class VirtualNode : IAsyncDisposable
{
    private VirtualNode(string nodeId, NodeRuntime runtime, SimulatedClimateSensor climate, MemoryStore store, MqttNetLink link, CollectingLogSink log)
    {
        NodeId = nodeId;
        Runtime = runtime;
        Climate = climate;
        Store = store;
        Link = link;
        Log = log;
    }

    public string NodeId { get; }

    public NodeRuntime Runtime { get; }

    public SimulatedClimateSensor Climate { get; }

    public MemoryStore Store { get; }

    public MqttNetLink Link { get; }

    public CollectingLogSink Log { get; }

    /// <summary>The configuration text a virtual node boots with (parsed by the core's own parser).</summary>
    public static string ConfigText(string nodeId, string topicRoot, BrokerAddress broker, int reportPeriodS, int climatePeriodS, int parkingBays = 0) =>
        $"""
        # virtual node {nodeId}
        node.id = {nodeId}
        mqtt.topic_root = {topicRoot}
        mqtt.host = {broker.Host}
        mqtt.port = {broker.Port}
        report.period_s = {reportPeriodS}
        climate.period_s = {climatePeriodS}
        parking.bays = {parkingBays}
        """;

    /// <param name="parkingDays">How long the simulated bays' traffic is planned for (readings after it see empty bays).</param>
    public static async Task<VirtualNode> StartAsync(string configText, SimulatedClock clock, int seed, bool recordSamples, CancellationToken cancellationToken, double parkingDays = 1)
    {
        var errors = new ArrayList();
        NodeConfig config = NodeConfig.Parse(configText, errors)
            ?? throw new ArgumentException("virtual node config is invalid: " + string.Join("; ", errors.Cast<ConfigError>()), nameof(configText));
        var topics = new NodeTopics(config);
        var link = await MqttNetLink.ConnectAsync(new BrokerAddress(config.MqttHost, config.MqttPort), config.NodeId, topics.Status, NodeStatus.Offline(), cancellationToken).ConfigureAwait(false);
        var climate = new SimulatedClimateSensor(clock, seed, recordSamples: recordSamples);
        var store = new MemoryStore();
        var log = new CollectingLogSink(config.NodeId, clock.UtcNow);
        var hardware = new NodeHardware { Climate = climate };
        if (config.ParkingBays > 0)
        {
            var street = ParkingScenario.Generate(new ParkingScenarioOptions { Bays = config.ParkingBays, Days = parkingDays, Seed = seed, StartUtc = clock.StartUtc });
            hardware.Magnetometers = SimulatedMagnetometer.ForBays(street, clock);
        }

        var runtime = new NodeRuntime(config, hardware, clock, store, link, log);
        return new VirtualNode(config.NodeId, runtime, climate, store, link, log);
    }

    public async ValueTask DisposeAsync()
    {
        Runtime.Shutdown();
        await Link.DisposeAsync().ConfigureAwait(false);
    }
}
