using CityEdge.Noise;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Noise;

/// <summary>
/// The engine's A-weighting against IEC 61672-1:2013 Table 3: nominal A-weighting and class 1
/// acceptance limits at every one-third-octave frequency from 10 Hz up to the highest band below
/// Nyquist. Measured end to end: a steady sine at the exact base-ten band frequency
/// (1000 × 10^(n/10) Hz, Table 3 note / Annex E) goes through the meter, and its LAeq relative to
/// the same sine at 1 kHz is the weighting.
/// </summary>
[TestClass]
public sealed class AWeightingTests
{
    // Nominal frequency (Hz), A-weighting (dB), class 1 upper and lower limits (dB): IEC 61672-1:2013 Table 3.
    private static readonly (double Nominal, double WeightingDb, double Upper, double Lower)[] Table3 =
    [
        (10, -70.4, 3.0, double.NegativeInfinity),
        (12.5, -63.4, 2.5, double.NegativeInfinity),
        (16, -56.7, 2.0, -4.0),
        (20, -50.5, 2.0, -2.0),
        (25, -44.7, 2.0, -1.5),
        (31.5, -39.4, 1.5, -1.5),
        (40, -34.6, 1.0, -1.0),
        (50, -30.2, 1.0, -1.0),
        (63, -26.2, 1.0, -1.0),
        (80, -22.5, 1.0, -1.0),
        (100, -19.1, 1.0, -1.0),
        (125, -16.1, 1.0, -1.0),
        (160, -13.4, 1.0, -1.0),
        (200, -10.9, 1.0, -1.0),
        (250, -8.6, 1.0, -1.0),
        (315, -6.6, 1.0, -1.0),
        (400, -4.8, 1.0, -1.0),
        (500, -3.2, 1.0, -1.0),
        (630, -1.9, 1.0, -1.0),
        (800, -0.8, 1.0, -1.0),
        (1000, 0.0, 0.7, -0.7),
        (1250, 0.6, 1.0, -1.0),
        (1600, 1.0, 1.0, -1.0),
        (2000, 1.2, 1.0, -1.0),
        (2500, 1.3, 1.0, -1.0),
        (3150, 1.2, 1.0, -1.0),
        (4000, 1.0, 1.0, -1.0),
        (5000, 0.5, 1.5, -1.5),
        (6300, -0.1, 1.5, -2.0),
        (8000, -1.1, 1.5, -2.5),
        (10000, -2.5, 2.0, -3.0),
        (12500, -4.3, 2.0, -5.0),
        (16000, -6.6, 2.5, -16.0),
        (20000, -9.3, 3.0, double.NegativeInfinity),
    ];

    [TestMethod]
    [DataRow(16000, 6300.0)]
    [DataRow(22050, 10000.0)]
    [DataRow(32000, 12500.0)]
    [DataRow(44100, 20000.0)]
    [DataRow(48000, 20000.0)]
    public void MatchesIec61672Table3WithinClass1AtEveryBandBelowNyquist(int sampleRateHz, double highestBandHz)
    {
        double reference = WeightedLevel(sampleRateHz, 1000.0);
        int checkedBands = 0;
        var failures = new List<string>();
        for (int n = -20; n <= 13; n++)
        {
            var row = Table3[n + 20];
            if (row.Nominal >= sampleRateHz / 2.0)
            {
                break;
            }

            double exactHz = 1000 * Math.Pow(10, n / 10.0);
            double measured = WeightedLevel(sampleRateHz, exactHz) - reference;
            double deviation = measured - row.WeightingDb;
            checkedBands++;
            if (deviation > row.Upper || deviation < row.Lower)
            {
                failures.Add($"{row.Nominal} Hz: {measured:F2} dB, table {row.WeightingDb} dB, limits +{row.Upper}/{row.Lower}");
            }

            // Tighter than class 1: the fit itself should be this good (Table 3 values are rounded to 0.1 dB).
            if (Math.Abs(deviation) > 0.6)
            {
                failures.Add($"{row.Nominal} Hz: design error {deviation:F2} dB is more than 0.6 dB");
            }
        }

        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        Assert.AreEqual(Array.FindIndex(Table3, r => r.Nominal == highestBandHz) + 1, checkedBands, "bands checked up to " + highestBandHz + " Hz");
    }

    /// <summary>LAeq of a steady -20 dBFS sine after the filters have settled, over at least 1 s and 20 periods.</summary>
    private static double WeightedLevel(int sampleRateHz, double frequencyHz)
    {
        var meter = new SoundLevelMeter(sampleRateHz, Signals.SensitivityDbfs, 0);
        var statistics = new LevelStatistics(0, 150);
        long next = Signals.FeedSine(meter, statistics, frequencyHz, 0.1, 0.5, 0);
        statistics.Reset();
        Signals.FeedSine(meter, statistics, frequencyHz, 0.1, Math.Max(1.0, 20 / frequencyHz), next);
        return statistics.LaeqDb;
    }
}
