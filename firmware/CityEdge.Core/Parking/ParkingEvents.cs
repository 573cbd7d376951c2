using System;
using CityEdge.Telemetry;

namespace CityEdge.Parking
{
    /// <summary>
    /// Payloads of the parking events (types 1–15 belong to parking; docs/parking.md).
    /// Type 1 "bay state changed": bay (1), state (1: 0 free, 1 occupied, 2 unknown), cause (1,
    /// <see cref="BayChangeCause"/>), age (2, big-endian seconds between the change and the event's
    /// timestamp), deviation (2, big-endian 0.1 µT; 0xFFFF none). Type 2 "long stay": bay (1), stay (2,
    /// big-endian hours, saturating), field span during the stay (2, big-endian 0.1 µT, saturating).
    /// </summary>
    public static class ParkingEvents
    {
        public const int TypeBayStateChanged = 1;

        public const int TypeLongStay = 2;

        public const int BayStateChangedLength = 7;

        public const int LongStayLength = 5;

        /// <summary>Deviation field value meaning "no reading".</summary>
        public const int NoDeviation = 0xFFFF;

        public static int EncodeBayStateChanged(int bay, ParkingBayState state, BayChangeCause cause, long ageMs, float deviationUt, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)bay;
            buffer[offset + 1] = (byte)state;
            buffer[offset + 2] = (byte)cause;
            WriteU16(Saturate(ageMs < 0 ? 0 : ageMs / 1000, 0xFFFF), buffer, offset + 3);
            WriteU16(deviationUt < 0f ? NoDeviation : Saturate((long)((deviationUt * 10f) + 0.5f), NoDeviation - 1), buffer, offset + 5);
            return BayStateChangedLength;
        }

        public static int EncodeLongStay(int bay, long stayMs, float spanUt, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)bay;
            WriteU16(Saturate(stayMs / 3600000L, 0xFFFF), buffer, offset + 1);
            WriteU16(Saturate((long)((spanUt * 10f) + 0.5f), 0xFFFF), buffer, offset + 3);
            return LongStayLength;
        }

        /// <summary>Checks a type 1 payload and returns its bay; throws <see cref="FrameFormatException"/>
        /// naming the payload offset and field of the first problem.</summary>
        public static int DecodeBayStateChanged(byte[] payload, int offset, int count, out ParkingBayState state, out BayChangeCause cause, out int ageS, out int deviationDut)
        {
            if (count != BayStateChangedLength)
            {
                throw new FrameFormatException(count < BayStateChangedLength ? count : BayStateChangedLength, "bay_state.length", "payload is " + count + " bytes; bay state changed has " + BayStateChangedLength);
            }

            int bay = payload[offset];
            if (bay >= TelemetryReport.MaxParkingBays)
            {
                throw new FrameFormatException(0, "bay_state.bay", "bay " + bay + " outside 0.." + (TelemetryReport.MaxParkingBays - 1));
            }

            int rawState = payload[offset + 1];
            if (rawState > (int)ParkingBayState.Unknown)
            {
                throw new FrameFormatException(1, "bay_state.state", "state " + rawState + " is not 0 (free), 1 (occupied) or 2 (unknown)");
            }

            int rawCause = payload[offset + 2];
            if (rawCause > (int)BayChangeCause.Watchdog)
            {
                throw new FrameFormatException(2, "bay_state.cause", "cause " + rawCause + " is not 0..3");
            }

            state = (ParkingBayState)rawState;
            cause = (BayChangeCause)rawCause;
            ageS = (payload[offset + 3] << 8) | payload[offset + 4];
            deviationDut = (payload[offset + 5] << 8) | payload[offset + 6];
            return bay;
        }

        private static int Saturate(long value, int max)
        {
            return value > max ? max : (int)value;
        }

        private static void WriteU16(int value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }
    }
}
