namespace CityEdge.Drivers.Bh1750
{
    /// <summary>
    /// ROHM BH1750FVI instruction set and constants (datasheet BH1750FVI Rev. D, "Instruction Set
    /// Architecture" and "Electrical Characteristics"). The device has no registers: each write of
    /// one opcode byte is an instruction, each 2-byte read is the last measurement, high byte first.
    /// </summary>
    public static class Bh1750Commands
    {
        /// <summary>7-bit address with ADDR tied low (≤ 0.3 VCC): 0100011.</summary>
        public const int AddressLow = 0x23;

        /// <summary>7-bit address with ADDR tied high (≥ 0.7 VCC): 1011100.</summary>
        public const int AddressHigh = 0x5C;

        /// <summary>Power Down: no active state.</summary>
        public const byte PowerDown = 0x00;

        /// <summary>Power On: waiting for a measurement command.</summary>
        public const byte PowerOn = 0x01;

        /// <summary>Reset: clears the data register (not accepted in power down).</summary>
        public const byte Reset = 0x07;

        /// <summary>One Time H-Resolution Mode: one measurement at 1 lx resolution, then power down by itself.</summary>
        public const byte OneTimeHighResolution = 0x20;

        /// <summary>H-resolution measurement time, maximum (typ. 120 ms): tHmax.</summary>
        public const int HighResolutionMaxMs = 180;

        /// <summary>Counts per lux at the default measurement time (MTreg 69): "(High Byte + Low Byte) / 1.2 [lx]".</summary>
        public const float CountsPerLux = 1.2f;
    }
}
