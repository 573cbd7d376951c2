using System;
using CityEdge.Air;
using CityEdge.Health;

namespace CityEdge.Telemetry
{
    /// <summary>
    /// Encodes and strictly decodes telemetry frame v1 (docs/telemetry-format.md). Encoding writes into
    /// a caller's buffer and allocates nothing. Decoding checks every length, range and reserved bit and
    /// throws <see cref="FrameFormatException"/> at the first problem, so a half-decoded reading never
    /// reaches a caller.
    /// </summary>
    public static class TelemetryCodec
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

        /// <summary>
        /// Decodes exactly <paramref name="count"/> bytes into <paramref name="into"/>. On any problem it
        /// throws <see cref="FrameFormatException"/> and <paramref name="into"/> is left cleared.
        /// </summary>
        public static void Decode(byte[] frame, int offset, int count, TelemetryReport into)
        {
            if (frame == null)
            {
                throw new ArgumentNullException("frame");
            }

            if (offset < 0 || count < 0 || offset + count > frame.Length)
            {
                throw new ArgumentOutOfRangeException("count", "offset " + offset + " + count " + count + " exceeds the buffer's " + frame.Length + " bytes");
            }

            into.Clear();
            try
            {
                DecodeChecked(new FrameReader(frame, offset, count), into);
            }
            catch (FrameFormatException)
            {
                into.Clear();
                throw;
            }
        }

