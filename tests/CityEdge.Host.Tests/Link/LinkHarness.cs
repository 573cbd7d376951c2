using System.Text;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Simulation;
using CityEdge.Link;

namespace CityEdge.Host.Tests.Link;

/// <summary>
/// Virtual nodes (flash in a temp folder, TLS, their own credentials and command key) and a command
/// centre (receiver + command client) on one simulated clock against the test mosquitto.
/// </summary>
public sealed class LinkHarness : IAsyncDisposable
{
    private readonly List<VirtualNode> _nodes = [];
    private readonly string _folder;

    private LinkHarness(MosquittoBroker broker, SimulatedClock clock, TelemetryReceiver receiver, CommandClient commands, string folder)
    {
        Broker = broker;
        Clock = clock;
        Receiver = receiver;
        Commands = commands;
        _folder = folder;
    }

    public MosquittoBroker Broker { get; }

    public SimulatedClock Clock { get; }

    public TelemetryReceiver Receiver { get; }

    public CommandClient Commands { get; }

    public static async Task<LinkHarness> StartAsync(MosquittoBroker broker)
    {
        var clock = new SimulatedClock(new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc));
        var receiver = await TelemetryReceiver.ConnectAsync(broker.CommandCentre, MosquittoBroker.TopicRoot, CancellationToken.None);
        var commands = await CommandClient.ConnectAsync(broker.CommandCentre, MosquittoBroker.TopicRoot, CancellationToken.None);
        return new LinkHarness(broker, clock, receiver, commands, Directory.CreateTempSubdirectory("cityedge-link-").FullName);
    }

    public static byte[] KeyFor(string nodeId) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("test key of " + nodeId));

    /// <summary>The provisioning a technician does: config, CA and command key in the node's flash.</summary>
    public string ConfigText(string nodeId, int configVersion = 1, string extra = "", int? port = null) => $"""
        node.id = {nodeId}
        mqtt.topic_root = {MosquittoBroker.TopicRoot}
        mqtt.host = {Broker.Address.Host}
        mqtt.port = {port ?? Broker.Address.Port}
        mqtt.username = {nodeId}
        mqtt.password = {MosquittoBroker.PasswordOf(nodeId)}
        mqtt.tls = true
        config.version = {configVersion}
        {extra}
        """;

    public async Task<VirtualNode> AddNodeAsync(string nodeId, string? configText = null, bool mqtt311 = false)
    {
        var store = new FileStore(Path.Combine(_folder, nodeId));
        byte[] key = KeyFor(nodeId);
        store.WriteAll(CommandProcessor.KeyFile, key, 0, key.Length);
        byte[] ca = Encoding.ASCII.GetBytes(Broker.CaPem);
        store.WriteAll(VirtualNode.CaFile, ca, 0, ca.Length);
        var node = await VirtualNode.StartAsync(new VirtualNodeSetup(configText ?? ConfigText(nodeId), Clock) { Store = store, Mqtt311 = mqtt311 }, CancellationToken.None);
        _nodes.Add(node);
        // The node subscribes to its commands when its session starts: wait for its birth status.
        Assert.IsTrue(await RunUntilAsync(() => Tally(nodeId)?.State == "online", TimeSpan.FromMinutes(1)), nodeId + " came online");
        return node;
    }

    /// <summary>Runs simulated time as fast as possible (nothing to wait for on the network).</summary>
    public Task RunForAsync(TimeSpan simulated) => PumpAsync(() => false, simulated, TimeSpan.FromMinutes(2), paced: false);

    /// <summary>Runs simulated time, pausing a moment each step for the broker, until <paramref name="done"/>.</summary>
    public Task<bool> RunUntilAsync(Func<bool> done, TimeSpan maxSimulated) => PumpAsync(done, maxSimulated, TimeSpan.FromSeconds(30), paced: true);

    /// <summary>Sends while the nodes run, and returns the ack.</summary>
    public async Task<CommandAck?> CommandAsync(Func<Task<CommandAck?>> send)
    {
        var sending = send();
        await RunUntilAsync(() => sending.IsCompleted, TimeSpan.FromMinutes(30));
        return await sending;
    }

    public Task<CommandAck?> SendAsync(VirtualNode node, int action, byte[] arguments, ulong counter) =>
        Commands.SendAsync(node.NodeId, KeyFor(node.NodeId), action, arguments, counter, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(20), CancellationToken.None);

    public NodeTally? Tally(string nodeId) => Receiver.Nodes.FirstOrDefault(n => n.NodeId == nodeId);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Commands.DisposeAsync();
        await Receiver.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<bool> PumpAsync(Func<bool> done, TimeSpan maxSimulated, TimeSpan realTimeout, bool paced)
    {
        long endMs = Clock.MonotonicMs() + (long)maxSimulated.TotalMilliseconds;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        while (Clock.MonotonicMs() < endMs && wall.Elapsed < realTimeout)
        {
            if (done())
            {
                return true;
            }

            long next = _nodes.Min(n => n.Runtime.Scheduler.NextDueMs);
            Clock.AdvanceTo(Math.Min(endMs, Math.Max(next, Clock.MonotonicMs())));
            foreach (var node in _nodes)
            {
                node.Runtime.Scheduler.RunDue();
                await node.ServiceAsync(CancellationToken.None);
            }

            if (paced)
            {
                await Task.Delay(2);
            }
        }

        return done();
    }
}
