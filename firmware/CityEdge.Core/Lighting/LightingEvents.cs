namespace CityEdge.Lighting
{
    /// <summary>Kinds of lamp fault (byte 0 of the lamp fault event).</summary>
    public enum LampFault
    {
        /// <summary>Commanded on, but the lamp draws far less than the power model expects (LEDs or driver output dead).</summary>
        LampFailure = 1,
        /// <summary>Lit in full daylight (stuck output, fail-safe mode by day, lost calendar).</summary>
        DayBurning = 2,
        /// <summary>The driver does not follow its dim input: power while commanded off, or far above the model.</summary>
        DriverFault = 3,
    }

    /// <summary>
    /// Lighting's event types and payloads (event types 16..31 belong to lighting; docs/lighting.md
    /// has the byte-level spec and hex vectors). Levels travel in 0.5 % steps (0..200) like frame v1's
    /// lamp group; watts ×10 as big-endian 16-bit, 0xFFFF = not measured.
    /// </summary>
    public static class LightingEvents
    {
        /// <summary>fault (1, <see cref="LampFault"/>), raised (1: 1 raised, 0 cleared), level (1),
        /// expected W×10 (2), measured W×10 (2).</summary>
        public const int LampFaultType = 16;
        public const int LampFaultLength = 7;

        /// <summary>mode (1, <see cref="LightingMode"/>), previous mode (1), level (1).</summary>
        public const int ModeChangedType = 17;
        public const int ModeChangedLength = 3;

        /// <summary>kind (1: <see cref="OverrideKind"/>, 0 = ended), level (1), duration s (4; 0 when ended).</summary>
        public const int OverrideType = 18;
        public const int OverrideLength = 6;

        public const int NotMeasured = 0xFFFF;

        public static int EncodeLampFault(LampFault fault, bool raised, float levelPct, float expectedW, float measuredW, bool measured, byte[] buffer)
        {
            buffer[0] = (byte)fault;
            buffer[1] = (byte)(raised ? 1 : 0);
            buffer[2] = Level(levelPct);
            PutWatts(buffer, 3, expectedW, true);
            PutWatts(buffer, 5, measuredW, measured);
            return LampFaultLength;
        }

        public static int EncodeModeChanged(LightingMode mode, LightingMode previous, float levelPct, byte[] buffer)
        {
            buffer[0] = (byte)mode;
            buffer[1] = (byte)previous;
            buffer[2] = Level(levelPct);
            return ModeChangedLength;
        }

        public static int EncodeOverride(int kind, float levelPct, int durationS, byte[] buffer)
        {
            buffer[0] = (byte)kind;
            buffer[1] = Level(levelPct);
            buffer[2] = (byte)(durationS >> 24);
            buffer[3] = (byte)(durationS >> 16);
            buffer[4] = (byte)(durationS >> 8);
            buffer[5] = (byte)durationS;
            return OverrideLength;
        }

        private static byte Level(float levelPct)
        {
            float steps = levelPct * 2f;
            return (byte)(steps <= 0f ? 0 : steps >= 200f ? 200 : (int)(steps + 0.5f));
        }

        private static void PutWatts(byte[] buffer, int at, float watts, bool valid)
        {
            int value = !valid ? NotMeasured : watts <= 0f ? 0 : (int)((watts * 10f) + 0.5f);
            value = value > NotMeasured - 1 && valid ? NotMeasured - 1 : value;
            buffer[at] = (byte)(value >> 8);
            buffer[at + 1] = (byte)value;
        }
    }
}
