using CityEdge.Noise;

namespace CityEdge.Core.Tests.Noise;

/// <summary>Test signals as the HAL delivers them: left-justified 32-bit PCM.</summary>
internal static class Signals
{
    public const double FullScale = 2147483648.0;

    /// <summary>A sensitivity of -26 dBFS puts a full-scale sine (0 dBFS) at 94 + 26 = 120 dB SPL.</summary>
    public const float SensitivityDbfs = -26f;

    public const double FullScaleSineDb = 120.0;

    /// <summary>Fills <paramref name="buffer"/> with a sine of peak <paramref name="amplitude"/> (fraction of
    /// full scale) continuing at sample index <paramref name="start"/>.</summary>
    public static void Sine(int[] buffer, int count, double frequencyHz, int sampleRateHz, double amplitude, long start)
    {
        double w = 2 * Math.PI * frequencyHz / sampleRateHz;
        for (int i = 0; i < count; i++)
        {
            buffer[i] = (int)Math.Round(amplitude * (FullScale - 256) * Math.Sin(w * (start + i)));
        }
    }

    /// <summary>Runs <paramref name="seconds"/> of a sine through the meter in 1024-sample blocks.</summary>
    public static long FeedSine(SoundLevelMeter meter, LevelStatistics into, double frequencyHz, double amplitude, double seconds, long start)
    {
        var block = new int[1024];
        long total = (long)(seconds * meter.SampleRateHz);
        long done = 0;
        while (done < total)
        {
            int n = (int)Math.Min(block.Length, total - done);
            Sine(block, n, frequencyHz, meter.SampleRateHz, amplitude, start + done);
            meter.Process(block, 0, n, into);
            done += n;
        }

        return start + done;
    }

    public static void FeedSilence(SoundLevelMeter meter, LevelStatistics into, double seconds)
    {
        var block = new int[1024];
        long total = (long)(seconds * meter.SampleRateHz);
        for (long done = 0; done < total; done += block.Length)
        {
            meter.Process(block, 0, (int)Math.Min(block.Length, total - done), into);
        }
    }

    /// <summary>Peak amplitude (fraction of full scale) of a sine at <paramref name="levelDb"/> SPL.</summary>
    public static double AmplitudeFor(double levelDb) => Math.Pow(10, (levelDb - FullScaleSineDb) / 20);
}
