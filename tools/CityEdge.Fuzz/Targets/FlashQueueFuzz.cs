using CityEdge.Host.Simulation;
using CityEdge.Link;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>
/// Flash queue recovery at boot (FlashQueue over whatever the flash holds): an index missing, garbage,
/// or with a valid CRC and any fields; segments of good, CRC-broken, header-broken and torn records in
/// any slots; any budget.
/// </summary>
public static class FlashQueueFuzz
{
    public const string Oracle = "opening and draining never throw and take bounded store work; only records written whole come out, each at most once; the queue ends empty and takes and returns a new record";

    /// <summary>Store calls allowed for one open and drain: 256 slot checks and a few thousand records are far below.</summary>
    private const int MaxStoreOperations = 100_000;

    public static readonly Gen<(byte[] Shape, int Budget)> Inputs = Gen.Select(Gen.Byte.Array[8, 256], Gen.Int[8192, 327680], (shape, budget) => (shape, budget));

    public static void Check((byte[] Shape, int Budget) input)
    {
        var flash = new MemoryStore();
        var written = Build(input.Shape, flash);
        var queue = new FlashQueue(new PowerCutStore(flash, maxOperations: MaxStoreOperations), input.Budget, null);
        var buffer = new byte[FlashQueue.MaxPayloadLength];
        for (int i = 0; ; i++)
        {
            int length = queue.Peek(buffer, out int kind);
            if (length < 0)
            {
                break;
            }

            string record = kind + ":" + Convert.ToHexString(buffer, 0, length);
            if (!written.TryGetValue(record, out int copies) || copies == 0)
            {
                throw new InvalidOperationException($"record {i} came out but was not written whole (or came more often than written): " + record);
            }

            written[record] = copies - 1;
            queue.Remove();
        }

        if (queue.Count != 0 || queue.CorruptCount < 0 || queue.DroppedCount < 0)
        {
            throw new InvalidOperationException($"drained, but Count {queue.Count}, corrupt {queue.CorruptCount}, dropped {queue.DroppedCount}");
        }

        byte[] fresh = [0xF0, 0x0D, 1, 2, 3];
        queue.Append(1, fresh, 0, fresh.Length);
        int back = queue.Peek(buffer, out int freshKind);
        if (back != fresh.Length || freshKind != 1 || !buffer.AsSpan(0, back).SequenceEqual(fresh))
        {
            throw new InvalidOperationException("a new record does not come back");
        }
    }

    /// <summary>Writes an index and segments shaped by <paramref name="shape"/>; returns how often each record ("kind:hex") was written whole.</summary>
    private static Dictionary<string, int> Build(byte[] shape, MemoryStore flash)
    {
        var m = new Material(shape);
        var whole = new Dictionary<string, int>();
        uint first = m.Chance(4) ? (uint)m.Int(0, 600) : (uint)m.Int(int.MinValue, int.MaxValue);
        uint last = m.Chance(5) ? first + (uint)m.Int(0, 3) : (uint)m.Int(int.MinValue, int.MaxValue);
        // 0 none, 1 cut short, 2 a flipped byte, else valid (its fields still anything).
        int indexKind = m.Int(0, 9);
        if (indexKind > 0)
        {
            byte[] index = new byte[17];
            index[0] = 0x51;
            BigEndian.WriteUInt32(index, 1, first);
            BigEndian.WriteUInt32(index, 5, (uint)(m.Chance(6) ? m.Int(0, 300) : m.Int(int.MinValue, int.MaxValue)));
            BigEndian.WriteUInt32(index, 9, last);
            BigEndian.WriteUInt32(index, 13, Crc32.Compute(index, 0, 13));
            if (indexKind == 2)
            {
                index[m.Int(0, 16)] ^= (byte)m.Int(1, 255);
            }

            flash.WriteAll("q.idx", index, 0, indexKind == 1 ? m.Int(0, 16) : 17);
        }

        for (int segments = m.Int(0, 4); segments > 0; segments--)
        {
            uint segment = m.Chance(6) ? first + (uint)m.Int(0, 3) : (uint)m.Int(0, 255);
            var content = new List<byte>();
            for (int records = m.Int(0, 6); records > 0; records--)
            {
                int kind = m.Int(0, 1);
                byte[] payload = new byte[m.Chance(7) ? m.Int(0, 40) : m.Int(0, 600)];
                for (int i = 0; i < payload.Length; i++)
                {
                    payload[i] = (byte)m.Byte();
                }

                byte[] record = new byte[8 + payload.Length];
                record[0] = FlashQueue.RecordMagic;
                record[1] = (byte)kind;
                BigEndian.WriteUInt16(record, 2, payload.Length);
                payload.CopyTo(record, 8);
                uint crc = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start(), record, 1, 3), payload, 0, payload.Length));
                BigEndian.WriteUInt32(record, 4, crc);
                bool damaged = m.Chance(1);
                if (damaged)
                {
                    record[m.Int(0, record.Length - 1)] ^= (byte)m.Int(1, 255);
                }
                else if (payload.Length <= FlashQueue.MaxPayloadLength)
                {
                    string key = kind + ":" + Convert.ToHexString(payload);
                    whole[key] = whole.GetValueOrDefault(key) + 1;
                }

                content.AddRange(record);
            }

            for (int junk = m.Chance(2) ? m.Int(1, 12) : 0; junk > 0; junk--)
            {
                content.Add((byte)m.Byte());
            }

            byte[] bytes = content.ToArray();
            flash.WriteAll("q" + (segment % FlashQueue.SegmentSlots) + ".seg", bytes, 0, bytes.Length);
        }

        return whole;
    }
}
