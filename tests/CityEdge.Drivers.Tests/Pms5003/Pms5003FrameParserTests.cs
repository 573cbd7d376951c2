using CityEdge.Drivers.Pms5003;

namespace CityEdge.Drivers.Tests.Pms5003;

[TestClass]
public sealed class Pms5003FrameParserTests
{
    // Hand-built from the data manual's Appendix I layout; check code 0x02C1 = sum of the 30 bytes before it.
    private const string ManualLayoutFrame =
        "42 4D 00 1C 00 05 00 08 00 0A 00 04 00 07 00 09 04 B0 01 5E 00 3C 00 08 00 02 00 01 91 00 02 C1";

    private static int PushAll(Pms5003FrameParser parser, byte[] bytes)
    {
        int frames = 0;
        foreach (byte b in bytes)
        {
            frames += parser.Push(b) ? 1 : 0;
        }

        return frames;
    }

    [TestMethod]
    public void Reads_every_word_of_a_frame_laid_out_as_in_the_data_manual()
    {
        var parser = new Pms5003FrameParser();

        Assert.AreEqual(1, PushAll(parser, Frames.Hex(ManualLayoutFrame)));

        var f = parser.Frame;
        Assert.AreEqual(5, f.Pm1_0StandardUgM3);
        Assert.AreEqual(8, f.Pm2_5StandardUgM3);
        Assert.AreEqual(10, f.Pm10StandardUgM3);
        Assert.AreEqual(4, f.Pm1_0AtmosphericUgM3);
        Assert.AreEqual(7, f.Pm2_5AtmosphericUgM3);
        Assert.AreEqual(9, f.Pm10AtmosphericUgM3);
        Assert.AreEqual(1200, f.Count0_3um);
        Assert.AreEqual(350, f.Count0_5um);
        Assert.AreEqual(60, f.Count1_0um);
        Assert.AreEqual(8, f.Count2_5um);
        Assert.AreEqual(2, f.Count5_0um);
        Assert.AreEqual(1, f.Count10um);
        Assert.AreEqual(0x9100, f.Reserved);
        Assert.AreEqual(1, parser.FramesOk);
        Assert.AreEqual(0, parser.FaultCount);
        Assert.AreEqual(0, parser.BytesSkipped);
    }

    [TestMethod]
    public void Resynchronises_after_garbage_including_false_start_characters()
    {
        var parser = new Pms5003FrameParser();
        byte[] garbage = [0x00, 0xFF, 0x42, 0x42, 0x13, 0x4D, 0x42];

        int frames = PushAll(parser, Frames.Concat(garbage, Frames.Atmospheric(3, 12, 20)));

        Assert.AreEqual(1, frames);
        Assert.AreEqual(12, parser.Frame.Pm2_5AtmosphericUgM3);
        Assert.AreEqual(garbage.Length, parser.BytesSkipped);
        Assert.AreEqual(0, parser.FaultCount);
    }

    [TestMethod]
    public void A_bad_check_code_is_counted_and_the_next_frame_is_kept()
    {
        var parser = new Pms5003FrameParser();
        byte[] corrupt = Frames.Atmospheric(3, 12, 20);
        corrupt[13] ^= 0x10; // PM2.5 atmospheric low byte flipped in transit

        int frames = PushAll(parser, Frames.Concat(corrupt, Frames.Atmospheric(4, 15, 22)));

        Assert.AreEqual(1, frames);
        Assert.AreEqual(15, parser.Frame.Pm2_5AtmosphericUgM3);
        Assert.AreEqual(1, parser.ChecksumErrors);
        Assert.AreEqual(0, parser.LengthErrors);
        Assert.AreEqual(0, parser.TruncatedFrames);
        Assert.AreEqual(32, parser.BytesSkipped);
    }

    [TestMethod]
    public void A_wrong_length_field_is_counted_and_the_next_frame_is_kept()
    {
        var parser = new Pms5003FrameParser();
        byte[] wrong = Frames.Atmospheric(3, 12, 20);
        wrong[3] = 29;

        int frames = PushAll(parser, Frames.Concat(wrong, Frames.Atmospheric(4, 15, 22)));

        Assert.AreEqual(1, frames);
        Assert.AreEqual(22, parser.Frame.Pm10AtmosphericUgM3);
        Assert.AreEqual(1, parser.LengthErrors);
        Assert.AreEqual(0, parser.ChecksumErrors);
        Assert.AreEqual(32, parser.BytesSkipped);
    }

    [TestMethod]
    public void A_frame_cut_short_by_the_next_one_is_counted_as_truncated()
    {
        var parser = new Pms5003FrameParser();
        byte[] cut = Frames.Atmospheric(3, 12, 20)[..20];

        int frames = PushAll(parser, Frames.Concat(cut, Frames.Atmospheric(4, 15, 22)));

        Assert.AreEqual(1, frames);
        Assert.AreEqual(15, parser.Frame.Pm2_5AtmosphericUgM3);
        Assert.AreEqual(1, parser.TruncatedFrames);
        Assert.AreEqual(0, parser.ChecksumErrors);
        Assert.AreEqual(20, parser.BytesSkipped);
    }

