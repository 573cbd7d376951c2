using System.Buffers.Binary;
using System.Text;
using CityEdge.Hal;

namespace CityEdge.Host.Audio;

/// <summary>
/// A mono integer PCM WAV file (RIFF/WAVE with a "fmt " chunk of format 1 = PCM, or 0xFFFE =
/// WAVE_FORMAT_EXTENSIBLE with the PCM sub-format; 16-, 24- or 32-bit; 16..48 kHz) read as an
/// <see cref="IAudioBlockSource"/>: samples come out left-justified in 32 bits, like the I2S HAL.
/// Streams the data chunk, so an hour at 48 kHz needs no more memory than a minute.
/// </summary>
public sealed class WavFileSource : IAudioBlockSource, IDisposable
{
    public const int MinSampleRateHz = 16000;
    public const int MaxSampleRateHz = 48000;

    /// <summary>WAVE_FORMAT_EXTENSIBLE's chunk is 40 bytes; anything far beyond is not a format chunk.</summary>
    private const int MaxFormatChunkBytes = 1024;

    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;

    // KSDATAFORMAT_SUBTYPE_PCM {00000001-0000-0010-8000-00aa00389b71}, as stored (little-endian GUID).
    private static readonly byte[] PcmSubFormat = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly Stream _stream;
    private readonly int _bytesPerSample;
    private readonly byte[] _bytes = new byte[4096 * 4];
    private long _remainingBytes;

    private WavFileSource(Stream stream, int sampleRateHz, int bitsPerSample, long dataOffset, long dataBytes)
    {
        _stream = stream;
        SampleRateHz = sampleRateHz;
        BitsPerSample = bitsPerSample;
        _bytesPerSample = bitsPerSample / 8;
        DataOffset = dataOffset;
        _remainingBytes = dataBytes;
        SampleCount = dataBytes / _bytesPerSample;
    }

    public int SampleRateHz { get; }

    public int BitsPerSample { get; }

    /// <summary>Samples in the data chunk.</summary>
    public long SampleCount { get; }

    /// <summary>Where the samples start in the file.</summary>
    public long DataOffset { get; }

    public static WavFileSource Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Open(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads and checks the headers; throws <see cref="WavFormatException"/> naming chunk, field and offset.</summary>
    public static WavFileSource Open(Stream stream)
    {
        var header = new byte[12];
        if (ReadFully(stream, header, 12) < 12)
        {
            throw new WavFormatException(0, "RIFF", "header", $"file has {stream.Length} bytes; a WAV file starts with a 12-byte RIFF header");
        }

        if (Encoding.ASCII.GetString(header, 0, 4) != "RIFF")
        {
            throw new WavFormatException(0, "RIFF", "chunk id", $"'{Printable(header, 0)}' is not 'RIFF' (RF64 and other containers are not supported)");
        }

        if (Encoding.ASCII.GetString(header, 8, 4) != "WAVE")
        {
            throw new WavFormatException(8, "RIFF", "form type", $"'{Printable(header, 8)}' is not 'WAVE'");
        }

        long position = 12;
        int sampleRate = 0;
        int bits = 0;
        bool haveFormat = false;
        var chunkHeader = new byte[8];
        while (true)
        {
            if (ReadFully(stream, chunkHeader, 8) < 8)
            {
                // A padded odd-length chunk at the very end leaves position one past the last byte.
                throw new WavFormatException(Math.Min(position, stream.Length), haveFormat ? "data" : "fmt ", "chunk", haveFormat ? "no 'data' chunk before the end of the file" : "no 'fmt ' chunk before the end of the file");
            }

            string id = Encoding.ASCII.GetString(chunkHeader, 0, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader.AsSpan(4));
            long body = position + 8;
            long available = stream.Length - body;
            if (size > available)
            {
                // Checked before anything is read or allocated: a size field is untrusted input.
                throw new WavFormatException(position + 4, Printable(chunkHeader, 0), "chunk size", $"says {size} bytes but only {available} follow (truncated file?)");
            }

            if (id == "fmt ")
            {
                (sampleRate, bits) = ReadFormat(stream, body, size);
                haveFormat = true;
            }
            else if (id == "data")
            {
                if (!haveFormat)
                {
                    throw new WavFormatException(position, "data", "order", "'data' chunk comes before the 'fmt ' chunk");
                }

                if (size % (bits / 8) != 0)
                {
                    throw new WavFormatException(position + 4, "data", "chunk size", $"{size} bytes is not a whole number of {bits / 8}-byte samples");
                }

                return new WavFileSource(stream, sampleRate, bits, body, size);
            }
            else
            {
                stream.Seek(size + (size & 1), SeekOrigin.Current);
            }

            position = body + size + (size & 1);
        }
    }

    public int Read(int[] buffer, int offset, int count)
    {
        int done = 0;
        while (done < count && _remainingBytes > 0)
        {
            int samples = (int)Math.Min(Math.Min(count - done, _bytes.Length / _bytesPerSample), _remainingBytes / _bytesPerSample);
            int bytes = ReadFully(_stream, _bytes, samples * _bytesPerSample);
            samples = bytes / _bytesPerSample;
            if (samples == 0)
            {
                break;
            }

            for (int i = 0; i < samples; i++)
            {
                int b = i * _bytesPerSample;
                buffer[offset + done + i] = _bytesPerSample switch
                {
                    2 => BinaryPrimitives.ReadInt16LittleEndian(_bytes.AsSpan(b)) << 16,
                    3 => (_bytes[b] << 8) | (_bytes[b + 1] << 16) | (_bytes[b + 2] << 24),
                    _ => BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(b)),
                };
            }

            done += samples;
            _remainingBytes -= samples * _bytesPerSample;
        }

        return done;
    }

