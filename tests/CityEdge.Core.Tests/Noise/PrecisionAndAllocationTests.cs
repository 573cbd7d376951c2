using CityEdge.Noise;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Noise;

/// <summary>
/// Single-precision correctness over a whole reporting hour, and no allocation in the sample path.
/// </summary>
[TestClass]
public sealed class PrecisionAndAllocationTests
{
    private const int SampleRateHz = 48000;

    /// <summary>
    /// One hour at 48 kHz (172.8 million samples) of a 1 kHz tone whose level changes every minute
    /// over 40 dB. The reference is computed in double precision from the signal's definition: the
    /// mean of the per-minute energies (1 kHz is 0 dB A-weighted). A plain float sum of the samples'
    /// energies would stop growing after about 2^24 samples (6 minutes) and miss by several dB.
    /// </summary>
    [TestMethod]
    public void AnHourAt48kHzInSinglePrecisionStaysWithinATenthOfADecibelOfDouble()
    {
        var meter = new SoundLevelMeter(SampleRateHz, Signals.SensitivityDbfs, 0);
        var statistics = new LevelStatistics(0, 150);
        var block = new int[4800];
        double referenceEnergy = 0;
        long sample = 0;
        double w = 2 * Math.PI * 1000.0 / SampleRateHz;
        for (int minute = 0; minute < 60; minute++)
        {
            double levelDb = MinuteLevelDb(minute);
            double peak = Signals.AmplitudeFor(levelDb) * (Signals.FullScale - 256);
            long minuteSamples = 60L * SampleRateHz;

            // Recursive oscillator (cos/sin rotation in double) keeps generation cheap for 172.8 M samples.
            double c = Math.Cos(w), s = Math.Sin(w);
            double re = Math.Cos(w * sample), im = Math.Sin(w * sample);
            for (long done = 0; done < minuteSamples; done += block.Length)
            {
                for (int i = 0; i < block.Length; i++)
                {
                    block[i] = (int)(peak * im);
                    double nre = (re * c) - (im * s);
                    im = (re * s) + (im * c);
                    re = nre;
                }

                meter.Process(block, 0, block.Length, statistics);
            }

            sample += minuteSamples;
            referenceEnergy += Math.Pow(10, levelDb / 10) * minuteSamples;
        }

        // The first 32 ms settle the filters and are not measured; they are part of minute 0.
        long measured = sample - meter.SettleSampleCount;
        referenceEnergy -= Math.Pow(10, MinuteLevelDb(0) / 10) * meter.SettleSampleCount;
        double reference = 10 * Math.Log10(referenceEnergy / measured);
        Assert.AreEqual(measured, meter.MeasuredSampleCount);
        Assert.AreEqual(reference, statistics.LaeqDb, 0.1, $"float LAeq {statistics.LaeqDb:F3} dB vs double {reference:F3} dB");
    }

    [TestMethod]
    public void NaiveFloatSumOfAnHourIsWrongWhichIsWhyTheEngineCompensates()
    {
        // The same per-sample energy, 172.8 M times: float stops adding once the sum is 2^24 times larger.
        float naive = 0;
        var compensated = new LevelStatistics(0, 150);
        float energy = LevelStatistics.EnergyOf(60f) * 0.5f;
        for (long i = 0; i < 3600L * SampleRateHz / 1000; i++)
        {
            for (int j = 0; j < 1000; j++)
            {
                naive += energy;
            }

            compensated.AddEnergy(energy * 1000, 1000);
        }

        compensated.AddFast(energy, energy, energy);
        double truth = 10 * Math.Log10(energy);
        double naiveDb = 10 * Math.Log10(naive / (3600.0 * SampleRateHz));
        Assert.IsTrue(Math.Abs(naiveDb - truth) > 1.0, $"naive float sum gives {naiveDb:F2} dB for {truth:F2} dB");
        Assert.AreEqual(truth, compensated.LaeqDb, 0.01);
    }

    [TestMethod]
    public void ProcessingBlocksAllocatesNothing()
    {
        var meter = new SoundLevelMeter(SampleRateHz, Signals.SensitivityDbfs, 0);
        var statistics = new LevelStatistics(30, 130);
        var block = new int[1000];
        Signals.Sine(block, block.Length, 1000, SampleRateHz, 0.01, 0);
        meter.Process(block, 0, block.Length, statistics);
        statistics.ExceedanceLevelDb(90);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            meter.Process(block, 0, block.Length, statistics);
            if (i % 500 == 0)
            {
                meter.Restart();
            }
        }

        float results = statistics.LaeqDb + statistics.LafmaxDb + statistics.LafminDb + statistics.ExceedanceLevelDb(10) + statistics.ExceedanceLevelDb(90);
        statistics.Reset();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.AreEqual(0L, allocated, "bytes allocated while measuring 2 000 blocks");
        Assert.IsTrue(results > 0);
    }

    /// <summary>40..80 dB in a pattern that visits every 4 dB step.</summary>
    private static double MinuteLevelDb(int minute) => 40 + (4 * ((minute * 7) % 11));
}
