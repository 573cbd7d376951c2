using System;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Noise;

namespace CityEdge.Drivers.I2sMemsMicrophone
{
    /// <summary>
    /// An I2S MEMS microphone (INMP441, ICS-43434: 24-bit samples in 32-bit slots) measured in duty
    /// cycles: each period the node reads one contiguous burst, lets the filters settle on its first
    /// <see cref="SoundLevelMeter.SettleSampleCount"/> samples, measures the rest and wipes the burst.
    /// The nanoFramework interpreter cannot A-weight 16 000 samples a second in real time
    /// (docs/noise.md), so the levels cover only part of each interval; <see cref="Measure"/> returns
    /// how much and the noise pipeline reports it as noise_measured_permille.
    /// </summary>
    public sealed class I2sMemsMicrophone : INoiseFrontEnd
    {
        /// <summary>INMP441 datasheet (InvenSense DS-INMP441-00 rev 1.1, Table 1; typical, min -29, max -23)
        /// and ICS-43434 datasheet (TDK InvenSense, specifications table): -26 dBFS for 94 dB SPL at 1 kHz.</summary>
        public const float DatasheetSensitivityDbfs = -26f;

        /// <summary>INMP441 Table 1: equivalent input noise 33 dBA SPL (SNR 61 dBA); below it the
        /// microphone hears itself.</summary>
        public const float Inmp441NoiseFloorDb = 33f;

        /// <summary>INMP441 Table 1: maximum acoustic input 120 dB SPL (peak).</summary>
        public const float AcousticOverloadDb = 120f;

        private readonly IAudioBlockSource _source;
        private readonly SoundLevelMeter _meter;
        private readonly int[] _burst;
        private readonly float _offsetDb;
        private readonly float _noiseFloorDb;
        private readonly float _overloadDb;

        /// <param name="source">The I2S stream (left-justified 32-bit slots).</param>
        /// <param name="sensitivityDbfs">dBFS at 94 dB SPL, 1 kHz (datasheet: -26).</param>
        /// <param name="offsetDb">Calibration correction from a calibrator check.</param>
        /// <param name="noiseFloorDb">Lowest level this microphone measures truthfully (its self-noise), dB SPL.</param>
        /// <param name="overloadDb">Highest level before distortion (acoustic overload point), dB SPL.</param>
        /// <param name="burstSamples">Samples per burst (settling included); also the RAM it takes (×4 bytes).</param>
        /// <param name="periodMs">Time from one burst to the next.</param>
        public I2sMemsMicrophone(IAudioBlockSource source, float sensitivityDbfs, float offsetDb, float noiseFloorDb, float overloadDb, int burstSamples, int periodMs)
        {
            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            _meter = new SoundLevelMeter(source.SampleRateHz, sensitivityDbfs, offsetDb);
            if (burstSamples <= _meter.SettleSampleCount || burstSamples > 16384)
            {
                throw new ArgumentOutOfRangeException("burstSamples", "burst must be " + (_meter.SettleSampleCount + 1) + "..16384 samples, got " + burstSamples);
            }

            if ((long)burstSamples * 1000 / source.SampleRateHz >= periodMs)
            {
                throw new ArgumentOutOfRangeException("periodMs", "period " + periodMs + " ms is not longer than one burst of " + burstSamples + " samples");
            }

            _source = source;
            _burst = new int[burstSamples];
            _offsetDb = offsetDb;
            _noiseFloorDb = noiseFloorDb;
            _overloadDb = overloadDb;
            PeriodMs = periodMs;
        }

        public int PeriodMs { get; }

        public float ValidMinDb
        {
            get { return _noiseFloorDb + _offsetDb; }
        }

        public float ValidMaxDb
        {
            get { return _overloadDb + _offsetDb; }
        }

        public FaultReason LastFault { get; private set; }

        public int Measure(LevelStatistics into)
        {
            int read = 0;
            while (read < _burst.Length)
            {
                int n = _source.Read(_burst, read, _burst.Length - read);
                if (n <= 0)
                {
                    break;
                }

                read += n;
            }

            if (read <= _meter.SettleSampleCount)
            {
                Array.Clear(_burst, 0, read);
                LastFault = read == 0 ? FaultReason.NotResponding : FaultReason.BadData;
                return 0;
            }

            _meter.Restart();
            _meter.Process(_burst, 0, read, into);

            // The samples have been turned into levels; nothing of the audio outlives this call.
            Array.Clear(_burst, 0, read);
            LastFault = FaultReason.None;
            return (int)((long)(read - _meter.SettleSampleCount) * 1000 / _source.SampleRateHz);
        }
    }
}
