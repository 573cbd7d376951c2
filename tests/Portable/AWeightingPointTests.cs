#nullable disable
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using CityEdge.Noise;

namespace CityEdge.Tests.Portable
{
    /// <summary>
    /// The sound level meter's A-weighting at a few frequencies against IEC 61672-1:2013 Table 3
    /// (100 Hz -19.1 dB, 4 kHz +1.0 dB, class 1 limits ±1.0 dB), relative to 1 kHz: a steady sine
    /// through the meter, in float arithmetic as on the ESP32. 16 kHz sampling keeps it short on a board.
    /// </summary>
    [TestClass]
    public class AWeightingPointTests
    {
        private const int SampleRateHz = 16000;

        [TestMethod]
        public void WeightingAt100HzAnd4kHzIsWithinClass1()
        {
            double reference = WeightedLevel(1000.0);

            Check.Near(-19.1, WeightedLevel(100.0) - reference, 1.0, "A-weighting at 100 Hz");
            Check.Near(1.0, WeightedLevel(4000.0) - reference, 1.0, "A-weighting at 4 kHz");
        }

        /// <summary>LAeq of a -20 dBFS sine over 1 s, after 0.5 s for the filters to settle.</summary>
        private static double WeightedLevel(double frequencyHz)
        {
            SoundLevelMeter meter = new SoundLevelMeter(SampleRateHz, -26f, 0f);
            LevelStatistics statistics = new LevelStatistics(0f, 150f);
            int[] block = new int[512];
            long sample = 0;
            for (int pass = 0; pass < 2; pass++)
            {
                if (pass == 1)
                {
                    statistics.Reset();
                }

                long end = sample + (pass == 0 ? SampleRateHz / 2 : SampleRateHz);
                while (sample < end)
                {
                    int n = end - sample < block.Length ? (int)(end - sample) : block.Length;
                    for (int i = 0; i < n; i++)
                    {
                        block[i] = (int)(0.1 * 2147483392.0 * Math.Sin(2 * Math.PI * frequencyHz * (sample + i) / SampleRateHz));
                    }

                    meter.Process(block, 0, n, statistics);
                    sample += n;
                }
            }

            return statistics.LaeqDb;
        }
    }
}
