using System.Collections;
using System.Text;
using CityEdge.Config;
using CityEdge.Host.Simulation;
using CityEdge.Lighting;
using CityEdge.Link;
using CityEdge.Node;
using CityEdge.Parking;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>
/// Command frames as a node receives them on its command topic: CommandFrame.Parse, then the whole of
/// CommandProcessor.Process (MAC, node id, counter, expiry) and the lamp and parking handlers' argument parsing.
/// </summary>
public static class CommandFuzz
{
    public const string Oracle = "parses or is refused, never throws; a parsed frame re-encodes to its exact signed bytes; every frame gets an ack that verifies under the key; a valid frame for this node is never refused as forged or malformed";

    private const string NodeId = "lp-7";

    private static readonly byte[] Key = Enumerable.Range(0x40, CommandFrame.KeyLength).Select(i => (byte)i).ToArray();

    private static readonly SimulatedClock Clock = new(new DateTime(2026, 3, 1, 20, 0, 0, DateTimeKind.Utc));

    /// <summary>A node with a lamp and four bays, whose lamp and parking handlers every input reaches.</summary>
    private static readonly NodeRuntime Node = CreateNode();

    public static readonly Gen<FuzzBytes> Inputs = FuzzBytes.Around(Gen.Byte.Array[16, 48].Select(SignedFrame), 96);

    public static void Check(FuzzBytes input)
    {
        byte[] frame = input.Bytes;
        CommandFrame parsed = CommandFrame.Parse(frame, out int signedLength);
        if (parsed == null && input.Intact)
        {
            throw new InvalidOperationException("a signed frame does not parse");
        }

        if (parsed != null)
        {
            byte[] again = new CommandFrame { Action = parsed.Action, Counter = parsed.Counter, ExpiresUnixSeconds = parsed.ExpiresUnixSeconds, NodeId = parsed.NodeId, Arguments = parsed.Arguments }.Sign(Key);
            bool sameSigned = again.AsSpan(0, signedLength).SequenceEqual(frame.AsSpan(0, signedLength));
            if (!sameSigned || (CommandFrame.MacMatches(Key, frame, signedLength) && !again.AsSpan().SequenceEqual(frame)))
            {
                throw new InvalidOperationException("re-encodes to " + Convert.ToHexString(again));
            }
        }

        var store = new MemoryStore();
        store.WriteAll(CommandProcessor.KeyFile, Key, 0, Key.Length);
        var processor = new CommandProcessor(NodeId, store, Clock, null);
        var lamp = new LightingCommands(Node.Lighting);
        processor.Register(CommandAction.LampSetLevel, lamp);
        processor.Register(CommandAction.LampOverride, lamp);
        processor.Register(CommandAction.ParkingRecalibrateBay, new ParkingCommands(Node.Parking, Clock));

        var ack = CommandAck.Decode(processor.Process(frame), Key) ?? throw new InvalidOperationException("the ack does not verify");
        int result = ack.Result;
        if (parsed == null ? result != CommandResult.Malformed : ack.Counter != parsed.Counter || ack.Action != parsed.Action)
        {
            throw new InvalidOperationException($"ack {CommandResult.Name(result)} counter {ack.Counter} does not answer the frame");
        }

        if (input.Intact && parsed!.NodeId == NodeId && (result == CommandResult.BadSignature || result == CommandResult.Malformed || result == CommandResult.WrongNode))
        {
            throw new InvalidOperationException("a valid frame was refused: " + CommandResult.Name(result));
        }
    }

    /// <summary>A frame signed with the node's key: action, counter, expiry, node id (mostly this node's) and arguments from <paramref name="bytes"/>.</summary>
    public static byte[] SignedFrame(byte[] bytes)
    {
        var m = new Material(bytes);
        int[] actions = [CommandAction.LampSetLevel, CommandAction.LampOverride, CommandAction.ParkingRecalibrateBay, CommandAction.RequestStatus, m.Int(0, 255)];
        var frame = new CommandFrame
        {
            Action = actions[m.Int(0, actions.Length - 1)],
            Counter = (ulong)m.Int(1, int.MaxValue) * (ulong)m.Int(1, 4),
            ExpiresUnixSeconds = m.Chance(4) ? 0 : (uint)m.Int(0, int.MaxValue) * 2u,
            NodeId = m.Chance(6) ? NodeId : "lp-" + m.Int(0, 99),
            Arguments = bytes[..m.Int(0, Math.Min(4, bytes.Length))],
        };
        return frame.Sign(Key);
    }

    private static NodeRuntime CreateNode()
    {
        var errors = new ArrayList();
        var config = NodeConfig.Parse("node.id = " + NodeId + "\nparking.bays = 4\n", errors) ?? throw new InvalidOperationException("fuzz node config");
        var hardware = new NodeHardware { LampPwm = new SimulatedLampPwm(5000), Magnetometers = new IMagnetometer[4] };
        return new NodeRuntime(config, hardware, Clock, new MemoryStore(), new SilentLink(), null);
    }

    /// <summary>A link that is never up: every connection attempt fails, so the fuzzed node publishes nothing.</summary>
    private sealed class SilentLink : CityEdge.Hal.INetworkLink
    {
        public void BeginConnect(ConnectRequest request, LinkInbox inbox) => inbox.PostConnectFailed(ConnectOutcome.Unreachable, 0, "fuzz: no broker");

        public int Publish(string topic, int topicAlias, byte[] payload, int offset, int count, CityEdge.Hal.MessageQos qos, bool retain) => -1;

        public int Subscribe(string topicFilter, CityEdge.Hal.MessageQos qos) => -1;

        public void Drop()
        {
        }
    }
}
