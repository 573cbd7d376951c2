using CityEdge.Host.Simulation;
using CityEdge.Link;

namespace CityEdge.Core.Tests.Link;

/// <summary>Command verification on the node: only correctly signed, fresh, unexpired commands for this node run.</summary>
[TestClass]
public sealed class CommandProcessorTests
{
    private static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTime Now = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);

    [TestMethod]
    public void ValidCommandRunsOnceAndItsReplayIsRefusedEvenAfterAReboot()
    {
        var store = Provisioned();
        var (processor, handler) = Create(store);
        byte[] frame = Sign(CommandAction.LampSetLevel, 10, [40]);

        Assert.AreEqual(CommandResult.Ok, Result(processor.Process(frame)));
        var (rebooted, handlerAfterReboot) = Create(store);

        Assert.AreEqual(CommandResult.Replayed, Result(processor.Process(frame)));
        Assert.AreEqual(CommandResult.Replayed, Result(rebooted.Process(frame)));
        Assert.AreEqual(1, handler.Runs);
        Assert.AreEqual(0, handlerAfterReboot.Runs);
        Assert.AreEqual(CommandResult.Ok, Result(rebooted.Process(Sign(CommandAction.LampSetLevel, 11, [40]))), "a higher counter runs");
    }

    [TestMethod]
    public void EveryKindOfBadCommandIsRefusedWithItsOwnCode()
    {
        var (processor, handler) = Create(Provisioned());
        byte[] otherKey = new byte[32];

        Assert.AreEqual(CommandResult.Malformed, Result(processor.Process([1, 2, 3])));
        Assert.AreEqual(CommandResult.BadSignature, Result(processor.Process(new CommandFrame { Action = CommandAction.LampSetLevel, Counter = 5, NodeId = "node-01", Arguments = [1] }.Sign(otherKey))));
        Assert.AreEqual(CommandResult.WrongNode, Result(processor.Process(new CommandFrame { Action = CommandAction.LampSetLevel, Counter = 6, NodeId = "node-02", Arguments = [1] }.Sign(Key))));
        Assert.AreEqual(CommandResult.Expired, Result(processor.Process(Sign(CommandAction.LampSetLevel, 7, [1], expires: Now.AddSeconds(-1)))));
        Assert.AreEqual(CommandResult.Unsupported, Result(processor.Process(Sign(CommandAction.ParkingRecalibrateBay, 8, [1]))));
        Assert.AreEqual(0, handler.Runs);
        Assert.AreEqual(5, processor.RejectedCount);
        Assert.AreEqual(CommandResult.Replayed, Result(processor.Process(Sign(CommandAction.LampSetLevel, 7, [1]))), "an expired command burns its counter");
    }

    [TestMethod]
    public void NodeWithoutAKeyRefusesEverything()
    {
        var store = new MemoryStore();
        var processor = new CommandProcessor("node-01", store, new SimulatedClock(Now), null);
        processor.Register(CommandAction.LampSetLevel, new CountingHandler());

        Assert.AreEqual(CommandResult.NoKey, Result(processor.Process(Sign(CommandAction.LampSetLevel, 1, [1]))));
        Assert.IsFalse(store.Exists(CommandProcessor.CounterFile));
    }

    [TestMethod]
    public void HandlerResultAndDetailReachTheAck()
    {
        var (processor, handler) = Create(Provisioned());
        handler.Result = CommandResult.InvalidArgument;

        var ack = CommandAck.Decode(processor.Process(Sign(CommandAction.LampSetLevel, 3, [250])), Key)!;

        Assert.AreEqual(CommandResult.InvalidArgument, ack.Result);
        Assert.AreEqual("level: 250 is outside 0..100", ack.Detail);
        Assert.AreEqual(3UL, ack.Counter);
        Assert.AreEqual(CommandAction.LampSetLevel, ack.Action);
    }

    [TestMethod]
    public void SecondHandlerForAnActionIsAProgrammingError()
    {
        var (processor, _) = Create(Provisioned());

        Assert.ThrowsExactly<InvalidOperationException>(() => processor.Register(CommandAction.LampSetLevel, new CountingHandler()));
    }

    private static MemoryStore Provisioned()
    {
        var store = new MemoryStore();
        store.WriteAll(CommandProcessor.KeyFile, Key, 0, Key.Length);
        return store;
    }

    private static (CommandProcessor, CountingHandler) Create(MemoryStore store)
    {
        var processor = new CommandProcessor("node-01", store, new SimulatedClock(Now), null);
        var handler = new CountingHandler();
        processor.Register(CommandAction.LampSetLevel, handler);
        return (processor, handler);
    }

    private static byte[] Sign(int action, ulong counter, byte[] arguments, DateTime? expires = null) => new CommandFrame
    {
        Action = action,
        Counter = counter,
        NodeId = "node-01",
        Arguments = arguments,
        ExpiresUnixSeconds = expires == null ? 0 : (uint)new DateTimeOffset(expires.Value).ToUnixTimeSeconds(),
    }.Sign(Key);

    private static int Result(byte[] ack) => CommandAck.Decode(ack, Key)?.Result ?? CommandAck.Decode(ack, null)!.Result;

    private sealed class CountingHandler : ICommandHandler
    {
        public int Runs { get; private set; }

        public int Result { get; set; } = CommandResult.Ok;

        public int Execute(Command command)
        {
            Runs++;
            if (Result != CommandResult.Ok)
            {
                command.Detail = $"level: {command.Arguments[0]} is outside 0..100";
            }

            return Result;
        }
    }
}
