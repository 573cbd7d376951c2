using CityEdge.Drivers.Pms5003;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>
/// The PMS5003/7003 UART byte stream (Pms5003FrameParser): frames, acknowledgements, cut-short and
/// corrupted frames and noise, pushed byte by byte. The oracle is an independent reference: scan the
/// whole stream left to right and take a frame wherever a complete one with a known length and a
/// matching check code starts (Plantower data manual V2.3, Appendix I), else move one byte on; a
/// frame start still incomplete when the stream ends holds the rest (a live UART would bring more).
/// </summary>
public static class Pms5003Fuzz
{
    public const string Oracle = "never throws; finds exactly the data frames and acknowledgements a left-to-right scan of the whole stream finds, in order, with the same words; every byte is counted once (frame, skipped or pending)";

    private static readonly Gen<byte[]> Chunk = Gen.Frequency(
        (6, Gen.Byte.Array[26].Select(DataFrame)),
        (1, Gen.Byte.Array[2].Select(AckFrame)),
        (2, Gen.Select(Gen.Byte.Array[26], Gen.Int[1, 31], (words, cut) => DataFrame(words)[..cut])),
        (2, Gen.Select(Gen.Byte.Array[26], Gen.Int[0, 31], Gen.Byte, (words, at, value) => Corrupt(DataFrame(words), at, value))),
        (2, Gen.Byte.Array[0, 12]),
        (1, Gen.Const(new byte[] { 0x42, 0x4D, 0x00, 0x1C })));

    public static readonly Gen<byte[]> Inputs = Chunk.Array[0, 12].Select(chunks => chunks.SelectMany(c => c).ToArray());

    public static void Check(byte[] stream)
    {
        var parser = new Pms5003FrameParser();
        var found = new List<int[]>();
        foreach (byte b in stream)
        {
            if (parser.Push(b))
            {
                found.Add(Enumerable.Range(1, Pms5003Frame.WordCount).Select(parser.Frame.GetWord).ToArray());
            }
        }

        int pending = parser.PendingBytes;
        parser.EndOfStream();
        var (frames, acks) = Scan(stream);
        if (found.Count != frames.Count || !found.Zip(frames).All(p => p.First.SequenceEqual(p.Second)) || parser.AckFrames != acks)
        {
            throw new InvalidOperationException($"parser: {found.Count} frame(s), {parser.AckFrames} ack(s); reference scan: {frames.Count}, {acks}");
        }

        long inFrames = (32L * parser.FramesOk) + (8L * parser.AckFrames);
        if (parser.FramesOk != found.Count || inFrames + parser.BytesSkipped != stream.Length || parser.PendingBytes != 0 || pending > 31)
        {
            throw new InvalidOperationException($"bytes: {inFrames} in frames + {parser.BytesSkipped} skipped != {stream.Length}");
        }
    }

    /// <summary>The reference: the data frames (words) and acknowledgements in the stream, leftmost first.</summary>
    private static (List<int[]> Frames, int Acks) Scan(byte[] s)
    {
        var frames = new List<int[]>();
        int acks = 0;
        int i = 0;
        while (i < s.Length)
        {
            bool start = s[i] == 0x42 && (i + 1 == s.Length || s[i + 1] == 0x4D);
            int length = !start ? 0 : i + 3 >= s.Length ? -1 : ((s[i + 2] << 8) | s[i + 3]) switch { 28 => 32, 4 => 8, _ => 0 };
            if (length < 0 || (length > 0 && i + length > s.Length))
            {
                break;
            }

            if (length > 0 && CheckCode(s, i, length))
            {
                if (length == 32)
                {
                    frames.Add(Enumerable.Range(0, Pms5003Frame.WordCount).Select(w => (s[i + 4 + (2 * w)] << 8) | s[i + 5 + (2 * w)]).ToArray());
                }
                else
                {
                    acks++;
                }

                i += length;
            }
            else
            {
                i++;
            }
        }

        return (frames, acks);
    }

    private static bool CheckCode(byte[] s, int start, int length)
    {
        int sum = 0;
        for (int k = start; k < start + length - 2; k++)
        {
            sum += s[k];
        }

        return (sum & 0xFFFF) == ((s[start + length - 2] << 8) | s[start + length - 1]);
    }

    private static byte[] DataFrame(byte[] words) => WithCheckCode([0x42, 0x4D, 0x00, 0x1C, .. words, 0, 0]);

    private static byte[] AckFrame(byte[] body) => WithCheckCode([0x42, 0x4D, 0x00, 0x04, .. body, 0, 0]);

    private static byte[] WithCheckCode(byte[] frame)
    {
        int sum = frame.Take(frame.Length - 2).Sum(b => b);
        frame[^2] = (byte)(sum >> 8);
        frame[^1] = (byte)sum;
        return frame;
    }

    private static byte[] Corrupt(byte[] frame, int at, byte value)
    {
        frame[at] = value;
        return frame;
    }
}
