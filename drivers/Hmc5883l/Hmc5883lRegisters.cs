namespace CityEdge.Drivers.Hmc5883l
{
    /// <summary>
    /// HMC5883L register map and field values (Honeywell "3-Axis Digital Compass IC HMC5883L",
    /// Form #900405 Rev E, tables 2–17).
    /// </summary>
    public static class Hmc5883lRegisters
    {
        /// <summary>7-bit I2C address (datasheet "I2C Interface": 0x3C write / 0x3D read = 0x1E).</summary>
        public const int Address = 0x1E;

        /// <summary>Configuration register A: MA [6:5] samples averaged, DO [4:2] output rate, MS [1:0] measurement mode (table 3).</summary>
        public const byte ConfigA = 0x00;

        /// <summary>Configuration register B: GN [7:5] gain (tables 6–9).</summary>
        public const byte ConfigB = 0x01;

        /// <summary>Mode register: MD [1:0] (tables 10–12).</summary>
        public const byte Mode = 0x02;

        /// <summary>Data output X MSB; then X LSB, Z MSB, Z LSB, Y MSB, Y LSB (note the X, Z, Y order; table 2).</summary>
        public const byte DataXMsb = 0x03;

        /// <summary>Status register: bit 1 LOCK, bit 0 RDY (table 16).</summary>
        public const byte Status = 0x09;

        /// <summary>Identification registers A, B, C read 'H', '4', '3' (table 17).</summary>
        public const byte IdA = 0x0A;

        public const byte IdAValue = (byte)'H';

        public const byte IdBValue = (byte)'4';

        public const byte IdCValue = (byte)'3';

        public const byte StatusReady = 0x01;

        /// <summary>8 samples averaged (MA = 11).</summary>
        public const byte Average8 = 0x60;

        /// <summary>15 Hz output rate (DO = 100, the default).</summary>
        public const byte Rate15Hz = 0x10;

        /// <summary>Normal measurement (MS = 00).</summary>
        public const byte MeasureNormal = 0x00;

        /// <summary>Positive bias for self-test (MS = 01): a built-in current adds a known field on all axes.</summary>
        public const byte MeasurePositiveBias = 0x01;

        /// <summary>Continuous measurement mode (MD = 00).</summary>
        public const byte ModeContinuous = 0x00;

        /// <summary>Gain code 5 (GN = 101): ±4.7 Ga, 390 LSB/Ga; also the gain the self-test limits are given for.</summary>
        public const int Gain5 = 5;

        /// <summary>A data register reads this when its axis overflowed or underflowed (table 2 note: 0xF000 = -4096).</summary>
        public const int Overflow = -4096;

        /// <summary>Self-test output limits at gain 5, LSB, every axis ("Self Test Operation": 243 and 575).</summary>
        public const int SelfTestMinLsb = 243;

        public const int SelfTestMaxLsb = 575;

        /// <summary>1 gauss = 100 µT.</summary>
        public const float MicroteslaPerGauss = 100f;

        /// <summary>LSB per gauss for gain codes 0..7 (table 9): 1370, 1090 (default), 820, 660, 440, 390, 330, 230.</summary>
        public static readonly int[] LsbPerGauss = new int[] { 1370, 1090, 820, 660, 440, 390, 330, 230 };

        /// <summary>Recommended sensor field range in mGa for gain codes 0..7 (table 9): ±0.88 … ±8.1 Ga.</summary>
        public static readonly int[] RangeMilligauss = new int[] { 880, 1300, 1900, 2500, 4000, 4700, 5600, 8100 };
    }
}
