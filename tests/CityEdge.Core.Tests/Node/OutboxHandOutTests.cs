using CityEdge.Host.Simulation;
using CityEdge.Node;

namespace CityEdge.Core.Tests.Node;

/// <summary>The outbox hands frames out ahead of their acknowledgements and removes only the oldest.</summary>
[TestClass]
public sealed class OutboxHandOutTests
{
    [TestMethod]
    public void FramesAreHandedOutOldestFirstAcrossFlashAndRamAndStayQueuedUntilRemoved()
    {
        var outbox = new Outbox(new MemoryStore(), ramFrames: 3, flashBudgetBytes: 8192, log: null);
        for (byte i = 0; i < 7; i++)
        {
            outbox.Add(Outbox.KindTelemetry, [i, 0xAA]);
        }

        // 3 spilled to flash at the 4th add, 3 more at the 7th: flash 0-5, RAM 6.
        Assert.AreEqual(6, outbox.FlashCount);
        var handed = Enumerable.Range(0, 7).Select(_ => outbox.HandOut()!.Frame[0]).ToList();

        CollectionAssert.AreEqual(new byte[] { 0, 1, 2, 3, 4, 5, 6 }, handed);
        Assert.IsNull(outbox.HandOut(), "nothing more to hand out");
        Assert.AreEqual(7, outbox.Count, "handing out removes nothing");

        outbox.RemoveOldest();
        outbox.RemoveOldest();
        Assert.AreEqual(5, outbox.Count);
        outbox.Rewind();
        Assert.AreEqual(2, outbox.HandOut()!.Frame[0], "after a rewind the oldest still queued comes first");
    }

    [TestMethod]
    public void AFrameTheLinkCouldNotTakeIsHandedOutAgain()
    {
        var outbox = new Outbox(new MemoryStore(), ramFrames: 2, flashBudgetBytes: 8192, log: null);
        for (byte i = 0; i < 4; i++)
        {
            outbox.Add(Outbox.KindEvent, [i]);
        }

        // flash 0-1, RAM 2-3
        Assert.AreEqual(0, outbox.HandOut()!.Frame[0]);
        Assert.AreEqual(1, outbox.HandOut()!.Frame[0]);
        outbox.TakeBack();
        Assert.AreEqual(1, outbox.HandOut()!.Frame[0], "a flash frame again");
        Assert.AreEqual(2, outbox.HandOut()!.Frame[0]);
        outbox.TakeBack();
        Assert.AreEqual(2, outbox.HandOut()!.Frame[0], "a RAM frame again");
        Assert.AreEqual(Outbox.KindEvent, outbox.HandOut()!.Kind);
    }

    [TestMethod]
    public void ASpillStartsHandingOutAgainUnderANewEpoch()
    {
        var outbox = new Outbox(new MemoryStore(), ramFrames: 2, flashBudgetBytes: 8192, log: null);
        outbox.Add(Outbox.KindTelemetry, [0]);
        outbox.Add(Outbox.KindTelemetry, [1]);
        Assert.AreEqual(0, outbox.HandOut()!.Frame[0]);
        int epoch = outbox.HandOutEpoch;

        outbox.Add(Outbox.KindTelemetry, [2]);

        Assert.AreNotEqual(epoch, outbox.HandOutEpoch, "frames handed out before the spill are void");
        Assert.AreEqual(0, outbox.HandOut()!.Frame[0], "handing out starts from the oldest, now in flash");
    }
}
