using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Parking;

namespace CityEdge.Drivers.Qmc5883l
{
    /// <summary>
    /// QMC5883L 3-axis magnetometer over I2C, set up for an in-ground parking sensor: ±8 G range
    /// (a car's engine block 0.1–0.5 m above adds up to a few hundred µT to the Earth's ~50 µT; ±2 G
    /// = ±200 µT would clip exactly when a car is there), OSR 512, 10 Hz continuous (README.md).
    /// Self-check: chip id 0x0D must read 0xFF and control register 1 must read back what was
    /// written. After <see cref="MaxConsecutiveFailures"/> failed reads the chip is set up again
    /// (it may have browned out into standby). Every failure kind has its own counter.
    /// </summary>
    public sealed class Qmc5883l : IMagnetometer
    {
        /// <summary>Failed reads in a row after which the next read re-initialises the chip.</summary>
        public const int MaxConsecutiveFailures = 3;

        private const byte Control1Value = Qmc5883lRegisters.Osr512 | Qmc5883lRegisters.Range8G | Qmc5883lRegisters.Odr10Hz | Qmc5883lRegisters.ModeContinuous;
        private const float MicroteslaPerLsb = Qmc5883lRegisters.MicroteslaPerGauss / Qmc5883lRegisters.LsbPerGauss8G;

        private readonly I2cRegisterPort _port;
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _data = new byte[6];
        private bool _initialized;
        private int _consecutiveFailures;

        public Qmc5883l(II2cDevice device)
        {
            _port = new I2cRegisterPort(device);
        }

        public FaultReason LastFault { get; private set; }

        /// <summary>±8 G = ±800 µT.</summary>
        public float FullScaleUt
        {
            get { return 8f * Qmc5883lRegisters.MicroteslaPerGauss; }
        }

        /// <summary>Transfers the bus did not complete (no acknowledge, timeout, fault).</summary>
        public int BusErrorCount
        {
            get { return _port.BusErrorCount; }
        }

        /// <summary>Self-checks that found a wrong chip id or a control register that did not take the value written.</summary>
        public int SelfCheckFailureCount { get; private set; }

        /// <summary>Reads with no new sample (DRDY clear) although the chip runs continuously at 10 Hz.</summary>
        public int NotReadyCount { get; private set; }

        /// <summary>Reads with the overflow flag (OVL) set: an axis beyond ±8 G.</summary>
        public int OverflowCount { get; private set; }

        /// <summary>Successful set-ups (the first one and every recovery).</summary>
        public int InitCount { get; private set; }

        /// <summary>
        /// Soft reset, chip id check, SET/RESET period, control register 1 (written and read back).
        /// False (with <see cref="LastFault"/>) when any step fails; the next read tries again.
        /// </summary>
        public bool Initialize()
        {
            _initialized = false;
            if (!WriteRegister(Qmc5883lRegisters.Control2, Qmc5883lRegisters.Control2SoftReset))
            {
                return false;
            }

            if (!ReadRegister(Qmc5883lRegisters.ChipId))
            {
                return false;
            }

            if (_one[0] != Qmc5883lRegisters.ChipIdValue)
            {
                SelfCheckFailureCount++;
                LastFault = FaultReason.BadData;
                return false;
            }

            // Pointer roll-over lets one burst read the six data bytes and wrap; no interrupt pin used.
            if (!WriteRegister(Qmc5883lRegisters.Control2, Qmc5883lRegisters.Control2PointerRollOver)
                || !WriteRegister(Qmc5883lRegisters.SetResetPeriod, Qmc5883lRegisters.SetResetPeriodRecommended)
                || !WriteRegister(Qmc5883lRegisters.Control1, Control1Value)
                || !ReadRegister(Qmc5883lRegisters.Control1))
            {
                return false;
            }

            if (_one[0] != Control1Value)
            {
                SelfCheckFailureCount++;
                LastFault = FaultReason.BadData;
                return false;
            }

            _initialized = true;
            _consecutiveFailures = 0;
            InitCount++;
            LastFault = FaultReason.None;
            return true;
        }

        public bool TryRead(MagneticSample sample)
        {
            if (!_initialized && !Initialize())
            {
                return Failed();
            }

            if (!ReadRegister(Qmc5883lRegisters.Status))
            {
                return Failed();
            }

            byte status = _one[0];
            if ((status & Qmc5883lRegisters.StatusDataReady) == 0)
            {
                NotReadyCount++;
                LastFault = FaultReason.Stale;
                return Failed();
            }

            if (!_port.Read(Qmc5883lRegisters.DataXLsb, _data, 0, 6))
            {
                LastFault = _port.LastBusFault;
                return Failed();
            }

            if ((status & Qmc5883lRegisters.StatusOverflow) != 0)
            {
                // The datasheet fixes the output when OVL is set: the values mean nothing.
                OverflowCount++;
                LastFault = FaultReason.OutOfRange;
                _consecutiveFailures = 0;
                return false;
            }

            sample.XUt = I2cRegisterPort.ToInt16(_data[1], _data[0]) * MicroteslaPerLsb;
            sample.YUt = I2cRegisterPort.ToInt16(_data[3], _data[2]) * MicroteslaPerLsb;
            sample.ZUt = I2cRegisterPort.ToInt16(_data[5], _data[4]) * MicroteslaPerLsb;
            _consecutiveFailures = 0;
            LastFault = FaultReason.None;
            return true;
        }

        private bool Failed()
        {
            _consecutiveFailures++;
            if (_consecutiveFailures >= MaxConsecutiveFailures)
            {
                _initialized = false;
            }

            return false;
        }

        private bool WriteRegister(byte register, byte value)
        {
            if (_port.Write(register, value))
            {
                return true;
            }

            LastFault = _port.LastBusFault;
            return false;
        }

        private bool ReadRegister(byte register)
        {
            if (_port.Read(register, _one, 0, 1))
            {
                return true;
            }

            LastFault = _port.LastBusFault;
            return false;
        }
    }
}
