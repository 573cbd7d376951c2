using CityEdge.Noise;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Noise;

/// <summary>
/// Fast time weighting against the tone-burst responses of IEC 61672-1:2013 Table 4: the maximum
/// Fast level of a single 4 kHz burst, relative to the Fast level of the steady 4 kHz signal, with
/// the class 1 acceptance limits.
/// </summary>
[TestClass]
public sealed class FastTimeWeightingTests
{
    [TestMethod]
    [DataRow(48000, 1000.0, 0.0, 0.5, -0.5)]
    [DataRow(48000, 500.0, -0.1, 0.5, -0.5)]
    [DataRow(48000, 200.0, -1.0, 0.5, -0.5)]
    [DataRow(48000, 100.0, -2.6, 1.0, -1.0)]
    [DataRow(48000, 50.0, -4.8, 1.0, -1.0)]
    [DataRow(48000, 20.0, -8.3, 1.0, -1.0)]
    [DataRow(48000, 10.0, -11.1, 1.0, -1.0)]
    [DataRow(48000, 5.0, -14.1, 1.0, -1.0)]
    [DataRow(48000, 2.0, -18.0, 1.0, -1.5)]
    [DataRow(48000, 1.0, -21.0, 1.0, -2.0)]
    [DataRow(48000, 0.5, -24.0, 1.0, -2.5)]
    [DataRow(48000, 0.25, -27.0, 1.0, -3.0)]
    [DataRow(16000, 200.0, -1.0, 0.5, -0.5)]
    [DataRow(16000, 2.0, -18.0, 1.0, -1.5)]
    [DataRow(16000, 0.25, -27.0, 1.0, -3.0)]
    public void ToneBurstResponseIsWithinClass1(int sampleRateHz, double burstMs, double expectedDb, double upper, double lower)
    {
        const double amplitude = 0.5;
        var steadyMeter = new SoundLevelMeter(sampleRateHz, Signals.SensitivityDbfs, 0);
        var steady = new LevelStatistics(0, 150);
        long next = Signals.FeedSine(steadyMeter, steady, 4000, amplitude, 2.0, 0);
        steady.Reset();
        Signals.FeedSine(steadyMeter, steady, 4000, amplitude, 1.0, next);
        double steadyDb = steady.LafmaxDb;

        var meter = new SoundLevelMeter(sampleRateHz, Signals.SensitivityDbfs, 0);
        var burst = new LevelStatistics(0, 150);
        Signals.FeedSilence(meter, burst, 1.0);
        Signals.FeedSine(meter, burst, 4000, amplitude, burstMs / 1000.0, 0);
        Signals.FeedSilence(meter, burst, 1.0);

        double response = burst.LafmaxDb - steadyDb;
        Assert.IsTrue(response <= expectedDb + upper && response >= expectedDb + lower,
            $"{burstMs} ms burst: {response:F2} dB re steady, Table 4 {expectedDb} dB +{upper}/{lower}");

        // The exponential's own value 10·log10(1 - e^(-T/τ)) is what the standard's reference values round.
        double ideal = 10 * Math.Log10(1 - Math.Exp(-burstMs / 125.0));
        Assert.AreEqual(ideal, response, 0.3, "deviation from the ideal exponential response");
    }
}
