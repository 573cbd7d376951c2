using System.Text;
using CityEdge.Link;

namespace CityEdge.Core.Tests.Link;

/// <summary>Command frame and ack v1 against the hex vectors of docs/mqtt.md (MACs computed with
/// `openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f`, independent of this code).</summary>
[TestClass]
public sealed class CommandFrameTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    [TestMethod]
    public void HmacMatchesRfc4231TestCase2()
    {
        byte[] mac = CommandFrame.Mac(Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?"), 28);

        Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(mac));
    }

    [TestMethod]
    public void RequestStatusVector()
    {
        byte[] frame = new CommandFrame { Action = CommandAction.RequestStatus, Counter = 0x0000018F5A3B2C10, ExpiresUnixSeconds = 0x6553F100, NodeId = "node-01" }.Sign(Key);

        Assert.AreEqual("01010000018f5a3b2c106553f100076e6f64652d30310000"
            + "82c94af6cbdc088c6c0519b019c838150544a8f500e26c86207b2d567926c5a3", Convert.ToHexStringLower(frame));
    }

    [TestMethod]
    public void LampLevelVectorRoundTrips()
    {
        byte[] frame = Convert.FromHexString("0110000000000000000200000000076e6f64652d3031000128"
            + "cbffde7974c1b1e4c7c64705278439f9578ddec29d1b01e18d880dd00323c5cf");

        var parsed = CommandFrame.Parse(frame, out int signedLength);

        Assert.IsNotNull(parsed);
        Assert.AreEqual(frame.Length - 32, signedLength);
        Assert.IsTrue(CommandFrame.MacMatches(Key, frame, signedLength));
        Assert.AreEqual(CommandAction.LampSetLevel, parsed.Action);
        Assert.AreEqual(2UL, parsed.Counter);
        Assert.AreEqual(0U, parsed.ExpiresUnixSeconds);
        Assert.AreEqual("node-01", parsed.NodeId);
        CollectionAssert.AreEqual(new byte[] { 40 }, parsed.Arguments);
        CollectionAssert.AreEqual(frame, new CommandFrame { Action = 0x10, Counter = 2, NodeId = "node-01", Arguments = [40] }.Sign(Key));
    }

    [TestMethod]
    public void ChangingAnyByteBreaksTheMac()
    {
        byte[] frame = new CommandFrame { Action = CommandAction.LampSetLevel, Counter = 7, NodeId = "node-01", Arguments = [40] }.Sign(Key);
        for (int i = 0; i < frame.Length; i++)
        {
            byte[] altered = (byte[])frame.Clone();
            altered[i] ^= 0x20;
            var parsed = CommandFrame.Parse(altered, out int signedLength);
            Assert.IsTrue(parsed == null || !CommandFrame.MacMatches(Key, altered, signedLength), $"byte {i} changed unnoticed");
        }
    }

    [TestMethod]
    public void MalformedFramesDoNotParse()
    {
        byte[] frame = new CommandFrame { Action = 1, Counter = 7, NodeId = "node-01" }.Sign(Key);

        Assert.IsNull(CommandFrame.Parse(frame[..^1], out _), "one byte short");
        Assert.IsNull(CommandFrame.Parse([.. frame, 0], out _), "one byte long");
        Assert.IsNull(CommandFrame.Parse([2, .. frame[1..]], out _), "version 2");
        Assert.IsNull(CommandFrame.Parse(new byte[10], out _), "too short");
    }

    [TestMethod]
    public void ANodeIdThatIsNotPrintableAsciiDoesNotParse()
    {
        // Found by the command fuzz target: such an id decoded to U+FFFD, so the frame no longer
        // re-encoded to itself; no node has one (node.id is [a-z0-9-]).
        byte[] frame = new CommandFrame { Action = 1, Counter = 7, NodeId = "node-01" }.Sign(Key);
        frame[15] = 0xC3;

        Assert.IsNull(CommandFrame.Parse(frame, out _));
        frame[15] = (byte)' ';
        Assert.IsNull(CommandFrame.Parse(frame, out _));
    }

    [TestMethod]
    public void AnAckDetailIsCutAtACharacterBoundaryAndALongerOneDoesNotDecode()
    {
        // Found by the ack fuzz target: the 200-byte cut could split a UTF-8 sequence.
        string detail = new string('a', CommandAck.MaxDetailLength - 1) + "é";
        byte[] ack = new CommandAck { Action = 3, Counter = 9, Result = CommandResult.InvalidArgument, Detail = detail }.Encode(Key);

        Assert.AreEqual(CommandAck.MaxDetailLength - 1, ack[11], "the two-byte 'é' does not fit whole");
        Assert.AreEqual(detail[..^1], CommandAck.Decode(ack, Key)!.Detail);

        byte[] longer = new byte[12 + 201 + 32];
        longer[0] = CommandAck.Version;
        longer[11] = 201;
        Array.Copy(CommandFrame.Mac(Key, longer, 12 + 201), 0, longer, 12 + 201, 32);
        Assert.IsNull(CommandAck.Decode(longer, Key), "no node sends more than 200 bytes of detail");
    }

    [TestMethod]
    public void AckVectorDecodesAndAuthenticates()
    {
        byte[] ack = Convert.FromHexString("010100000000000000020000" + "911353cec4801dbbac3c23daefe5bec79740e31f53cd447839a7b55b9af3a93a");

        var decoded = CommandAck.Decode(ack, Key);

        Assert.IsNotNull(decoded);
        Assert.AreEqual(CommandResult.Ok, decoded.Result);
        Assert.AreEqual(2UL, decoded.Counter);
        Assert.AreEqual("", decoded.Detail);
        CollectionAssert.AreEqual(ack, new CommandAck { Action = 1, Counter = 2, Result = 0 }.Encode(Key));
        ack[10] = CommandResult.Failed;
        Assert.IsNull(CommandAck.Decode(ack, Key), "a changed result fails the MAC");
    }
}
