using CityEdge.Telemetry;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Telemetry;

[TestClass]
public sealed class EventFrameTests
{
    private const string Vector = "010100106b042ac0020201";

    [TestMethod]
    public void TheDocumentedExampleEncodesAndDecodes()
    {
        byte[] buffer = new byte[EventFrame.GetLength(2)];
        int length = EventFrame.Encode(1, 16, 1795435200, [2, 1], 0, 2, buffer, 0);
        Assert.AreEqual(11, length);
        Assert.AreEqual(Vector, Convert.ToHexStringLower(buffer));
        StringAssert.Contains(RepoFiles.Read("docs/telemetry-format.md"), "\n" + Vector + "\n");

        int type = EventFrame.Decode(buffer, 0, length, out int sequence, out uint timestamp, out int payloadLength);
        Assert.AreEqual(1, type);
        Assert.AreEqual(16, sequence);
        Assert.AreEqual(1795435200u, timestamp);
        Assert.AreEqual(2, payloadLength);
    }

    [TestMethod]
    public void EveryTruncationAndTrailingByteIsRejectedWithItsOffset()
    {
        byte[] full = Convert.FromHexString(Vector);
        for (int length = 0; length < full.Length; length++)
        {
            var ex = Assert.ThrowsExactly<FrameFormatException>(() => EventFrame.Decode(full, 0, length, out _, out _, out _));
            Assert.AreEqual(length, ex.Offset, ex.Message);
        }

        byte[] longer = Convert.FromHexString(Vector + "ff");
        var trailing = Assert.ThrowsExactly<FrameFormatException>(() => EventFrame.Decode(longer, 0, longer.Length, out _, out _, out _));
        Assert.AreEqual(11, trailing.Offset);
    }

    [TestMethod]
    public void BadEnvelopeFieldsAreNamed()
    {
        Assert.AreEqual("event.version", Fails("020100106b042ac0020201").Field);
        Assert.AreEqual("event.type", Fails("010000106b042ac0020201").Field);
        Assert.AreEqual("event.timestamp", Fails("010100100000000100").Field);
        Assert.AreEqual("event.length", Fails("010100106b042ac021" + new string('0', 66)).Field);
    }

    [TestMethod]
    public void EncodeRefusesOversizedPayloadsAndBadTypes()
    {
        byte[] buffer = new byte[64];
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => EventFrame.Encode(1, 0, 0, new byte[33], 0, 33, buffer, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => EventFrame.Encode(0, 0, 0, [], 0, 0, buffer, 0));
    }

    private static FrameFormatException Fails(string hex)
    {
        byte[] frame = Convert.FromHexString(hex);
        return Assert.ThrowsExactly<FrameFormatException>(() => EventFrame.Decode(frame, 0, frame.Length, out _, out _, out _));
    }
}
