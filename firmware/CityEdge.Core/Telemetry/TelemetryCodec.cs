using System;
using CityEdge.Air;
using CityEdge.Health;

namespace CityEdge.Telemetry
{
    /// <summary>
    /// Encodes and strictly decodes telemetry frame v1 (docs/telemetry-format.md). Encoding writes into
    /// a caller's buffer and allocates nothing. Decoding (TelemetryCodec.Decode.host.cs, the command
    /// centre's side, not in the device image) checks every length, range and reserved bit and throws
    /// <see cref="FrameFormatException"/> at the first problem, so a half-decoded reading never reaches
    /// a caller.
    /// </summary>
    public static partial class TelemetryCodec
    {
        /// <summary>Bytes <see cref="Encode"/> will write for this report.</summary>
        public static int GetEncodedLength(TelemetryReport report)
        {
            int length = TelemetryFrame.HeaderLength;
            if (report.HasClimate)
            {
                length += TelemetryFrame.ClimateLength;
            }

            if (report.HasParticulates)
            {
                length += TelemetryFrame.ParticulatesLength + (report.HasAqi ? TelemetryFrame.AqiLength : 0);
            }

            if (report.HasNoise)
            {
                length += TelemetryFrame.NoiseLength;
            }

            if (report.ParkingBayCount > 0)
            {
                length += 1 + ((report.ParkingBayCount + 3) / 4);
            }

            if (report.HasLamp)
            {
                length += TelemetryFrame.LampLength;
            }

            if (report.HealthEntryCount > 0)
            {
                length += 1 + report.HealthEntryCount;
            }

            if (report.HasNoiseStatistics)
            {
                length += TelemetryFrame.NoiseStatisticsLength;
            }

            return length;
        }

        /// <summary>
        /// Writes the frame at <paramref name="offset"/> and returns its length. A value outside the
        /// field's range is a bug upstream (pipelines flag such readings as faults), so it throws
        /// <see cref="ArgumentOutOfRangeException"/> naming the field rather than sending a clipped value.
        /// </summary>
        public static int Encode(TelemetryReport report, byte[] buffer, int offset)
        {
            int length = GetEncodedLength(report);
            if (buffer == null || offset < 0 || offset + length > buffer.Length)
            {
                throw new ArgumentException("buffer needs " + length + " bytes from offset " + offset, "buffer");
            }

            int mask = 0;
            mask |= report.HasClimate ? TelemetryFrame.GroupClimate : 0;
            mask |= report.HasParticulates ? TelemetryFrame.GroupParticulates : 0;
            mask |= report.HasNoise ? TelemetryFrame.GroupNoise : 0;
            mask |= report.ParkingBayCount > 0 ? TelemetryFrame.GroupParking : 0;
            mask |= report.HasLamp ? TelemetryFrame.GroupLamp : 0;
            mask |= report.HealthEntryCount > 0 ? TelemetryFrame.GroupHealth : 0;
            mask |= report.HasNoiseStatistics ? TelemetryFrame.GroupNoiseStatistics : 0;
            if (report.HasNoiseStatistics && !report.HasNoise)
            {
                throw new ArgumentException("the noise statistics group needs the noise group (HasNoise)", "report");
            }

            int p = offset;
            buffer[p++] = TelemetryFrame.Version;
            buffer[p++] = (byte)mask;
            p = PutUInt16(buffer, p, report.Sequence & 0xFFFF);
            uint ts = report.TimestampUnixSeconds;
            buffer[p++] = (byte)(ts >> 24);
            buffer[p++] = (byte)(ts >> 16);
            buffer[p++] = (byte)(ts >> 8);
            buffer[p++] = (byte)ts;

            if (report.HasClimate)
            {
                int t = Quantize(report.TemperatureDegC, 100, TelemetryFrame.TemperatureMin, TelemetryFrame.TemperatureMax, "climate.temperature");
                p = PutUInt16(buffer, p, t & 0xFFFF);
                buffer[p++] = (byte)Quantize(report.HumidityPct, 2, 0, TelemetryFrame.HumidityMax, "climate.humidity");
                p = PutUInt16(buffer, p, Quantize(report.PressureHpa, 10, TelemetryFrame.PressureMin, TelemetryFrame.PressureMax, "climate.pressure"));
            }

            if (report.HasAqi && !report.HasParticulates)
            {
                throw new ArgumentOutOfRangeException("particulates.aqi", "an AQI needs the particulates group it belongs to");
            }

            if (report.HasParticulates)
            {
                uint word = report.ParticulatesHumidityFlag ? 0x80000000u : 0u;
                word |= report.HasAqi ? 0x40000000u : 0u;
                word |= (uint)Quantize(report.Pm1_0UgM3, 1, 0, TelemetryFrame.ParticulateMax, "particulates.pm1_0") << 20;
                word |= (uint)Quantize(report.Pm2_5UgM3, 1, 0, TelemetryFrame.ParticulateMax, "particulates.pm2_5") << 10;
                word |= (uint)Quantize(report.Pm10UgM3, 1, 0, TelemetryFrame.ParticulateMax, "particulates.pm10");
                buffer[p++] = (byte)(word >> 24);
                buffer[p++] = (byte)(word >> 16);
                buffer[p++] = (byte)(word >> 8);
                buffer[p++] = (byte)word;
                if (report.HasAqi)
                {
                    p = PutUInt16(buffer, p, EncodeAqi(report));
                }
            }

            if (report.HasNoise)
            {
                int word = report.NoiseRangeFlag ? 0x800000 : 0;
                word |= Quantize(report.LaeqDb, 10, 0, TelemetryFrame.SoundLevelMax, "noise.laeq") << 11;
                word |= Quantize(report.LafmaxDb, 10, 0, TelemetryFrame.SoundLevelMax, "noise.lafmax");
                buffer[p++] = (byte)(word >> 16);
                buffer[p++] = (byte)(word >> 8);
                buffer[p++] = (byte)word;
            }

            if (report.ParkingBayCount > 0)
            {
                buffer[p++] = (byte)report.ParkingBayCount;
                int stateBytes = (report.ParkingBayCount + 3) / 4;
                for (int i = 0; i < stateBytes; i++)
                {
                    buffer[p + i] = 0;
                }

                for (int bay = 0; bay < report.ParkingBayCount; bay++)
                {
                    // Bay 0 in the two most significant bits of the first byte.
                    buffer[p + (bay / 4)] |= (byte)((int)report.GetBayState(bay) << (6 - (2 * (bay % 4))));
                }

                p += stateBytes;
            }

            if (report.HasLamp)
            {
                buffer[p++] = (byte)Quantize(report.LampLevelPct, 2, 0, TelemetryFrame.LampLevelMax, "lamp.level");
                p = PutUInt16(buffer, p, Quantize(report.LampEnergyWh, 10, 0, TelemetryFrame.LampEnergyMax, "lamp.energy"));
            }

            if (report.HealthEntryCount > 0)
            {
                buffer[p++] = (byte)report.HealthEntryCount;
                for (int i = 0; i < report.HealthEntryCount; i++)
                {
                    buffer[p++] = (byte)(((int)report.GetFaultSource(i) << 4) | (int)report.GetFaultReason(i));
                }
            }

            if (report.HasNoiseStatistics)
            {
                p = PutNoiseStatistics(report, buffer, p);
            }

            return p - offset;
        }

