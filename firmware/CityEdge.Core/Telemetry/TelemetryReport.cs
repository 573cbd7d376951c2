using System;
using CityEdge.Air;
using CityEdge.Health;

namespace CityEdge.Telemetry
{
    /// <summary>
    /// One node report in engineering units, before encoding / after decoding (telemetry frame v1,
    /// docs/telemetry-format.md). A group that is absent means "no value" (the sensor failed or is
    /// not fitted), never zero. One instance is reused for every report, so it holds fixed-size arrays.
    /// </summary>
    public sealed class TelemetryReport
    {
        /// <summary>Most bays one node reports (5-bit count in the parking group).</summary>
        public const int MaxParkingBays = 16;

        /// <summary>Most health entries in one frame (3-bit count in the health group).</summary>
        public const int MaxHealthEntries = 7;

        private readonly byte[] _bayStates = new byte[MaxParkingBays];
        private readonly byte[] _faultSources = new byte[MaxHealthEntries];
        private readonly byte[] _faultReasons = new byte[MaxHealthEntries];

        /// <summary>Per-node sequence number; wraps at 65536 (compare with serial-number arithmetic).</summary>
        public int Sequence { get; set; }

        /// <summary>Seconds since 1970-01-01 UTC at the end of the reporting interval; 0 when the
        /// node's clock was not set.</summary>
        public uint TimestampUnixSeconds { get; set; }

        public bool HasClimate { get; set; }

        /// <summary>Air temperature, °C (interval mean).</summary>
        public float TemperatureDegC { get; set; }

        /// <summary>Relative humidity, %RH (interval mean).</summary>
        public float HumidityPct { get; set; }

        /// <summary>Station (not sea-level) pressure, hPa (interval mean).</summary>
        public float PressureHpa { get; set; }

        public bool HasParticulates { get; set; }

        /// <summary>PM1.0 mass concentration, µg/m³.</summary>
        public float Pm1_0UgM3 { get; set; }

        /// <summary>PM2.5 mass concentration, µg/m³.</summary>
        public float Pm2_5UgM3 { get; set; }

        /// <summary>PM10 mass concentration, µg/m³.</summary>
        public float Pm10UgM3 { get; set; }

        /// <summary>Humidity was above the configured limit: optical PM readings are unreliable.</summary>
        public bool ParticulatesHumidityFlag { get; set; }

        /// <summary>The particulates group carries an air quality index (needs <see cref="HasParticulates"/>).</summary>
        public bool HasAqi { get; set; }

        /// <summary>The index, 0..500 (docs/telemetry-air.md).</summary>
        public int AqiValue { get; set; }

        public AqiStandard AqiStandard { get; set; }

        /// <summary>The pollutant that sets the index.</summary>
        public AqiPollutant AqiDominant { get; set; }

        public bool HasNoise { get; set; }

        /// <summary>A-weighted equivalent continuous level over the interval, dB.</summary>
        public float LaeqDb { get; set; }

        /// <summary>Maximum A-weighted Fast level over the interval, dB.</summary>
        public float LafmaxDb { get; set; }

        /// <summary>Part of the interval was outside the microphone's valid range.</summary>
        public bool NoiseRangeFlag { get; set; }

        /// <summary>The noise statistics group (LAFmin and exceedance levels) is present; needs <see cref="HasNoise"/>.</summary>
        public bool HasNoiseStatistics { get; set; }

        /// <summary>Minimum A-weighted Fast level over the interval, dB.</summary>
        public float LafminDb { get; set; }

        /// <summary>A-weighted Fast level exceeded for 10 % of the interval, dB.</summary>
        public float La10Db { get; set; }

        /// <summary>A-weighted Fast level exceeded for 50 % of the interval, dB.</summary>
        public float La50Db { get; set; }

        /// <summary>A-weighted Fast level exceeded for 90 % of the interval (background level), dB.</summary>
        public float La90Db { get; set; }

        /// <summary>Bays in the parking group; 0 means no parking group.</summary>
        public int ParkingBayCount { get; private set; }

        public bool HasLamp { get; set; }

        /// <summary>Lamp output level at the end of the interval, % of full light.</summary>
        public float LampLevelPct { get; set; }

        /// <summary>Energy the lamp used during the interval, Wh.</summary>
        public float LampEnergyWh { get; set; }

        public int HealthEntryCount { get; private set; }

