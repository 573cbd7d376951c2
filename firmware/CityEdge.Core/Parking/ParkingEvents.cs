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
    public static partial class ParkingEvents
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
