namespace CityEdge.Telemetry
{
    /// <summary>
    /// Layout constants of telemetry frame v1; docs/telemetry-format.md is the specification and
    /// the tests hold its hex vectors. Multi-byte fields are big-endian.
    /// </summary>
    public static class TelemetryFrame
    {
        public const byte Version = 1;

        /// <summary>version, group mask, sequence (2), timestamp (4).</summary>
        public const int HeaderLength = 8;

        public const int GroupClimate = 0x01;
        public const int GroupParticulates = 0x02;
        public const int GroupNoise = 0x04;
        public const int GroupParking = 0x08;
        public const int GroupLamp = 0x10;
        public const int GroupHealth = 0x20;

        /// <summary>LAFmin, LA10, LA50, LA90 (docs/telemetry-format.md); only with <see cref="GroupNoise"/>.</summary>
        public const int GroupNoiseStatistics = 0x40;

        /// <summary>Bit 7 is reserved for a later group and must be 0 in v1.</summary>
        public const int ReservedGroupBits = 0x80;

        public const int ClimateLength = 5;
        public const int ParticulatesLength = 4;

        /// <summary>The AQI field appended to the particulates group when its bit 30 is set (docs/telemetry-format.md, particulates group).</summary>
        public const int AqiLength = 2;
        public const int NoiseLength = 3;
        public const int LampLength = 3;
        public const int NoiseStatisticsLength = 6;

        /// <summary>Largest frame v1 can produce: every group, 16 bays, 7 health entries.</summary>
        public const int MaxLength = HeaderLength + ClimateLength + ParticulatesLength + AqiLength + NoiseLength
            + 1 + (TelemetryReport.MaxParkingBays / 4) + LampLength + 1 + TelemetryReport.MaxHealthEntries
            + NoiseStatisticsLength;

        /// <summary>2020-01-01T00:00:00Z. A non-zero timestamp before it cannot come from a node whose
        /// clock was set, so the decoder treats it as corruption.</summary>
        public const uint EarliestTimestamp = 1577836800;

        // Ranges in frame units (docs/telemetry-format.md, "Groups").
        public const int TemperatureMin = -4000;   // -40.00 °C: BME280 operating range (datasheet table 1)
        public const int TemperatureMax = 8500;    // +85.00 °C
        public const int HumidityMax = 200;        // 100.0 %RH in 0.5 % steps
        public const int PressureMin = 3000;       // 300.0 hPa: BME280 operating range (datasheet table 1)
        public const int PressureMax = 11000;      // 1100.0 hPa
        public const int ParticulateMax = 1000;    // µg/m³: PMS5003 maximum range (datasheet "Technical Index")
        public const int SoundLevelMax = 1500;     // 150.0 dB: above any outdoor microphone's range
        public const int LampLevelMax = 200;       // 100.0 % in 0.5 % steps
        public const int LampEnergyMax = 65535;    // 6553.5 Wh per interval
        public const int AqiMax = 500;             // top of both AQI tables (EPA TAD 2024 Table 6, HJ 633-2012 Table 1)
    }
}
