using System.Buffers.Binary;
using CityEdge.Host.Simulation;
using CityEdge.Link;

namespace CityEdge.Core.Tests.Link;

/// <summary>The flash queue: order, reboot survival, budget, torn and corrupted records.</summary>
[TestClass]
public sealed class FlashQueueTests
{
    private const string FirstSegment = "q0.seg";

    [TestMethod]
    public void RecordsComeBackOldestFirstAfterAReboot()
    {
        var store = new MemoryStore();
        var queue = new FlashQueue(store, 65536, null);
        for (int i = 0; i < 50; i++)
        {
            queue.Append(i % 2, Payload(i, 20), 0, 20);
        }

        Assert.AreEqual(50, queue.Count);
        Assert.AreEqual(50 * 28, queue.Bytes);
        Assert.AreEqual(0, Take(queue, 10)[0]);
        queue.Flush();

        var reopened = new FlashQueue(store, 65536, null);
        var rest = Take(reopened, 100);

        CollectionAssert.AreEqual(Enumerable.Range(10, 40).ToArray(), rest);
        Assert.AreEqual(0, reopened.Count);
    }

    [TestMethod]
    public void PowerCutWithoutFlushResendsAtMostTheIndexInterval()
    {
        var store = new MemoryStore();
        var queue = new FlashQueue(store, 65536, null);
        for (int i = 0; i < 40; i++)
        {
            queue.Append(0, Payload(i, 10), 0, 10);
        }

        Take(queue, 20);

        var afterCut = Take(new FlashQueue(store, 65536, null), 100);

        // The index was last written after 16 removals: records 16..19 come again, nothing is lost.
        CollectionAssert.AreEqual(Enumerable.Range(FlashQueue.IndexSaveInterval, 40 - FlashQueue.IndexSaveInterval).ToArray(), afterCut);
    }

    [TestMethod]
    public void FullBudgetDropsTheOldestSegmentAndCountsIt()
    {
        var queue = new FlashQueue(new MemoryStore(), 8192, null);
        for (int i = 0; i < 100; i++)
        {
            queue.Append(0, Payload(i, 100), 0, 100);
        }

        // 108-byte records: 37 per 4096-byte segment; two segments allowed, so the third one (record 74)
        // pushes out the first (records 0..36).
        Assert.AreEqual(37, queue.DroppedCount);
        Assert.AreEqual(63, queue.Count);
        CollectionAssert.AreEqual(Enumerable.Range(37, 63).ToArray(), Take(queue, 100));
    }

