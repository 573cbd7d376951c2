using CityEdge.Hal;

namespace CityEdge.Drivers.Tests.I2sMemsMicrophone;

/// <summary>
/// An INMP441 on the I2S bus as the ESP32 delivers it: 24-bit two's complement in the top of a
/// 32-bit slot (datasheet: 24-bit data, MSB first, 32 SCK per word), at -26 dBFS for 94 dB SPL.
/// Plays a 1 kHz tone at a set level, continuously across reads.
/// </summary>
internal sealed class SimulatedI2sMicrophone(int sampleRateHz) : IAudioBlockSource
{
    private long _sample;

    public int SampleRateHz { get; } = sampleRateHz;

    /// <summary>Sound pressure level at the microphone, dB SPL.</summary>
    public double LevelDb { get; set; } = 60;

    /// <summary>While true the bus delivers nothing (no word clock: microphone unpowered).</summary>
    public bool Silent { get; set; }

    public int Read(int[] buffer, int offset, int count)
    {
        if (Silent)
        {
            return 0;
        }

        // dBFS = SPL - 94 + (-26); a sine's dBFS is 20·log10(peak / full scale).
        double peak24 = Math.Pow(10, (LevelDb - 94 - 26) / 20) * 8388607;
        double w = 2 * Math.PI * 1000 / SampleRateHz;
        for (int i = 0; i < count; i++)
        {
            int word24 = (int)Math.Round(peak24 * Math.Sin(w * _sample++));
            buffer[offset + i] = word24 << 8;
        }

        return count;
    }
}
