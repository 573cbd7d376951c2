using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Noise;

namespace CityEdge.Drivers.Sen0232
{
    /// <summary>
    /// DFRobot Gravity analog sound level meter (SKU SEN0232) on an ADC input: the module does the
    /// A-weighting and Fast time weighting itself and outputs a DC voltage proportional to the level,
    /// so the node only samples that voltage. Facts from the DFRobot wiki page "Gravity: Analog Sound
    /// Level Meter SKU: SEN0232", Specification and sample code: output 0.6..2.6 V for 30..130 dBA,
    /// dBA = V × 50, accuracy ±1.5 dB, response time 125 ms, frequency response 31.5 Hz..8.5 kHz.
    /// </summary>
    public sealed class Sen0232SoundLevelMeter : INoiseFrontEnd
    {
        /// <summary>Wiki sample code: decibel value = voltage × 50.</summary>
        public const float DbPerVolt = 50f;

        /// <summary>Wiki specification: measuring range 30..130 dBA (0.6..2.6 V).</summary>
        public const float RangeMinDb = 30f;

        public const float RangeMaxDb = 130f;

        /// <summary>The output clips at the range ends, so a reading this close to one (5 counts of a
        /// 12-bit 3.1 V ADC) may stand for any level beyond it: it is flagged, not trusted.</summary>
        public const float ClipMarginDb = 0.2f;

        /// <summary>Half the module's 0.6 V floor: an output this low is no module (or no supply), not quiet.</summary>
        public const float DisconnectedBelowVolts = 0.3f;

        /// <summary>Default sampling period. A Fast level falls at most 10·log10(e)/0.125 s = 34.7 dB/s
        /// (IEC 61672-1 5.8.3), so a peak between two readings 50 ms apart is read at most 1.7 dB low;
        /// 20 readings a second cost the interpreter about 1 % of its time (docs/noise.md).</summary>
        public const int DefaultPeriodMs = 50;

        private readonly IAdcChannel _adc;
        private readonly float _offsetDb;

        /// <param name="adc">The ADC input wired to the module's analog output.</param>
        /// <param name="offsetDb">Calibration correction from a calibrator check, added to every reading.</param>
        /// <param name="periodMs">Time between ADC readings.</param>
        public Sen0232SoundLevelMeter(IAdcChannel adc, float offsetDb, int periodMs)
        {
            if (adc == null)
            {
                throw new System.ArgumentNullException("adc");
            }

            if (periodMs < 10 || periodMs > 1000)
            {
                throw new System.ArgumentOutOfRangeException("periodMs", "ADC sampling period must be 10..1000 ms, got " + periodMs);
            }

            _adc = adc;
            _offsetDb = offsetDb;
            PeriodMs = periodMs;
        }

        public int PeriodMs { get; }

        public float ValidMinDb
        {
            get { return RangeMinDb + ClipMarginDb + _offsetDb; }
        }

        public float ValidMaxDb
        {
            get { return RangeMaxDb - ClipMarginDb + _offsetDb; }
        }

        public FaultReason LastFault { get; private set; }

        /// <summary>The level of the last good reading, dB (for the field service view).</summary>
        public float LastLevelDb { get; private set; }

        public int Measure(LevelStatistics into)
        {
            int raw = _adc.ReadRaw();
            if (raw < 0 || raw > _adc.MaxRaw)
            {
                LastFault = FaultReason.BadData;
                return 0;
            }

            float volts = (float)raw * _adc.FullScaleVolts / _adc.MaxRaw;
            if (volts < DisconnectedBelowVolts)
            {
                LastFault = FaultReason.NotResponding;
                return 0;
            }

            // The module's output already is a Fast-weighted level: each reading is one Fast sample,
            // and its energy stands for the period until the next reading (energetic mean → LAeq).
            float levelDb = (volts * DbPerVolt) + _offsetDb;
            float energy = LevelStatistics.EnergyOf(levelDb);
            into.AddEnergy(energy, 1);
            into.AddFast(energy, energy, energy);
            LastLevelDb = levelDb;
            LastFault = FaultReason.None;
            return PeriodMs;
        }
    }
}