        private static void DecodeChecked(FrameReader r, TelemetryReport into)
        {
            int version = r.Byte("version");
            if (version != TelemetryFrame.Version)
            {
                throw r.Error(0, "version", "unknown version " + version + " (this decoder reads version " + TelemetryFrame.Version + ")");
            }

            int mask = r.Byte("group_mask");
            if ((mask & TelemetryFrame.ReservedGroupBits) != 0)
            {
                throw r.Error(1, "group_mask", "reserved group bit set (mask 0x" + Hex(mask) + ", bit 7 must be 0)");
            }

            if ((mask & TelemetryFrame.GroupNoiseStatistics) != 0 && (mask & TelemetryFrame.GroupNoise) == 0)
            {
                throw r.Error(1, "group_mask", "noise statistics group (bit 6) without the noise group (bit 2) (mask 0x" + Hex(mask) + ")");
            }

            into.Sequence = r.UInt16("sequence");
            uint ts = r.UInt32("timestamp");
            if (ts != 0 && ts < TelemetryFrame.EarliestTimestamp)
            {
                throw r.Error(4, "timestamp", ts + " is before 2020-01-01 and not 0 (0 means clock not set)");
            }

            into.TimestampUnixSeconds = ts;

            if ((mask & TelemetryFrame.GroupClimate) != 0)
            {
                into.TemperatureDegC = r.Scaled(r.Int16("climate.temperature"), 100, TelemetryFrame.TemperatureMin, TelemetryFrame.TemperatureMax, 2, "climate.temperature");
                into.HumidityPct = r.Scaled(r.Byte("climate.humidity"), 2, 0, TelemetryFrame.HumidityMax, 1, "climate.humidity");
                into.PressureHpa = r.Scaled(r.UInt16("climate.pressure"), 10, TelemetryFrame.PressureMin, TelemetryFrame.PressureMax, 2, "climate.pressure");
                into.HasClimate = true;
            }

            if ((mask & TelemetryFrame.GroupParticulates) != 0)
            {
                uint word = r.UInt32("particulates");
                into.ParticulatesHumidityFlag = (word & 0x80000000u) != 0;
                into.Pm1_0UgM3 = r.Scaled((int)((word >> 20) & 0x3FF), 1, 0, TelemetryFrame.ParticulateMax, 4, "particulates.pm1_0");
                into.Pm2_5UgM3 = r.Scaled((int)((word >> 10) & 0x3FF), 1, 0, TelemetryFrame.ParticulateMax, 4, "particulates.pm2_5");
                into.Pm10UgM3 = r.Scaled((int)(word & 0x3FF), 1, 0, TelemetryFrame.ParticulateMax, 4, "particulates.pm10");
                into.HasParticulates = true;
                if ((word & 0x40000000u) != 0)
                {
                    DecodeAqi(r, into);
                }
            }

            if ((mask & TelemetryFrame.GroupNoise) != 0)
            {
                int word = r.UInt24("noise");
                if ((word & 0x400000) != 0)
                {
                    throw r.Error(r.Position - 3, "noise.flags", "reserved bit 22 set");
                }

                into.NoiseRangeFlag = (word & 0x800000) != 0;
                into.LaeqDb = r.Scaled((word >> 11) & 0x7FF, 10, 0, TelemetryFrame.SoundLevelMax, 3, "noise.laeq");
                into.LafmaxDb = r.Scaled(word & 0x7FF, 10, 0, TelemetryFrame.SoundLevelMax, 3, "noise.lafmax");
                into.HasNoise = true;
            }

            if ((mask & TelemetryFrame.GroupParking) != 0)
            {
                DecodeParking(r, into);
            }

            if ((mask & TelemetryFrame.GroupLamp) != 0)
            {
                into.LampLevelPct = r.Scaled(r.Byte("lamp.level"), 2, 0, TelemetryFrame.LampLevelMax, 1, "lamp.level");
                into.LampEnergyWh = r.Scaled(r.UInt16("lamp.energy"), 10, 0, TelemetryFrame.LampEnergyMax, 2, "lamp.energy");
                into.HasLamp = true;
            }

            if ((mask & TelemetryFrame.GroupHealth) != 0)
            {
                DecodeHealth(r, into);
            }

            if ((mask & TelemetryFrame.GroupNoiseStatistics) != 0)
            {
                DecodeNoiseStatistics(r, into);
            }

            if (r.Remaining != 0)
            {
                throw r.Error(r.Position, "end", r.Remaining + " byte(s) after the last group (group mask 0x" + Hex(mask) + ")");
            }
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

        private static void DecodeAqi(FrameReader r, TelemetryReport into)
        {
            int offset = r.Position;
            int field = r.UInt16("particulates.aqi");
            if ((field & 0x07) != 0)
            {
                throw r.Error(offset + 1, "particulates.aqi_reserved", "reserved bits 0-2 set (0x" + Hex(field & 0xFF) + ")");
            }

            int aqi = field >> 6;
            if (aqi > TelemetryFrame.AqiMax)
            {
                throw r.Error(offset, "particulates.aqi", "index " + aqi + " outside 0.." + TelemetryFrame.AqiMax);
            }

            AqiStandard standard = (AqiStandard)((field >> 5) & 0x01);
            AqiPollutant dominant = (AqiPollutant)((field >> 3) & 0x03);
            string problem = AqiDominantProblem(standard, aqi, dominant);
            if (problem != null)
            {
                throw r.Error(offset + 1, "particulates.aqi_dominant", problem);
            }

            into.HasAqi = true;
            into.AqiValue = aqi;
            into.AqiStandard = standard;
            into.AqiDominant = dominant;
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

        private static void DecodeParking(FrameReader r, TelemetryReport into)
        {
            int countOffset = r.Position;
            int head = r.Byte("parking.count");
            if ((head & 0xE0) != 0)
            {
                throw r.Error(countOffset, "parking.count", "reserved bits 5-7 set (0x" + Hex(head) + ")");
            }

            if (head == 0 || head > TelemetryReport.MaxParkingBays)
            {
                throw r.Error(countOffset, "parking.count", "bay count " + head + " outside 1.." + TelemetryReport.MaxParkingBays);
            }

            into.SetParkingBayCount(head);
            int stateBytes = (head + 3) / 4;
            for (int i = 0; i < stateBytes; i++)
            {
                int byteOffset = r.Position;
                int states = r.Byte("parking.states");
                for (int slot = 0; slot < 4; slot++)
                {
                    int bay = (i * 4) + slot;
                    int state = (states >> (6 - (2 * slot))) & 0x03;
                    if (bay >= head)
                    {
                        if (state != 0)
                        {
                            throw r.Error(byteOffset, "parking.states", "padding bits after bay " + (head - 1) + " set (0x" + Hex(states) + ")");
                        }
                    }
                    else if (state > (int)ParkingBayState.Unknown)
                    {
                        throw r.Error(byteOffset, "parking.states", "bay " + bay + " has reserved state 3");
                    }
                    else
                    {
                        into.SetBayState(bay, (ParkingBayState)state);
                    }
                }
            }
        }

        private static void DecodeHealth(FrameReader r, TelemetryReport into)
        {
            int countOffset = r.Position;
            int head = r.Byte("health.count");
            if ((head & 0xF8) != 0)
            {
                throw r.Error(countOffset, "health.count", "reserved bits 3-7 set (0x" + Hex(head) + ")");
            }

            if (head == 0)
            {
                throw r.Error(countOffset, "health.count", "health group present with 0 entries");
            }

            for (int i = 0; i < head; i++)
            {
                int entryOffset = r.Position;
                int entry = r.Byte("health.entry");
                int source = entry >> 4;
                int reason = entry & 0x0F;
                if (source < (int)FaultSource.Climate || source > (int)FaultSource.Scheduler)
                {
                    throw r.Error(entryOffset, "health.entry", "unknown source " + source);
                }

                if (reason < (int)FaultReason.NotResponding || reason > (int)FaultReason.Overflow)
                {
                    throw r.Error(entryOffset, "health.entry", "unknown reason " + reason);
                }

                if (!into.AddFault((FaultSource)source, (FaultReason)reason))
                {
                    throw r.Error(entryOffset, "health.entry", "source " + source + " appears twice");
                }
            }
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

        private static void DecodeNoiseStatistics(FrameReader r, TelemetryReport into)
        {
            int start = r.Position;
            long word = ((long)r.UInt24("noise_stats") << 24) | (long)r.UInt24("noise_stats");
            if ((word & 0x0F) != 0)
            {
                throw r.Error(start + 5, "noise_stats.reserved", "reserved bits 0-3 set (0x" + Hex((int)(word & 0x0F)) + ")");
            }

            into.LafminDb = r.Scaled((int)((word >> 37) & 0x7FF), 10, 0, TelemetryFrame.SoundLevelMax, 6, "noise_stats.lafmin");
            into.La10Db = r.Scaled((int)((word >> 26) & 0x7FF), 10, 0, TelemetryFrame.SoundLevelMax, 6, "noise_stats.la10");
            into.La50Db = r.Scaled((int)((word >> 15) & 0x7FF), 10, 0, TelemetryFrame.SoundLevelMax, 6, "noise_stats.la50");
            into.La90Db = r.Scaled((int)((word >> 4) & 0x7FF), 10, 0, TelemetryFrame.SoundLevelMax, 6, "noise_stats.la90");

            // Exceedance levels of one interval are ordered by definition: LAFmin <= LA90 <= LA50 <= LA10 <= LAFmax.
            if (!(into.LafminDb <= into.La90Db && into.La90Db <= into.La50Db && into.La50Db <= into.La10Db && into.La10Db <= into.LafmaxDb))
            {
                throw r.Error(start, "noise_stats", "levels out of order: LAFmin " + into.LafminDb + ", LA90 " + into.La90Db + ", LA50 " + into.La50Db
                    + ", LA10 " + into.La10Db + ", LAFmax " + into.LafmaxDb + " dB must not decrease");
            }

            into.HasNoiseStatistics = true;
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

        private static string Hex(int value)
        {
            return value.ToString("X2");
        }

        /// <summary>Bounds-checked big-endian reads over one frame; errors carry absolute frame offsets.</summary>
        private sealed class FrameReader
        {
            private readonly byte[] _frame;
            private readonly int _start;
            private readonly int _end;
            private int _p;

            public FrameReader(byte[] frame, int offset, int count)
            {
                _frame = frame;
                _start = offset;
                _end = offset + count;
                _p = offset;
            }

            /// <summary>Offset of the next byte, from the start of the frame.</summary>
            public int Position
            {
                get { return _p - _start; }
            }

            public int Remaining
            {
                get { return _end - _p; }
            }

            public int Byte(string field)
            {
                Need(1, field);
                return _frame[_p++];
            }

            public int UInt16(string field)
            {
                Need(2, field);
                int value = (_frame[_p] << 8) | _frame[_p + 1];
                _p += 2;
                return value;
            }

            public int Int16(string field)
            {
                return (short)UInt16(field);
            }

            public int UInt24(string field)
            {
                Need(3, field);
                int value = (_frame[_p] << 16) | (_frame[_p + 1] << 8) | _frame[_p + 2];
                _p += 3;
                return value;
            }

            public uint UInt32(string field)
            {
                Need(4, field);
                uint value = ((uint)_frame[_p] << 24) | ((uint)_frame[_p + 1] << 16) | ((uint)_frame[_p + 2] << 8) | _frame[_p + 3];
                _p += 4;
                return value;
            }

            /// <summary>Range-checks a value just read (<paramref name="width"/> bytes ago) and scales it.</summary>
            public float Scaled(int units, int unitsPerOne, int min, int max, int width, string field)
            {
                if (units < min || units > max)
                {
                    throw Error(Position - width, field, "value " + units + " outside " + min + ".." + max
                        + " (" + ((float)min / unitsPerOne) + ".." + ((float)max / unitsPerOne) + ")");
                }

                return (float)units / unitsPerOne;
            }

            public FrameFormatException Error(int offset, string field, string problem)
            {
                return new FrameFormatException(offset, field, problem);
            }

            private void Need(int bytes, string field)
            {
                if (_end - _p < bytes)
                {
                    throw new FrameFormatException(_end - _start, field, "frame ends after " + (_end - _start) + " bytes; "
                        + field + " needs " + bytes + " byte(s) from offset " + Position);
                }
            }
        }
    }
}
