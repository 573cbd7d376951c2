using CityEdge.Hal;
using CityEdge.Noise;

namespace CityEdge.Host.Audio;

/// <summary>One interval's levels from a replayed recording, dB SPL (A-weighted).</summary>
public sealed record NoiseIntervalLevels(
    int Index,
    double StartS,
    double DurationS,
    double LaeqDb,
    double LafmaxDb,
    double LafminDb,
    double La10Db,
    double La50Db,
    double La90Db,
    bool RangeFlag);

/// <summary>
/// Runs recorded audio through the node's own level engine (<see cref="SoundLevelMeter"/> and
/// <see cref="LevelStatistics"/> from the portable core, the code the ESP32 runs) continuously, one
/// result per interval, so a recording measured with a reference meter can be compared with what a
/// node would report.
/// </summary>
public static class NoiseReplay
{
    public static IEnumerable<NoiseIntervalLevels> Run(IAudioBlockSource source, float sensitivityDbfs, float offsetDb, float validMinDb, float validMaxDb, int intervalS)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalS, 1);
        var meter = new SoundLevelMeter(source.SampleRateHz, sensitivityDbfs, offsetDb);
        var statistics = new LevelStatistics(validMinDb, validMaxDb);
        var block = new int[4096];
        long intervalSamples = (long)intervalS * source.SampleRateHz;
        long inInterval = 0;
        long total = 0;
        int index = 0;
        while (true)
        {
            int want = (int)Math.Min(block.Length, intervalSamples - inInterval);
            int n = source.Read(block, 0, want);
            if (n > 0)
            {
                meter.Process(block, 0, n, statistics);
                inInterval += n;
                total += n;
            }

            if (inInterval == intervalSamples || (n == 0 && inInterval > 0))
            {
                // A last interval shorter than Fast's 125 ms memory holds no usable level.
                if (statistics.HasLevels)
                {
                    yield return Levels(index, (double)(total - inInterval) / source.SampleRateHz, (double)inInterval / source.SampleRateHz, statistics);
                }

                index++;
                statistics.Reset();
                inInterval = 0;
            }

            if (n == 0)
            {
                yield break;
            }
        }
    }

    private static NoiseIntervalLevels Levels(int index, double startS, double durationS, LevelStatistics s) => new(
        index,
        startS,
        durationS,
        Math.Round(s.LaeqDb, 1),
        Math.Round(s.LafmaxDb, 1),
        Math.Round(s.LafminDb, 1),
        s.ExceedanceLevelDb(10),
        s.ExceedanceLevelDb(50),
        s.ExceedanceLevelDb(90),
        s.OutOfRangeCount > 0);
}