    [TestMethod]
    public void A_truncated_tail_at_the_end_of_a_capture_is_counted()
    {
        var parser = new Pms5003FrameParser();

        int frames = PushAll(parser, Frames.Concat(Frames.Atmospheric(4, 15, 22), Frames.Atmospheric(5, 16, 23)[..10]));
        Assert.AreEqual(10, parser.PendingBytes);
        parser.EndOfStream();

        Assert.AreEqual(1, frames);
        Assert.AreEqual(1, parser.TruncatedFrames);
        Assert.AreEqual(10, parser.BytesSkipped);
        Assert.AreEqual(0, parser.PendingBytes);
    }

    [TestMethod]
    public void A_command_acknowledgement_is_recognised_not_counted_as_a_fault()
    {
        var parser = new Pms5003FrameParser();

        // Answer to "change to passive mode": 42 4D 00 04 E1 00, check 0x0174.
        int frames = PushAll(parser, Frames.Hex("42 4D 00 04 E1 00 01 74"));

        Assert.AreEqual(0, frames);
        Assert.AreEqual(1, parser.AckFrames);
        Assert.AreEqual(0xE1, parser.LastAckCommand);
        Assert.AreEqual(0, parser.FaultCount);
        Assert.AreEqual(0, parser.BytesSkipped);
    }

    [TestMethod]
    public void A_data_frame_buffered_behind_an_acknowledgement_inside_a_failed_window_is_kept()
    {
        // Issue 17, defect 4: a data header cut short, an acknowledgement, then a good data frame
        // (PM2.5 atmospheric 0x2A; check code 0x42 + 0x4D + 0x1C + 0x2A = 0x00D5). The failed
        // window of the first header already holds the ack and 20 bytes of the good frame.
        var parser = new Pms5003FrameParser();
        byte[] stream = Frames.Hex("424D001C 424D0004E1000174 424D001C0000000000000000002A0000000000000000000000000000000000D5");

        int frames = PushAll(parser, stream);

        Assert.AreEqual(1, frames);
        Assert.AreEqual(42, parser.Frame.Pm2_5AtmosphericUgM3);
        Assert.AreEqual(1, parser.AckFrames);
        Assert.AreEqual(0xE1, parser.LastAckCommand);
        Assert.AreEqual(1, parser.TruncatedFrames);
        Assert.AreEqual(4, parser.BytesSkipped, "only the cut-short header is skipped");
        Assert.AreEqual(0, parser.PendingBytes);
    }

    [TestMethod]
    public void Every_fault_in_one_stream_is_counted_once_and_every_good_frame_is_read()
    {
        var parser = new Pms5003FrameParser();
        byte[] badSum = Frames.Atmospheric(1, 2, 3);
        badSum[31] ^= 0x01;
        byte[] badLength = Frames.Atmospheric(1, 2, 3);
        badLength[2] = 0x01;
        byte[] stream = Frames.Concat(
            [0x11, 0x22],
            Frames.Atmospheric(10, 11, 12),
            badSum,
            Frames.Atmospheric(20, 21, 22),
            badLength,
            Frames.Atmospheric(30, 31, 32)[..17],
            Frames.Atmospheric(40, 41, 42));
        var pm2_5 = new List<int>();
        foreach (byte b in stream)
        {
            if (parser.Push(b))
            {
                pm2_5.Add(parser.Frame.Pm2_5AtmosphericUgM3);
            }
        }

        CollectionAssert.AreEqual(new[] { 11, 21, 41 }, pm2_5);
        Assert.AreEqual(3, parser.FramesOk);
        Assert.AreEqual(1, parser.ChecksumErrors);
        Assert.AreEqual(1, parser.LengthErrors);
        Assert.AreEqual(1, parser.TruncatedFrames);
        Assert.AreEqual(2 + 32 + 32 + 17, parser.BytesSkipped);
    }

    [TestMethod]
    public void Parsing_ten_thousand_frames_allocates_nothing()
    {
        var parser = new Pms5003FrameParser();
        byte[] stream = Frames.Concat(Enumerable.Range(0, 100).Select(i => Frames.Atmospheric(i, i + 1, i + 2)).ToArray());
        PushAll(parser, stream); // JIT and first-use allocations happen here, not in the measurement

        long before = GC.GetAllocatedBytesForCurrentThread();
        int frames = 0;
        for (int round = 0; round < 100; round++)
        {
            for (int i = 0; i < stream.Length; i++)
            {
                frames += parser.Push(stream[i]) ? 1 : 0;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"PMS5003 parser: {allocated} bytes allocated over {frames} frames");
        Assert.AreEqual(10000, frames);
        Assert.AreEqual(0L, allocated);
    }
}