    public void Dispose() => _stream.Dispose();

    private static (int SampleRate, int Bits) ReadFormat(Stream stream, long body, uint size)
    {
        if (size < 16 || size > MaxFormatChunkBytes)
        {
            throw new WavFormatException(body - 4, "fmt ", "chunk size", $"{size} bytes; a PCM format chunk has 16 to {MaxFormatChunkBytes}");
        }

        var fmt = new byte[size];
        if (ReadFully(stream, fmt, (int)size) < size)
        {
            throw new WavFormatException(body, "fmt ", "chunk", "file ends inside the format chunk");
        }

        if ((size & 1) != 0)
        {
            stream.Seek(1, SeekOrigin.Current);
        }

        ushort format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        ushort channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4));
        ushort blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(12));
        ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
        if (format == FormatExtensible)
        {
            if (size < 40)
            {
                throw new WavFormatException(body - 4, "fmt ", "chunk size", $"{size} bytes; a WAVE_FORMAT_EXTENSIBLE format chunk has 40 (its sub-format is bytes 24..39)");
            }

            if (!fmt.AsSpan(24, 16).SequenceEqual(PcmSubFormat))
            {
                throw new WavFormatException(body + 24, "fmt ", "sub-format", "WAVE_FORMAT_EXTENSIBLE file is not integer PCM (float and compressed audio are not supported)");
            }
        }
        else if (format != FormatPcm)
        {
            string name = format == 3 ? " (IEEE float)" : "";
            throw new WavFormatException(body, "fmt ", "audio format", $"{format}{name} is not integer PCM (1); convert the file to 16-, 24- or 32-bit integer PCM");
        }

        if (channels != 1)
        {
            throw new WavFormatException(body + 2, "fmt ", "channels", $"{channels} channels; only mono is supported (a node has one microphone)");
        }

        if (sampleRate < MinSampleRateHz || sampleRate > MaxSampleRateHz)
        {
            throw new WavFormatException(body + 4, "fmt ", "sample rate", $"{sampleRate} Hz is outside {MinSampleRateHz}..{MaxSampleRateHz} Hz");
        }

        if (bits != 16 && bits != 24 && bits != 32)
        {
            throw new WavFormatException(body + 14, "fmt ", "bits per sample", $"{bits}; only 16, 24 and 32 are supported");
        }

        if (blockAlign != bits / 8)
        {
            throw new WavFormatException(body + 12, "fmt ", "block align", $"{blockAlign} does not match 1 channel of {bits}-bit samples ({bits / 8})");
        }

        return ((int)sampleRate, bits);
    }

    private static int ReadFully(Stream stream, byte[] buffer, int count)
    {
        int done = 0;
        while (done < count)
        {
            int n = stream.Read(buffer, done, count - done);
            if (n == 0)
            {
                break;
            }

            done += n;
        }

        return done;
    }

    private static string Printable(byte[] bytes, int offset)
    {
        var chars = new char[4];
        for (int i = 0; i < 4; i++)
        {
            byte b = bytes[offset + i];
            chars[i] = b >= 32 && b < 127 ? (char)b : '?';
        }

        return new string(chars);
    }
}