        /// <summary>Forgets every group, ready for the next interval.</summary>
        public void Clear()
        {
            Sequence = 0;
            TimestampUnixSeconds = 0;
            HasClimate = false;
            TemperatureDegC = 0;
            HumidityPct = 0;
            PressureHpa = 0;
            HasParticulates = false;
            Pm1_0UgM3 = 0;
            Pm2_5UgM3 = 0;
            Pm10UgM3 = 0;
            ParticulatesHumidityFlag = false;
            HasAqi = false;
            AqiValue = 0;
            AqiStandard = AqiStandard.UsEpa;
            AqiDominant = AqiPollutant.None;
            HasNoise = false;
            LaeqDb = 0;
            LafmaxDb = 0;
            NoiseRangeFlag = false;
            HasNoiseStatistics = false;
            LafminDb = 0;
            La10Db = 0;
            La50Db = 0;
            La90Db = 0;
            ParkingBayCount = 0;
            HasLamp = false;
            LampLevelPct = 0;
            LampEnergyWh = 0;
            HealthEntryCount = 0;
        }

        /// <summary>The measurement groups this report carries, as the frame's group bits
        /// (TelemetryFrame.Group*; the health group is not one of them).</summary>
        public int MeasurementGroups
        {
            get
            {
                int groups = HasClimate ? TelemetryFrame.GroupClimate : 0;
                groups |= HasParticulates ? TelemetryFrame.GroupParticulates : 0;
                groups |= HasNoise ? TelemetryFrame.GroupNoise : 0;
                groups |= ParkingBayCount > 0 ? TelemetryFrame.GroupParking : 0;
                groups |= HasLamp ? TelemetryFrame.GroupLamp : 0;
                return groups | (HasNoiseStatistics ? TelemetryFrame.GroupNoiseStatistics : 0);
            }
        }

        /// <summary>Drops the measurement groups whose bits are set in <paramref name="groups"/> (an AQI goes
        /// with its particulates, the noise statistics with noise); health entries stay.</summary>
        public void RemoveGroups(int groups)
        {
            HasClimate &= (groups & TelemetryFrame.GroupClimate) == 0;
            HasParticulates &= (groups & TelemetryFrame.GroupParticulates) == 0;
            HasAqi &= HasParticulates;
            HasNoise &= (groups & TelemetryFrame.GroupNoise) == 0;
            HasNoiseStatistics &= HasNoise && (groups & TelemetryFrame.GroupNoiseStatistics) == 0;
            HasLamp &= (groups & TelemetryFrame.GroupLamp) == 0;
            if ((groups & TelemetryFrame.GroupParking) != 0)
            {
                ParkingBayCount = 0;
            }
        }

        /// <summary>Sets how many bays this report carries (all start Free).</summary>
        public void SetParkingBayCount(int count)
        {
            if (count < 0 || count > MaxParkingBays)
            {
                throw new ArgumentOutOfRangeException("count", "bay count must be 0.." + MaxParkingBays + ", got " + count);
            }

            ParkingBayCount = count;
            for (int i = 0; i < MaxParkingBays; i++)
            {
                _bayStates[i] = (byte)ParkingBayState.Free;
            }
        }

        public void SetBayState(int bay, ParkingBayState state)
        {
            CheckBay(bay);
            _bayStates[bay] = (byte)state;
        }

        public ParkingBayState GetBayState(int bay)
        {
            CheckBay(bay);
            return (ParkingBayState)_bayStates[bay];
        }

        /// <summary>Adds a health entry; false (and nothing added) when the report already holds
        /// <see cref="MaxHealthEntries"/> or the same source already has an entry.</summary>
        public bool AddFault(FaultSource source, FaultReason reason)
        {
            for (int i = 0; i < HealthEntryCount; i++)
            {
                if (_faultSources[i] == (byte)source)
                {
                    return false;
                }
            }

            if (HealthEntryCount == MaxHealthEntries)
            {
                return false;
            }

            _faultSources[HealthEntryCount] = (byte)source;
            _faultReasons[HealthEntryCount] = (byte)reason;
            HealthEntryCount++;
            return true;
        }

        public FaultSource GetFaultSource(int index)
        {
            CheckFault(index);
            return (FaultSource)_faultSources[index];
        }

        public FaultReason GetFaultReason(int index)
        {
            CheckFault(index);
            return (FaultReason)_faultReasons[index];
        }

        private void CheckBay(int bay)
        {
            if (bay < 0 || bay >= ParkingBayCount)
            {
                throw new ArgumentOutOfRangeException("bay", "bay must be 0.." + (ParkingBayCount - 1) + ", got " + bay);
            }
        }

        private void CheckFault(int index)
        {
            if (index < 0 || index >= HealthEntryCount)
            {
                throw new ArgumentOutOfRangeException("index", "health entry must be 0.." + (HealthEntryCount - 1) + ", got " + index);
            }
        }
    }
}
