using System.Buffers.Binary;
using System.Text;
using CityEdge.Host.Audio;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>
/// WAV files as `cityedge replay noise` opens them (WavFileSource). Valid files are written here from the
/// RIFF/WAVE layout (Microsoft "Multimedia Programming Interface and Data Specifications 1.0", RIFF chunks
/// with word-aligned bodies; WAVEFORMATEXTENSIBLE with the PCM sub-format GUID): mono integer PCM, 16/24/32
/// bits, 16–48 kHz, with optional LIST chunks of odd length before and after the format chunk.
/// </summary>
public static class WavFuzz
{
    public const string Oracle = "opens or throws WavFormatException (message under 300 characters, offset inside the file); an intact file opens with its rate and bits and reads back exactly its samples, left-justified; any file that opens reads exactly SampleCount samples";

    private static readonly byte[] PcmSubFormat = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private static readonly Gen<WavSpec> Spec = Gen.Select(
        Gen.Int[16000, 48000], Gen.Int[2, 4].Select(bytes => bytes * 8), Gen.Bool, Gen.Int[-1, 9], Gen.Int[-1, 9], Gen.Int.Array[0, 40],
        (rate, bits, extensible, listBefore, listAfter, samples) => new WavSpec(rate, bits, extensible, listBefore, listAfter, samples));

    public static readonly Gen<WavCase> Inputs = Spec.SelectMany(spec => FuzzBytes.Around(Gen.Const(Write(spec)), 96).Select(bytes => new WavCase(spec, bytes)));

    public static void Check(WavCase wav)
    {
        FuzzBytes input = wav.File;
        WavFileSource source;
        try
        {
            source = WavFileSource.Open(new MemoryStream(input.Bytes, writable: false));
        }
        catch (WavFormatException ex) when (!input.Intact)
        {
            if (ex.Message.Length >= 300 || ex.Offset < 0 || ex.Offset > input.Bytes.Length)
            {
                throw new InvalidOperationException($"error at offset {ex.Offset} of {input.Bytes.Length} bytes, {ex.Message.Length} characters: {ex.Message[..Math.Min(ex.Message.Length, 120)]}");
            }

            return;
        }

        using (source)
        {
            var samples = new List<int>();
            var buffer = new int[7];
            for (int n; (n = source.Read(buffer, 0, buffer.Length)) > 0;)
            {
                samples.AddRange(buffer.Take(n));
            }

            if (samples.Count != source.SampleCount)
            {
                throw new InvalidOperationException($"read {samples.Count} samples, SampleCount says {source.SampleCount}");
            }

            if (input.Intact)
            {
                WavSpec spec = wav.Spec;
                var expected = spec.Samples.Select(s => LeftJustified(s, spec.Bits)).ToArray();
                if (source.SampleRateHz != spec.RateHz || source.BitsPerSample != spec.Bits || !samples.SequenceEqual(expected))
                {
                    throw new InvalidOperationException($"intact file ({spec}) read as {source.SampleRateHz} Hz, {source.BitsPerSample} bits, {samples.Count} samples");
                }
            }
        }
    }

    /// <summary>A sample of <paramref name="bits"/> bits (taken from the low bits of <paramref name="value"/>) as the I2S HAL gives it: left-justified in 32 bits.</summary>
    private static int LeftJustified(int value, int bits) => value << (32 - bits);

    private static byte[] Write(WavSpec spec)
    {
        int bytesPerSample = spec.Bits / 8;
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(0);
        w.Write("WAVE"u8);
        WriteList(w, spec.ListBefore);
        w.Write("fmt "u8);
        w.Write(spec.Extensible ? 40 : 16);
        w.Write((ushort)(spec.Extensible ? 0xFFFE : 1));
        w.Write((ushort)1);
        w.Write(spec.RateHz);
        w.Write(spec.RateHz * bytesPerSample);
        w.Write((ushort)bytesPerSample);
        w.Write((ushort)spec.Bits);
        if (spec.Extensible)
        {
            w.Write((ushort)22);
            w.Write((ushort)spec.Bits);
            w.Write(4);
            w.Write(PcmSubFormat);
        }

        WriteList(w, spec.ListAfter);
        w.Write("data"u8);
        w.Write(spec.Samples.Length * bytesPerSample);
        foreach (int sample in spec.Samples)
        {
            for (int b = 0; b < bytesPerSample; b++)
            {
                w.Write((byte)(sample >> (8 * b)));
            }
        }

        w.Flush();
        byte[] file = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        return file;
    }

    /// <summary>A LIST chunk of <paramref name="length"/> body bytes (none when negative), padded to an even length.</summary>
    private static void WriteList(BinaryWriter w, int length)
    {
        if (length < 0)
        {
            return;
        }

        w.Write("LIST"u8);
        w.Write(length);
        w.Write(Encoding.ASCII.GetBytes(new string('i', length)));
        if ((length & 1) != 0)
        {
            w.Write((byte)0);
        }
    }
}

/// <summary>A file made from <see cref="Spec"/>, intact or changed.</summary>
public sealed record WavCase(WavSpec Spec, FuzzBytes File)
{
    public override string ToString() => Spec + ": " + File;
}

/// <summary>What a generated WAV file holds.</summary>
public sealed record WavSpec(int RateHz, int Bits, bool Extensible, int ListBefore, int ListAfter, int[] Samples)
{
    public override string ToString() => $"{RateHz} Hz, {Bits} bits{(Extensible ? ", extensible" : "")}, {Samples.Length} samples";
}