    [TestMethod]
    public void TornRecordAtTheEndIsSkippedAndNewRecordsStayReadable()
    {
        var store = new MemoryStore();
        var queue = new FlashQueue(store, 65536, null);
        for (int i = 0; i < 5; i++)
        {
            queue.Append(0, Payload(i, 30), 0, 30);
        }

        // Power cut in the middle of the fifth append: 20 of its 38 bytes reached flash.
        byte[] segment = store.ReadAll(FirstSegment);
        store.WriteAll(FirstSegment, segment, 0, segment.Length - 18);

        var reopened = new FlashQueue(store, 65536, null);
        reopened.Append(0, Payload(5, 30), 0, 30);
        var drained = Take(reopened, 100);

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 5 }, drained);
        Assert.AreEqual(1, reopened.CorruptCount, "the torn record is counted");
    }

    [TestMethod]
    public void RecordFailingItsCrcIsSkippedAndCounted()
    {
        var store = new MemoryStore();
        var queue = new FlashQueue(store, 65536, null);
        for (int i = 0; i < 4; i++)
        {
            queue.Append(0, Payload(i, 30), 0, 30);
        }

        byte[] segment = store.ReadAll(FirstSegment);
        segment[(38 * 2) + 8 + 5] ^= 0x10;
        store.WriteAll(FirstSegment, segment, 0, segment.Length);

        CollectionAssert.AreEqual(new[] { 0, 1, 3 }, Take(queue, 100));
        Assert.AreEqual(1, queue.CorruptCount);
    }

    [TestMethod]
    public void UnreadableHeaderSkipsTheRestOfItsSegmentOnly()
    {
        var store = new MemoryStore();
        var queue = new FlashQueue(store, 65536, null);
        for (int i = 0; i < 150; i++)
        {
            queue.Append(0, Payload(i, 30), 0, 30);
        }

        // 38-byte records: 107 per segment. Destroy record 3's magic byte.
        byte[] segment = store.ReadAll(FirstSegment);
        segment[38 * 3] = 0x00;
        store.WriteAll(FirstSegment, segment, 0, segment.Length);

        var drained = Take(queue, 1000);

        CollectionAssert.AreEqual(new[] { 0, 1, 2 }.Concat(Enumerable.Range(107, 43)).ToArray(), drained);
        Assert.AreEqual(1, queue.CorruptCount);
    }

    [TestMethod]
    public void GarbageIndexStartsAnEmptyQueueWithoutCrashing()
    {
        var store = new MemoryStore();
        var queue = new FlashQueue(store, 65536, null);
        queue.Append(0, Payload(1, 10), 0, 10);
        store.WriteAll("q.idx", new byte[] { 1, 2, 3 }, 0, 3);

        var reopened = new FlashQueue(store, 65536, null);
        reopened.Append(0, Payload(2, 10), 0, 10);

        Assert.AreEqual(1, reopened.CorruptCount);
        CollectionAssert.AreEqual(new[] { 2 }, Take(reopened, 10));
    }

    [TestMethod]
    public void AnIndexWithAValidCrcButAnImpossibleSpanIsCorruptAndRebuiltInBoundedWork()
    {
        // Issue 17, defect 5: first segment 2, last segment 0 (CRC-32 correct), so last - first wraps
        // to ~2^32 segments and the boot never ended.
        var flash = new MemoryStore();
        new FlashQueue(flash, 65536, null).Append(0, Payload(1, 10), 0, 10);
        byte[] index = Convert.FromHexString("51000000020000000000000000F59E80F0");
        flash.WriteAll("q.idx", index, 0, index.Length);

        var store = new PowerCutStore(flash, maxOperations: 2000);
        var reopened = new FlashQueue(store, 65536, null);
        reopened.Append(0, Payload(2, 10), 0, 10);

        Assert.AreEqual(1, reopened.CorruptCount, "an impossible index is counted as damage");
        CollectionAssert.AreEqual(new[] { 2 }, Take(reopened, 10), "and the queue starts again, usable");
    }

    [TestMethod]
    public void AnIndexWithAReadOffsetPastAnySegmentIsCorrupt()
    {
        var flash = new MemoryStore();
        new FlashQueue(flash, 65536, null).Append(0, Payload(1, 10), 0, 10);
        byte[] index = [0x51, 0, 0, 0, 0, 0, 0, 0x20, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(index.AsSpan(13), Crc32.Compute(index, 0, 13));
        flash.WriteAll("q.idx", index, 0, index.Length);

        var reopened = new FlashQueue(new PowerCutStore(flash, maxOperations: 2000), 65536, null);

        Assert.AreEqual(1, reopened.CorruptCount);
        Assert.AreEqual(0, reopened.Count);
    }

    [TestMethod]
    public void ATornTailIsCountedAtBootNotWhenABacklogReachesIt()
    {
        // Issue 17, defect 7: the status showed queue_corrupt: 0 until a later drain met the torn record.
        var store = new MemoryStore();
        var queue = new FlashQueue(store, 65536, null);
        for (int i = 0; i < 3; i++)
        {
            queue.Append(0, Payload(i, 30), 0, 30);
        }

        byte[] segment = store.ReadAll(FirstSegment);
        store.WriteAll(FirstSegment, segment, 0, segment.Length - 7);

        var reopened = new FlashQueue(store, 65536, null);

        Assert.AreEqual(1, reopened.CorruptCount, "counted when found");
        Assert.AreEqual(2, reopened.Count);
        CollectionAssert.AreEqual(new[] { 0, 1 }, Take(reopened, 10));
        Assert.AreEqual(1, reopened.CorruptCount, "and not once more when the drain passes the place");
    }

    private static byte[] Payload(int number, int length)
    {
        var payload = new byte[length];
        payload[0] = (byte)(number >> 8);
        payload[1] = (byte)number;
        for (int i = 2; i < length; i++)
        {
            payload[i] = (byte)(number + i);
        }

        return payload;
    }

    private static int[] Take(FlashQueue queue, int max)
    {
        var numbers = new List<int>();
        var buffer = new byte[FlashQueue.MaxPayloadLength];
        while (numbers.Count < max)
        {
            int length = queue.Peek(buffer, out _);
            if (length < 0)
            {
                break;
            }

            int number = (buffer[0] << 8) | buffer[1];
            CollectionAssert.AreEqual(Payload(number, length), buffer[..length], $"record {number} intact");
            numbers.Add(number);
            queue.Remove();
        }

        return numbers.ToArray();
    }
}
