using System.Buffers.Binary;
using System.Text;

namespace CityEdge.Host.Tests.Noise;

/// <summary>Writes WAV files byte by byte from the RIFF/WAVE layout, so tests control every field.</summary>
internal static class TestWav
{
    public static byte[] Build(int sampleRate, int bits, int channels, ushort format, IReadOnlyList<double> samples, byte[]? extraChunk = null)
    {
        int bytesPerSample = bits / 8;
        var data = new byte[samples.Count * bytesPerSample * channels];
        for (int i = 0; i < samples.Count; i++)
        {
            long full = (1L << (bits - 1)) - 1;
            long value = (long)Math.Round(samples[i] * full);
            for (int c = 0; c < channels; c++)
            {
                int at = ((i * channels) + c) * bytesPerSample;
                for (int b = 0; b < bytesPerSample; b++)
                {
                    data[at + b] = (byte)(value >> (8 * b));
                }
            }
        }

        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(Encoding.ASCII.GetBytes("RIFF"));
        w.Write(0);
        w.Write(Encoding.ASCII.GetBytes("WAVE"));
        if (extraChunk != null)
        {
            w.Write(extraChunk);
        }

        w.Write(Encoding.ASCII.GetBytes("fmt "));
        w.Write(16);
        w.Write(format);
        w.Write((ushort)channels);
        w.Write(sampleRate);
        w.Write(sampleRate * bytesPerSample * channels);
        w.Write((ushort)(bytesPerSample * channels));
        w.Write((ushort)bits);
        w.Write(Encoding.ASCII.GetBytes("data"));
        w.Write(data.Length);
        w.Write(data);
        w.Flush();
        byte[] file = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        return file;
    }

    /// <summary>A sine of peak <paramref name="amplitude"/> (fraction of full scale) for <paramref name="seconds"/>.</summary>
    public static double[] Sine(double frequencyHz, int sampleRate, double amplitude, double seconds)
    {
        var samples = new double[(int)(sampleRate * seconds)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRate);
        }

        return samples;
    }
}
