using System.Text;
using CityEdge.Link;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>Command acks as the command centre receives them (CommandAck.Decode), and the node's encoder of them.</summary>
public static class AckFuzz
{
    public const string Oracle = "decodes (only with a matching MAC) or is refused, never throws; a decoded ack re-encodes to its exact bytes (its detail is well-formed UTF-8 cut between characters); every encoded ack decodes";

    private static readonly byte[] Key = Enumerable.Range(0x20, CommandFrame.KeyLength).Select(i => (byte)i).ToArray();

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static readonly string[] Pieces = ["line 3: report.period_s: 5 is outside 10..3600", "; ", "é", "€", "\U0001F6A6", "ok", " (+12 more)", "\0", "\uFFFD"];

    public static readonly Gen<FuzzBytes> Inputs = FuzzBytes.Around(Gen.Byte.Array[12, 80].Select(ValidAck), 300);

    public static void Check(FuzzBytes input)
    {
        byte[] bytes = input.Bytes;
        CommandAck signed = CommandAck.Decode(bytes, Key);
        if (signed == null && input.Intact)
        {
            throw new InvalidOperationException("an ack the node encoded does not decode");
        }

        if (signed != null && !bytes.AsSpan().SequenceEqual(signed.Encode(Key)))
        {
            throw new InvalidOperationException("re-encodes to " + Convert.ToHexString(signed.Encode(Key)));
        }

        // Without a key, any layout-valid ack: one whose detail is well-formed UTF-8 re-encodes to its signed
        // bytes (a malformed one decodes with U+FFFD in place of the bad bytes, as UTF8Encoding does).
        CommandAck layout = CommandAck.Decode(bytes, null);
        int signedLength = bytes.Length - CommandFrame.MacLength;
        if (layout != null && IsUtf8(bytes, 12, signedLength - 12))
        {
            byte[] again = layout.Encode(null);
            if (!again.AsSpan(0, again.Length - CommandFrame.MacLength).SequenceEqual(bytes.AsSpan(0, signedLength)))
            {
                throw new InvalidOperationException("layout re-encodes to " + Convert.ToHexString(again));
            }
        }
    }

    /// <summary>An ack the node would send, its detail made of error-text pieces and multi-byte characters.</summary>
    public static byte[] ValidAck(byte[] bytes)
    {
        var m = new Material(bytes);
        var detail = new StringBuilder();
        for (int pieces = m.Int(0, 12); pieces > 0; pieces--)
        {
            detail.Append(Pieces[m.Int(0, Pieces.Length - 1)]);
        }

        return new CommandAck { Action = m.Int(0, 255), Counter = (ulong)m.Int(0, int.MaxValue), Result = m.Int(0, 9), Detail = detail.ToString() }.Encode(Key);
    }

    private static bool IsUtf8(byte[] bytes, int offset, int count)
    {
        try
        {
            StrictUtf8.GetString(bytes, offset, count);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
