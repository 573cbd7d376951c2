using CityEdge.Noise;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Noise;

/// <summary>LAeq, extremes and exceedance levels of synthetic signals with hand-computed levels.</summary>
[TestClass]
public sealed class LevelStatisticsTests
{
    [TestMethod]
    public void HalfScaleSineAt1kHzIsSensitivityPlusItsDbfs()
    {
        // Peak 0.5 of full scale is -6.02 dBFS; with -26 dBFS at 94 dB SPL: 94 + 26 - 6.02 = 113.98 dB.
        var meter = new SoundLevelMeter(48000, -26f, 0);
        var statistics = new LevelStatistics(0, 150);
        Signals.FeedSine(meter, statistics, 1000, 0.5, 2.0, 0);
        Assert.AreEqual(113.98, statistics.LaeqDb, 0.05);
        Assert.AreEqual(113.98, statistics.LafmaxDb, 0.05);
        Assert.AreEqual(113.98, statistics.LafminDb, 0.05);
        Assert.AreEqual(114.0, statistics.ExceedanceLevelDb(50), 0.05);
    }

    [TestMethod]
    public void CalibrationOffsetAndSensitivityShiftEveryLevel()
    {
        // -42 dBFS microphone (e.g. an analog-output MEMS part) and a +1.5 dB calibrator correction:
        // a -20 dBFS sine reads 94 + 42 - 20 + 1.5 = 117.5 dB.
        var meter = new SoundLevelMeter(16000, -42f, 1.5f);
        var statistics = new LevelStatistics(0, 150);
        Signals.FeedSine(meter, statistics, 1000, 0.1, 2.0, 0);
        Assert.AreEqual(117.5, statistics.LaeqDb, 0.05);
    }

    [TestMethod]
    public void ThreeLevelStreetHasHandComputedLaeqAndExceedanceLevels()
    {
        // 4 s at 60 dB, 2 s at 80 dB, 4 s at 70 dB (1 kHz, so A-weighting is 0 dB).
        // LAeq = 10·log10(0.4·10^6 + 0.2·10^8 + 0.4·10^7) = 10·log10(2.44·10^7) = 73.87 dB.
        // The Fast level is at or above 80 dB for about 15 % of the time, at or above 70 dB for
        // about 60 %, at or above 60 dB all the time: LA10 = 80, LA50 = 70, LA90 = 60.
        var meter = new SoundLevelMeter(32000, Signals.SensitivityDbfs, 0);
        var statistics = new LevelStatistics(0, 150);
        long next = Signals.FeedSine(meter, statistics, 1000, Signals.AmplitudeFor(60), 4.0, 0);
        next = Signals.FeedSine(meter, statistics, 1000, Signals.AmplitudeFor(80), 2.0, next);
        Signals.FeedSine(meter, statistics, 1000, Signals.AmplitudeFor(70), 4.0, next);

        Assert.AreEqual(73.87, statistics.LaeqDb, 0.05);
        Assert.AreEqual(80.0, statistics.LafmaxDb, 0.05);
        Assert.AreEqual(60.0, statistics.LafminDb, 0.05);
        Assert.AreEqual(80.0f, statistics.ExceedanceLevelDb(10));
        Assert.AreEqual(70.0f, statistics.ExceedanceLevelDb(50));
        Assert.AreEqual(60.0f, statistics.ExceedanceLevelDb(90));
        Assert.AreEqual(996, statistics.FastLevelCount, "one Fast level every 10 ms for 10 s minus 32 ms settling");
    }

    [TestMethod]
    public void ExceedanceLevelsComeFromTheHistogramCounts()
    {
        // 10 Fast levels at 90 dB, 40 at 75 dB, 50 at 50 dB: 10 % reach 90, 50 % reach 75, 100 % reach 50.
        var statistics = new LevelStatistics(30, 130);
        Add(statistics, 90f, 10);
        Add(statistics, 75f, 40);
        Add(statistics, 50f, 50);
        Assert.AreEqual(90.0f, statistics.ExceedanceLevelDb(10));
        Assert.AreEqual(75.0f, statistics.ExceedanceLevelDb(50));
        Assert.AreEqual(50.0f, statistics.ExceedanceLevelDb(90));
        Assert.AreEqual(50.0f, statistics.ExceedanceLevelDb(99));
        Assert.AreEqual(90.0f, statistics.LafmaxDb, 0.01f);
        Assert.AreEqual(50.0f, statistics.LafminDb, 0.01f);

        // Energetic, not arithmetic (which would give 67.5): 10·log10((10·10^9 + 40·10^7.5 + 50·10^5) / 100)
        // = 10·log10(1.1270·10^8) = 80.52 dB.
        Assert.AreEqual(80.52f, statistics.LaeqDb, 0.01f);
        Assert.AreEqual(0, statistics.OutOfRangeCount);
    }

    [TestMethod]
    public void LevelsOutsideTheValidRangeAreCountedAndResetClearsEverything()
    {
        var statistics = new LevelStatistics(30, 130);
        Add(statistics, 25f, 3);
        Add(statistics, 60f, 5);
        Add(statistics, 135f, 2);
        Assert.AreEqual(5, statistics.OutOfRangeCount);
        statistics.Reset();
        Assert.IsFalse(statistics.HasLevels);
        Assert.AreEqual(0, statistics.OutOfRangeCount);
        Assert.AreEqual(0, statistics.FastLevelCount);
    }

    [TestMethod]
    public void HistogramClampsToTheFrameRange()
    {
        var statistics = new LevelStatistics(0, 150);
        Add(statistics, 160f, 1);
        Assert.AreEqual(150.0f, statistics.ExceedanceLevelDb(50));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => statistics.ExceedanceLevelDb(100));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new LevelStatistics(40, 30));
    }

    private static void Add(LevelStatistics statistics, float levelDb, int times)
    {
        float energy = LevelStatistics.EnergyOf(levelDb);
        for (int i = 0; i < times; i++)
        {
            statistics.AddEnergy(energy, 1);
            statistics.AddFast(energy, energy, energy);
        }
    }
}
