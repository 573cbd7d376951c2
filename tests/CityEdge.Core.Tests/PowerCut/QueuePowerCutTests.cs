using CityEdge.Link;

namespace CityEdge.Core.Tests.PowerCut;

/// <summary>
/// The store-and-forward queue with power cut at every write unit of a busy stretch: reports appended
/// (crossing into a new segment), some sent and removed, index saves, a flush. After each cut the next
/// boot drains what survived. Every report whose append had returned and that was not yet removed must
/// come back, intact and in order (0 lost); removed ones may come again, at most one index interval's
/// worth; and after the drain no segment is left holding flash (0 stranded).
/// </summary>
[TestClass]
public sealed class QueuePowerCutTests
{
    private const int Budget = 16384;
    private const int Reports = 64;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("contract")]
    [DataRow("raw")]
    public void NoStoredReportIsLostAtAnyCut(string model)
    {
        var empty = model == "contract" ? FlashImage.StoreContract() : FlashImage.RawFiles();
        var problems = new List<string>();
        var stored = new List<int>();
        var removed = new List<int>();
        int cuts = PowerCutSweep.Run(empty, image =>
        {
            stored.Clear();
            removed.Clear();
            var queue = new FlashQueue(image.Store, Budget, null);
            var buffer = new byte[FlashQueue.MaxPayloadLength];
            for (int id = 0; id < Reports; id++)
            {
                byte[] payload = Payload(id);
                queue.Append(0, payload, 0, payload.Length);
                stored.Add(id);
                if (id % 3 == 2)
                {
                    int length = queue.Peek(buffer, out _);
                    removed.Add(Id(buffer, length));
                    queue.Remove();
                }
            }

            queue.Flush();
        }, (survivor, cut) =>
        {
            var queue = new FlashQueue(survivor.Store, Budget, null);
            var delivered = Drain(queue, out string? bad);
            var lost = stored.Except(removed).Except(delivered).ToList();
            int resent = delivered.Intersect(removed).Count();
            int segments = Enumerable.Range(0, FlashQueue.SegmentSlots).Count(s => survivor.Store.GetLength("q" + s + ".seg") > 0);
            queue.Append(0, Payload(999), 0, Payload(999).Length);
            var after = Drain(queue, out string? badAfter);
            if (bad != null || badAfter != null || lost.Count > 0 || resent > FlashQueue.IndexSaveInterval
                || !delivered.SequenceEqual(delivered.Order()) || delivered.Distinct().Count() != delivered.Count
                || segments > 1 || !after.SequenceEqual([999]) || queue.DroppedCount != 0)
            {
                problems.Add($"cut {cut}: lost [{string.Join(",", lost)}], resent {resent}, delivered [{string.Join(",", delivered)}], "
                    + $"{segments} segment(s) left, afterwards [{string.Join(",", after)}] {bad}{badAfter}");
            }
        });

        TestContext.WriteLine($"{empty.Model}: {cuts} cut points, {problems.Count} with a lost, stranded or damaged report");
        Assert.IsTrue(cuts > 4096, "the stretch crosses a segment");
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems.Take(10)));
    }

    /// <summary>Report id in the first two bytes, then a pattern that shows any damage; 40..100 bytes.</summary>
    private static byte[] Payload(int id)
    {
        var payload = new byte[40 + ((id * 37) % 61)];
        payload[0] = (byte)(id >> 8);
        payload[1] = (byte)id;
        for (int i = 2; i < payload.Length; i++)
        {
            payload[i] = (byte)((id * 7) + i);
        }

        return payload;
    }

    private static int Id(byte[] buffer, int length) => length < 2 ? -1 : (buffer[0] << 8) | buffer[1];

    private static List<int> Drain(FlashQueue queue, out string? bad)
    {
        bad = null;
        var ids = new List<int>();
        var buffer = new byte[FlashQueue.MaxPayloadLength];
        while (ids.Count <= Reports + 1)
        {
            int length = queue.Peek(buffer, out _);
            if (length < 0)
            {
                break;
            }

            int id = Id(buffer, length);
            if (!buffer.AsSpan(0, length).SequenceEqual(Payload(id)))
            {
                bad = $"damaged record {id}";
            }

            ids.Add(id);
            queue.Remove();
        }

        queue.Flush();
        return ids;
    }
}
