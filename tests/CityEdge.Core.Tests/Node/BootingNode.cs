using System.Collections;
using System.Text;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Host.Simulation;
using CityEdge.Link;
using CityEdge.Node;

namespace CityEdge.Core.Tests.Node;

/// <summary>
/// A node as the device app runs it: every boot chooses the config with <see cref="ConfigBoot.Select"/>
/// (the deployed file, a staged config's trial, rollback), builds a <see cref="NodeRuntime"/> on the same
/// store, and starts again when the runtime asks (<see cref="INodeControl"/>). The link is up only while
/// the running config points at <see cref="ReachableHost"/>, so a config naming another broker fails its trial.
/// </summary>
internal sealed class BootingNode : INodeControl
{
    public const string ReachableHost = "broker.city.example";

    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private readonly string? _deployedText;
    private string? _rebootReason;
    private ulong _counter = 1000;

    /// <param name="deployedText">The technician's I:\cityedge.conf; null when none is on the drive.</param>
    public BootingNode(IPersistentStore store, string? deployedText, SimulatedClock clock)
    {
        Store = store;
        _deployedText = deployedText;
        Clock = clock;
        Log = new CollectingLogSink("node", clock.UtcNow);
    }

    public IPersistentStore Store { get; }

    public SimulatedClock Clock { get; }

    public CollectingLogSink Log { get; }

    /// <summary>The config of the latest boot; null when it found none.</summary>
    public NodeConfig? Config { get; private set; }

    public NodeRuntime? Runtime { get; private set; }

    public RecordingLink Link { get; private set; } = new();

    /// <summary>Boots so far; each is a (re)start of the device app.</summary>
    public int Boots { get; private set; }

    /// <summary>Errors of the latest boot that found no config.</summary>
    public List<ConfigError> BootErrors { get; } = [];

    /// <summary>Config versions this node has run with its link up (a trial of those is kept).</summary>
    public HashSet<int> ConnectedVersions { get; } = [];

    /// <summary>Called after every boot that found a config, before the runtime runs.</summary>
    public Action<BootingNode>? Booted { get; set; }

    /// <summary>Writes the node's command key, as provisioning does.</summary>
    public static void ProvisionKey(IPersistentStore store) => store.WriteAll(CommandProcessor.KeyFile, Key, 0, Key.Length);

    /// <summary>Starts the node as the device app does; false when no config could be chosen.</summary>
    public bool Boot()
    {
        Boots++;
        Runtime = null;
        BootErrors.Clear();
        var errors = new ArrayList();
        Config = ConfigBoot.Select(Store, _deployedText, "I:\\cityedge.conf", Log, errors);
        BootErrors.AddRange(errors.Cast<ConfigError>());
        if (Config == null)
        {
            return false;
        }

        Link = new RecordingLink { IsConnected = Config.MqttHost == ReachableHost };
        Booted?.Invoke(this);
        Runtime = new NodeRuntime(Config, new NodeHardware { Control = this }, Clock, Store, Link, Log);
        return true;
    }

    public void Reboot(string reason) => _rebootReason = reason;

    /// <summary>Runs the node (and every restart it asks for) for <paramref name="ms"/> of simulated time.</summary>
    public void RunFor(long ms)
    {
        long end = Clock.MonotonicMs() + ms;
        while (Clock.MonotonicMs() < end && Runtime != null)
        {
            Clock.RunUntil(Runtime.Scheduler, Math.Min(end, Clock.MonotonicMs() + 1000));
            if (Link.IsConnected)
            {
                ConnectedVersions.Add(Config!.ConfigVersion);
            }

            if (_rebootReason != null)
            {
                _rebootReason = null;
                Boot();
            }
        }
    }

    /// <summary>Signs and delivers a set-config; returns the node's verified ack (read before the node restarts).</summary>
    public CommandAck SetConfig(string text)
    {
        var link = Link;
        var topics = Runtime!.Topics;
        var frame = new CommandFrame
        {
            Action = CommandAction.SetConfig,
            Counter = ++_counter,
            NodeId = Config!.NodeId,
            Arguments = Encoding.UTF8.GetBytes(text),
        };
        link.Deliver(topics.Command, frame.Sign(Key));
        RunFor(1000);
        byte[] ack = link.On(topics.CommandAck).Last();
        return CommandAck.Decode(ack, Key) ?? throw new InvalidOperationException("ack does not verify");
    }
}
