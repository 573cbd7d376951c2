using System;
using CityEdge.Air;
using CityEdge.Health;

namespace CityEdge.Telemetry
{
    /// <summary>
    /// The decoding half of <see cref="TelemetryCodec"/>: the command centre's, not the node's, so it
    /// is compiled into the host library only (*.host.cs is left out of the device image,
    /// firmware/CityEdge.Core/CityEdge.Core.projitems). It stays in the nanoFramework subset.
    /// </summary>
    public static partial class TelemetryCodec
    {
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
