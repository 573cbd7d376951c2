using System.Collections;
using CityEdge.Config;
using CityEdge.Core.Tests.Node;
using CityEdge.Host.Simulation;
using CityEdge.Lighting;
using CityEdge.Link;
using CityEdge.Node;

namespace CityEdge.Core.Tests.Lighting;

/// <summary>Signed lamp commands reach the lamp through the node's command layer, and always expire.</summary>
[TestClass]
public sealed class LampCommandTests
{
    private static readonly byte[] Key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    private sealed class Rig
    {
        public Rig(string extraConfig = "")
        {
            // 01:00 local on a November night in Amsterdam: the program holds the P6 minimum (27 %).
            Clock = new SimulatedClock(new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc));
            var store = new MemoryStore();
            store.WriteAll(CommandProcessor.KeyFile, Key, 0, Key.Length);
            var errors = new ArrayList();
            var config = NodeConfig.Parse("node.id = lamp-1\nmqtt.topic_root = t\nlighting.latitude = 52.37\nlighting.longitude = 4.90\nlighting.utc_offset_min = 60\n" + extraConfig, errors)
                ?? throw new InvalidOperationException(string.Join("; ", errors.Cast<object>()));
            Node = new NodeRuntime(config, new NodeHardware { LampPwm = Pwm }, Clock, store, Link, null);
        }

        public SimulatedClock Clock { get; }

        public SimulatedLampPwm Pwm { get; } = new(5000);

        public RecordingLink Link { get; } = new();

        public NodeRuntime Node { get; }

        private ulong _counter;

        public void Send(int action, params byte[] arguments) => Link.Deliver("t/lamp-1/command",
            new CommandFrame { Action = action, Counter = ++_counter, NodeId = "lamp-1", Arguments = arguments }.Sign(Key));

        public void RunFor(TimeSpan span)
        {
            Clock.RunUntil(Node.Scheduler, Clock.MonotonicMs() + (long)span.TotalMilliseconds);
        }

        public float LevelPct => Node.Lighting.AppliedLevelPct;

        public CommandAck LastAck() => CommandAck.Decode(Link.On("t/lamp-1/command-ack")[^1], Key)!;
    }

    [TestMethod]
    public void LampLevelHoldsForItsMinutesThenTheProgramReturns()
    {
        var rig = new Rig();
        rig.RunFor(TimeSpan.FromSeconds(30));
        Assert.AreEqual(27f, rig.LevelPct, 0.5f);

        rig.Send(CommandAction.LampSetLevel, 80, 0, 2);
        rig.RunFor(TimeSpan.FromSeconds(60));
        Assert.AreEqual(CommandResult.Ok, rig.LastAck().Result);
        Assert.AreEqual(80f, rig.LevelPct, 0.5f);

        rig.RunFor(TimeSpan.FromMinutes(2));
        Assert.AreEqual(27f, rig.LevelPct, 0.5f, "the override expired after 2 minutes");
    }

    [TestMethod]
    public void AnOverrideWithoutMinutesStillExpiresAfterTheDefault()
    {
        var rig = new Rig();
        rig.Send(CommandAction.LampOverride, 2, 0, 0);
        rig.RunFor(TimeSpan.FromMinutes(LightingCommands.DefaultMinutes - 1));
        Assert.AreEqual(0f, rig.LevelPct, "forced off");

        rig.RunFor(TimeSpan.FromMinutes(2));
        Assert.AreEqual(27f, rig.LevelPct, 0.5f, "a forgotten 'off' never leaves the street dark for good");
    }

    [TestMethod]
    public void AutoCancelsAnOverrideAtOnce()
    {
        var rig = new Rig();
        rig.Send(CommandAction.LampOverride, 1, 0, 30);
        rig.RunFor(TimeSpan.FromSeconds(10));
        Assert.AreEqual(100f, rig.LevelPct, 0.5f);

        rig.Send(CommandAction.LampOverride, 0, 0, 0);
        rig.RunFor(TimeSpan.FromSeconds(10));
        Assert.AreEqual(27f, rig.LevelPct, 0.5f);
    }

    [TestMethod]
    public void BadArgumentsAreRefusedWithTheFieldNamed()
    {
        var rig = new Rig();
        rig.Send(CommandAction.LampSetLevel, 140);
        rig.RunFor(TimeSpan.FromSeconds(2));
        var ack = rig.LastAck();
        Assert.AreEqual(CommandResult.InvalidArgument, ack.Result);
        Assert.AreEqual("level: 140 is outside 0..100", ack.Detail);

        rig.Send(CommandAction.LampOverride, 7, 0, 0);
        rig.RunFor(TimeSpan.FromSeconds(2));
        StringAssert.StartsWith(rig.LastAck().Detail, "mode: 7");
        Assert.AreEqual(27f, rig.LevelPct, 0.5f, "nothing changed");
    }

    [TestMethod]
    public void NeighbourPresenceArrivesFromTheGroupTopicAndOwnDetectionsGoOut()
    {
        var rig = new Rig("lighting.group = rue-17\n");
        rig.RunFor(TimeSpan.FromSeconds(5));
        Assert.AreEqual(27f, rig.LevelPct, 0.5f);

        byte[] neighbour = new byte[64];
        int length = CityEdge.Lighting.PresenceMessage.Encode(CityEdge.Lighting.PresenceSource.Pir, 0, System.Text.Encoding.ASCII.GetBytes("lamp-2"), neighbour, 0);
        rig.Link.Deliver("t/rue-17/presence", neighbour[..length]);
        rig.RunFor(TimeSpan.FromSeconds(3));
        Assert.AreEqual(67f, rig.LevelPct, 0.5f, "boosted by the neighbour's walker");

        rig.Node.Lighting.OnPresenceEvent(CityEdge.Lighting.PresenceSource.Radar, rig.Clock.MonotonicMs());
        rig.RunFor(TimeSpan.FromSeconds(1));
        Assert.IsNotEmpty(rig.Link.On("t/rue-17/presence"), "its own detection is shared with the group");
    }
}
