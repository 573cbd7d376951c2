using System;

namespace CityEdge.Noise
{
    /// <summary>
    /// One reporting interval's A-weighted statistics in fixed memory: the energy sum for LAeq, the
    /// extreme Fast levels for LAFmax/LAFmin and a histogram of Fast levels in 0.1 dB bins
    /// (0.0..150.0 dB, the frame's range) for the exceedance levels LA10/LA50/LA90. Energies are
    /// mean-square pressures relative to (20 µPa)², i.e. 10^(L/10), so every average is energetic.
    /// Energy is summed in single precision with Kahan compensation: a plain float sum of an hour
    /// of 48 kHz blocks stops growing long before the hour ends (see docs/noise.md).
    /// </summary>
    public sealed class LevelStatistics
    {
        /// <summary>Histogram resolution: bins per dB (0.1 dB, the telemetry resolution).</summary>
        public const int BinsPerDb = 10;

        /// <summary>Highest level the histogram holds, dB (telemetry frame v1's limit).</summary>
        public const int MaxLevelDb = 150;

        // Levels far below any microphone's noise floor stand for silence (log of 0 is -inf).
        private const float SilenceEnergy = 1e-3f;

        private readonly int[] _histogram = new int[(MaxLevelDb * BinsPerDb) + 1];
        private readonly float _validMinEnergy;
        private readonly float _validMaxEnergy;
        private float _energySum;
        private float _energyCompensation;
        private long _energyCount;
        private float _maxEnergy;
        private float _minEnergy;
        private int _fastCount;
        private int _outOfRangeCount;

        /// <param name="validMinDb">Lowest level the front end measures truthfully (its noise floor).</param>
        /// <param name="validMaxDb">Highest level it measures truthfully (its overload point).</param>
        public LevelStatistics(float validMinDb, float validMaxDb)
        {
            if (!(validMinDb >= 0 && validMaxDb <= MaxLevelDb && validMinDb < validMaxDb))
            {
                throw new ArgumentOutOfRangeException("validMinDb", "valid range " + validMinDb + ".." + validMaxDb + " dB must lie within 0.." + MaxLevelDb + " and not be empty");
            }

            ValidMinDb = validMinDb;
            ValidMaxDb = validMaxDb;
            _validMinEnergy = EnergyOf(validMinDb);
            _validMaxEnergy = EnergyOf(validMaxDb);
            Reset();
        }

        public float ValidMinDb { get; }

        public float ValidMaxDb { get; }

        /// <summary>True once the interval has both energy and at least one Fast level.</summary>
        public bool HasLevels
        {
            get { return _energyCount > 0 && _fastCount > 0; }
        }

        /// <summary>Fast levels of this interval that were outside the valid range.</summary>
        public int OutOfRangeCount
        {
            get { return _outOfRangeCount; }
        }

        /// <summary>Fast levels in the histogram this interval.</summary>
        public int FastLevelCount
        {
            get { return _fastCount; }
        }

        /// <summary>Equivalent continuous A-weighted level: 10·log10 of the mean energy.</summary>
        public float LaeqDb
        {
            get { return LevelOf(_energySum / _energyCount); }
        }

        public float LafmaxDb
        {
            get { return LevelOf(_maxEnergy); }
        }

        public float LafminDb
        {
            get { return LevelOf(_minEnergy); }
        }

        /// <summary>10·log10(energy), with silence floored at -30 dB.</summary>
        public static float LevelOf(float energy)
        {
            return (float)(10.0 * Math.Log10(energy > SilenceEnergy ? energy : SilenceEnergy));
        }

        /// <summary>10^(level/10): the energy a level stands for.</summary>
        public static float EnergyOf(float levelDb)
        {
            return (float)Math.Pow(10.0, levelDb / 10.0);
        }

        /// <summary>Adds <paramref name="count"/> samples' energy, summed by the caller (a block's
        /// partial sum keeps rounding small; the Kahan step keeps it small across blocks).</summary>
        public void AddEnergy(float energySum, int count)
        {
            float y = energySum - _energyCompensation;
            float t = _energySum + y;
            _energyCompensation = (t - _energySum) - y;
            _energySum = t;
            _energyCount += count;
        }

        /// <summary>
        /// Adds one Fast-weighted level sample (as energy) to the histogram, with the highest and
        /// lowest Fast energies seen since the previous sample (pass the same value three times when
        /// nothing was seen in between).
        /// </summary>
        public void AddFast(float fastEnergy, float maxEnergy, float minEnergy)
        {
            if (maxEnergy > _maxEnergy)
            {
                _maxEnergy = maxEnergy;
            }

            if (minEnergy < _minEnergy)
            {
                _minEnergy = minEnergy;
            }

            if (maxEnergy > _validMaxEnergy || minEnergy < _validMinEnergy)
            {
                _outOfRangeCount++;
            }

            int bin = (int)((LevelOf(fastEnergy) * BinsPerDb) + 0.5f);
            _histogram[bin < 0 ? 0 : bin >= _histogram.Length ? _histogram.Length - 1 : bin]++;
            _fastCount++;
        }

        /// <summary>
        /// LAN: the highest level (0.1 dB steps) that the Fast level reached or exceeded during at
        /// least <paramref name="percent"/> % of the interval's Fast samples (LA10, LA50, LA90).
        /// </summary>
        public float ExceedanceLevelDb(int percent)
        {
            if (percent <= 0 || percent >= 100)
            {
                throw new ArgumentOutOfRangeException("percent", "exceedance percentage must be 1..99, got " + percent);
            }

            // Integer comparison: count * 100 >= percent * total, no rounding.
            long needed = (long)percent * _fastCount;
            long seen = 0;
            for (int bin = _histogram.Length - 1; bin >= 0; bin--)
            {
                seen += _histogram[bin];
                if (seen * 100 >= needed && seen > 0)
                {
                    return (float)bin / BinsPerDb;
                }
            }

            return 0;
        }

        /// <summary>Starts a new interval.</summary>
        public void Reset()
        {
            Array.Clear(_histogram, 0, _histogram.Length);
            _energySum = 0;
            _energyCompensation = 0;
            _energyCount = 0;
            _maxEnergy = 0;
            _minEnergy = float.MaxValue;
            _fastCount = 0;
            _outOfRangeCount = 0;
        }
    }
}
