namespace CityEdge.Drivers.Qmc5883l
{
    /// <summary>
    /// QMC5883L register map and field values (QST "QMC5883L 3-Axis Magnetic Sensor" datasheet v1.0,
    /// section 9 "Register Map", table 14 and 9.2.1–9.2.5).
    /// </summary>
    public static class Qmc5883lRegisters
    {
        /// <summary>7-bit I2C address (datasheet 9.1, "I2C Interface": 0x0D).</summary>
        public const int Address = 0x0D;

        /// <summary>Data output X LSB; X MSB, Y LSB, Y MSB, Z LSB, Z MSB follow (0x00–0x05, 16-bit two's complement, LSB first).</summary>
        public const byte DataXLsb = 0x00;

        /// <summary>Status: bit 0 DRDY, bit 1 OVL (an axis exceeded the range), bit 2 DOR (data skipped).</summary>
        public const byte Status = 0x06;

        /// <summary>Temperature LSB (0x07–0x08, relative, 100 LSB/°C).</summary>
        public const byte TemperatureLsb = 0x07;

        /// <summary>Control register 1: OSR [7:6], RNG [5:4], ODR [3:2], MODE [1:0].</summary>
        public const byte Control1 = 0x09;

        /// <summary>Control register 2: SOFT_RST bit 7, ROL_PNT bit 6, INT_ENB bit 0.</summary>
        public const byte Control2 = 0x0A;

        /// <summary>SET/RESET period register; the datasheet recommends 0x01 (9.2.4).</summary>
        public const byte SetResetPeriod = 0x0B;

        /// <summary>Chip identification register; reads 0xFF (9.2.5).</summary>
        public const byte ChipId = 0x0D;

        public const byte ChipIdValue = 0xFF;

        public const byte SetResetPeriodRecommended = 0x01;

        public const byte StatusDataReady = 0x01;

        public const byte StatusOverflow = 0x02;

        public const byte StatusDataSkipped = 0x04;

        public const byte Control2SoftReset = 0x80;

        public const byte Control2PointerRollOver = 0x40;

        /// <summary>Over-sample ratio 512 (OSR = 00): lowest noise, the datasheet's default (table 16).</summary>
        public const byte Osr512 = 0x00;

        /// <summary>Full scale ±2 G (RNG = 00, table 16).</summary>
        public const byte Range2G = 0x00;

        /// <summary>Full scale ±8 G (RNG = 01, table 16).</summary>
        public const byte Range8G = 0x10;

        /// <summary>Output data rate 10 Hz (ODR = 00, table 16).</summary>
        public const byte Odr10Hz = 0x00;

        /// <summary>Continuous measurement mode (MODE = 01, table 16); 00 is standby.</summary>
        public const byte ModeContinuous = 0x01;

        /// <summary>Sensitivity at ±2 G: 12000 LSB/G (datasheet table 2, "Field Range / Sensitivity").</summary>
        public const int LsbPerGauss2G = 12000;

        /// <summary>Sensitivity at ±8 G: 3000 LSB/G (datasheet table 2).</summary>
        public const int LsbPerGauss8G = 3000;

        /// <summary>1 gauss = 100 µT.</summary>
        public const float MicroteslaPerGauss = 100f;
    }
}