        /// <summary>AQI field: bits 15-6 index, bit 5 standard, bits 4-3 dominant pollutant, bits 2-0 reserved.</summary>
        private static int EncodeAqi(TelemetryReport report)
        {
            if (report.AqiValue < 0 || report.AqiValue > TelemetryFrame.AqiMax)
            {
                throw new ArgumentOutOfRangeException("particulates.aqi", "particulates.aqi = " + report.AqiValue + " is outside 0.." + TelemetryFrame.AqiMax);
            }

            string problem = AqiDominantProblem(report.AqiStandard, report.AqiValue, report.AqiDominant);
            if (problem != null)
            {
                throw new ArgumentOutOfRangeException("particulates.aqi_dominant", problem);
            }

            return (report.AqiValue << 6) | ((int)report.AqiStandard << 5) | ((int)report.AqiDominant << 3);
        }

        /// <summary>Null when the dominant pollutant fits the index: HJ 633-2012 names none at 50 or
        /// below and one above; the US AQI always names one.</summary>
        private static string AqiDominantProblem(AqiStandard standard, int aqi, AqiPollutant dominant)
        {
            bool none = dominant == AqiPollutant.None;
            if (standard == AqiStandard.ChinaHj633 && aqi <= 50)
            {
                return none ? null : "HJ 633 index " + aqi + " (50 or less) has no dominant pollutant, got " + (int)dominant;
            }

            return none ? "index " + aqi + " needs a dominant pollutant" : null;
        }

        /// <summary>Four 11-bit 0.1 dB levels, most significant first, then 4 reserved zero bits.</summary>
        private static int PutNoiseStatistics(TelemetryReport report, byte[] buffer, int p)
        {
            long word = (long)Quantize(report.LafminDb, 10, 0, TelemetryFrame.SoundLevelMax, "noise_stats.lafmin") << 37;
            word |= (long)Quantize(report.La10Db, 10, 0, TelemetryFrame.SoundLevelMax, "noise_stats.la10") << 26;
            word |= (long)Quantize(report.La50Db, 10, 0, TelemetryFrame.SoundLevelMax, "noise_stats.la50") << 15;
            word |= (long)Quantize(report.La90Db, 10, 0, TelemetryFrame.SoundLevelMax, "noise_stats.la90") << 4;
            for (int shift = 40; shift >= 0; shift -= 8)
            {
                buffer[p++] = (byte)(word >> shift);
            }

            return p;
        }

        private static int PutUInt16(byte[] buffer, int p, int value)
        {
            buffer[p] = (byte)(value >> 8);
            buffer[p + 1] = (byte)value;
            return p + 2;
        }

        /// <summary>Rounds half away from zero to the field's resolution and checks its range.</summary>
        private static int Quantize(float value, int unitsPerOne, int min, int max, string field)
        {
            double scaled = (double)value * unitsPerOne;
            int units = scaled >= 0 ? (int)(scaled + 0.5) : -(int)(0.5 - scaled);
            if (!(scaled >= min - 0.5 && scaled <= max + 0.5) || units < min || units > max)
            {
                throw new ArgumentOutOfRangeException(field, field + " = " + value + " is outside the frame's range "
                    + ((float)min / unitsPerOne) + ".." + ((float)max / unitsPerOne));
            }

            return units;
        }
    }
}
