using System;

namespace CityEdge.Noise
{
    /// <summary>
    /// The sample engine of a digital (I2S) front end: A-weighting, Fast time weighting and the
    /// interval statistics, fed blocks of PCM samples. Its public surface takes samples in and gives
    /// only levels out (into a <see cref="LevelStatistics"/>); the weighted samples live in a private
    /// scratch block that is overwritten by the next block. Allocates nothing after construction.
    /// </summary>
    public sealed class SoundLevelMeter
    {
        /// <summary>Fast time constant (IEC 61672-1:2013, 5.8.1: 0.125 s).</summary>
        public const float FastTimeConstantS = 0.125f;

        /// <summary>Fast levels enter the histogram every 10 ms: finer than Fast's 125 ms memory,
        /// few enough logarithms for the device.</summary>
        public const int HistogramPeriodMs = 10;

        // After a restart the filters start from rest; 32 ms is > 4 time constants of the
        // 20.6 Hz pole (7.7 ms), after which their start-up transient is below -30 dB re the signal.
        private const int SettleMs = 32;
        private const int ScratchSamples = 256;

        private readonly AWeightingFilter _filter;
        private readonly float[] _scratch = new float[ScratchSamples];
        private readonly float _alpha;
        private readonly float _inputScale;
        private readonly int _histogramPeriodSamples;
        private readonly int _settleSamples;
        private int _settleRemaining;
        private float _settleEnergy;
        private int _settleEnergyCount;
        private float _fast;
        private float _tickMax;
        private float _tickMin;
        private int _untilTick;

        /// <param name="sampleRateHz">Sample rate of the blocks.</param>
        /// <param name="sensitivityDbfs">Microphone output, dBFS, for a 94 dB SPL 1 kHz tone (datasheet; e.g. -26).</param>
        /// <param name="offsetDb">Calibration correction added to every level (from a calibrator check).</param>
        public SoundLevelMeter(int sampleRateHz, float sensitivityDbfs, float offsetDb)
        {
            if (!(sensitivityDbfs < 0 && sensitivityDbfs > -100))
            {
                throw new ArgumentOutOfRangeException("sensitivityDbfs", "sensitivity must be -100..0 dBFS, got " + sensitivityDbfs);
            }

            _filter = new AWeightingFilter(sampleRateHz);
            SampleRateHz = sampleRateHz;
            _alpha = (float)(1.0 - Math.Exp(-1.0 / (FastTimeConstantS * sampleRateHz)));

            // A full-scale sine is 0 dBFS and has mean square 1/2 (in units of full scale), so a
            // sample of full-scale amplitude 2^31 is scaled to sqrt(2) × 10^((94 - S + offset)/20):
            // its square is then energy relative to (20 µPa)².
            double amplitude = Math.Sqrt(2.0) * Math.Pow(10.0, (94.0 - sensitivityDbfs + offsetDb) / 20.0);
            _inputScale = (float)(amplitude / 2147483648.0);
            _histogramPeriodSamples = sampleRateHz * HistogramPeriodMs / 1000;
            _settleSamples = sampleRateHz * SettleMs / 1000;
            Restart();
        }

        public int SampleRateHz { get; }

        /// <summary>Samples at the start of each run of audio that settle the filters and are not measured.</summary>
        public int SettleSampleCount
        {
            get { return _settleSamples; }
        }

        /// <summary>Samples that counted towards the statistics since construction.</summary>
        public long MeasuredSampleCount { get; private set; }

        /// <summary>The next block does not continue the previous one (a duty-cycle gap): reset the
        /// filters and let them settle before measuring again.</summary>
        public void Restart()
        {
            _filter.Reset();
            _settleRemaining = _settleSamples;
            _settleEnergy = 0;
            _settleEnergyCount = 0;
            _fast = 0;
            _untilTick = _histogramPeriodSamples;
            _tickMax = 0;
            _tickMin = float.MaxValue;
        }

        /// <summary>Measures <paramref name="count"/> consecutive samples (left-justified 32-bit, see
        /// <see cref="CityEdge.Hal.IAudioBlockSource"/>) that continue the previous block, adding their
        /// levels to <paramref name="into"/> (the caller resets it per interval).</summary>
        public void Process(int[] samples, int offset, int count, LevelStatistics into)
        {
            if (into == null)
            {
                throw new ArgumentNullException("into");
            }

            if (samples == null || offset < 0 || count < 0 || offset + count > samples.Length)
            {
                throw new ArgumentOutOfRangeException("count", "offset " + offset + " + count " + count + " is outside the sample buffer");
            }

            while (count > 0)
            {
                int n = count < ScratchSamples ? count : ScratchSamples;
                _filter.Process(samples, offset, n, _inputScale, _scratch);
                int i = 0;
                if (_settleRemaining > 0)
                {
                    i = Settle(n);
                }

                if (i < n)
                {
                    Measure(i, n, into);
                }

                offset += n;
                count -= n;
            }
        }

        /// <summary>Runs the settling part of a block; returns the index where measuring starts.</summary>
        private int Settle(int n)
        {
            int i = 0;
            while (i < n && _settleRemaining > 0)
            {
                // The second half of the settling time seeds the Fast integrator with the signal's
                // own mean energy, so a burst does not start with a 125 ms rise from silence.
                if (_settleRemaining <= _settleSamples / 2)
                {
                    float y = _scratch[i];
                    _settleEnergy += y * y;
                    _settleEnergyCount++;
                }

                _settleRemaining--;
                i++;
            }

            if (_settleRemaining == 0 && _settleEnergyCount > 0)
            {
                _fast = _settleEnergy / _settleEnergyCount;
            }

            return i;
        }

        private void Measure(int from, int n, LevelStatistics into)
        {
            float sum = 0;
            float fast = _fast;
            float alpha = _alpha;
            float tickMax = _tickMax;
            float tickMin = _tickMin;
            int untilTick = _untilTick;
            for (int i = from; i < n; i++)
            {
                float y = _scratch[i];
                float e = y * y;
                sum += e;
                fast += alpha * (e - fast);
                if (fast > tickMax)
                {
                    tickMax = fast;
                }

                if (fast < tickMin)
                {
                    tickMin = fast;
                }

                if (--untilTick == 0)
                {
                    into.AddFast(fast, tickMax, tickMin);
                    tickMax = 0;
                    tickMin = float.MaxValue;
                    untilTick = _histogramPeriodSamples;
                }
            }

            into.AddEnergy(sum, n - from);
            MeasuredSampleCount += n - from;
            _fast = fast;
            _tickMax = tickMax;
            _tickMin = tickMin;
            _untilTick = untilTick;
        }
    }
}
