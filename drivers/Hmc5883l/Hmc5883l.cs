using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Parking;

namespace CityEdge.Drivers.Hmc5883l
{
    /// <summary>
    /// HMC5883L 3-axis magnetometer over I2C, set up for an in-ground parking sensor: gain 5 (±4.7 Ga =
    /// ±470 µT, 390 LSB/Ga: the Earth's ~50 µT plus a car's few hundred µT fit, and 0.26 µT per LSB is
    /// far finer than the detector's thresholds), 8-sample average, 15 Hz continuous (README.md).
    /// <para>Self-check: the ID registers must read 'H', '4', '3', then the built-in self-test runs
    /// (positive bias, gain 5: the bias field on every axis must be 243..575 LSB, datasheet "Self Test
    /// Operation"; the ambient field is subtracted first).
    /// The self-test needs measurement periods between its steps; those waits are not slept but span
    /// <see cref="TryRead"/> calls: the first sets positive bias, the second reads the biased field and
    /// switches to normal measurement, the third reads the unbiased field and checks the difference,
    /// the fourth returns field values.</para>
    /// </summary>
    public sealed class Hmc5883l : IMagnetometer
    {
        /// <summary>Failed reads in a row after which the chip is set up (and self-tested) again.</summary>
        public const int MaxConsecutiveFailures = 3;

        private const int StateOff = 0;
        private const int StateSelfTest = 1;
        private const int StateSettling = 2;
        private const int StateRunning = 3;

        private const byte ConfigANormal = Hmc5883lRegisters.Average8 | Hmc5883lRegisters.Rate15Hz | Hmc5883lRegisters.MeasureNormal;
        private const byte ConfigASelfTest = Hmc5883lRegisters.Average8 | Hmc5883lRegisters.Rate15Hz | Hmc5883lRegisters.MeasurePositiveBias;
        private const byte ConfigBGain5 = Hmc5883lRegisters.Gain5 << 5;

        private readonly I2cRegisterPort _port;
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _id = new byte[3];
        private readonly byte[] _data = new byte[6];
        private readonly float _microteslaPerLsb;
        private int _state;
        private int _consecutiveFailures;
        private int _x;
        private int _y;
        private int _z;
        private int _biasedX;
        private int _biasedY;
        private int _biasedZ;

        public Hmc5883l(II2cDevice device)
        {
            _port = new I2cRegisterPort(device);
            _microteslaPerLsb = Hmc5883lRegisters.MicroteslaPerGauss / Hmc5883lRegisters.LsbPerGauss[Hmc5883lRegisters.Gain5];
        }

        public FaultReason LastFault { get; private set; }

        /// <summary>±4.7 Ga at gain 5 = ±470 µT.</summary>
        public float FullScaleUt
        {
            get { return Hmc5883lRegisters.RangeMilligauss[Hmc5883lRegisters.Gain5] / 10f; }
        }

        /// <summary>Transfers the bus did not complete (no acknowledge, timeout, fault).</summary>
        public int BusErrorCount
        {
            get { return _port.BusErrorCount; }
        }

        /// <summary>Set-ups that found wrong ID registers.</summary>
        public int BadIdCount { get; private set; }

        /// <summary>Self-tests with an axis outside 243..575 LSB (a damaged sensor or a strong field nearby).</summary>
        public int SelfTestFailureCount { get; private set; }

        /// <summary>Reads with no new sample (RDY clear) although the chip runs continuously at 15 Hz.</summary>
        public int NotReadyCount { get; private set; }

        /// <summary>Reads with an axis at the overflow code -4096.</summary>
        public int OverflowCount { get; private set; }

        /// <summary>Self-tests passed (the first set-up and every recovery).</summary>
        public int InitCount { get; private set; }

        /// <summary>Self-test field (biased minus unbiased) of the last self-test, LSB (for the technician's log).</summary>
        public int SelfTestX
        {
            get { return _x; }
        }

        public int SelfTestY
        {
            get { return _y; }
        }

        public int SelfTestZ
        {
            get { return _z; }
        }

        public bool TryRead(MagneticSample sample)
        {
            switch (_state)
            {
                case StateOff:
                    StartSelfTest();
                    return NotYet();
                case StateSelfTest:
                    ReadBiased();
                    return NotYet();
                case StateSettling:
                    if (!ReadMeasurement())
                    {
                        return Failed();
                    }

                    CheckSelfTest();
                    return NotYet();
                default:
                    if (!ReadMeasurement())
                    {
                        return Failed();
                    }

                    if (_x == Hmc5883lRegisters.Overflow || _y == Hmc5883lRegisters.Overflow || _z == Hmc5883lRegisters.Overflow)
                    {
                        OverflowCount++;
                        LastFault = FaultReason.OutOfRange;
                        return false;
                    }

                    sample.XUt = _x * _microteslaPerLsb;
                    sample.YUt = _y * _microteslaPerLsb;
                    sample.ZUt = _z * _microteslaPerLsb;
                    _consecutiveFailures = 0;
                    LastFault = FaultReason.None;
                    return true;
            }
        }

        private void StartSelfTest()
        {
            if (!Read(Hmc5883lRegisters.IdA, _id, 3))
            {
                return;
            }

            if (_id[0] != Hmc5883lRegisters.IdAValue || _id[1] != Hmc5883lRegisters.IdBValue || _id[2] != Hmc5883lRegisters.IdCValue)
            {
                BadIdCount++;
                LastFault = FaultReason.BadData;
                return;
            }

            if (WriteRegister(Hmc5883lRegisters.ConfigA, ConfigASelfTest)
                && WriteRegister(Hmc5883lRegisters.ConfigB, ConfigBGain5)
                && WriteRegister(Hmc5883lRegisters.Mode, Hmc5883lRegisters.ModeContinuous))
            {
                _state = StateSelfTest;
                LastFault = FaultReason.WarmingUp;
            }
        }

        private void ReadBiased()
        {
            if (!ReadMeasurement())
            {
                _state = StateOff;
                return;
            }

            _biasedX = _x;
            _biasedY = _y;
            _biasedZ = _z;
            _state = WriteRegister(Hmc5883lRegisters.ConfigA, ConfigANormal) ? StateSettling : StateOff;
        }

        private void CheckSelfTest()
        {
            // Biased minus unbiased is the strap's field alone: the Earth's field (up to ~0.6 Ga on an
            // axis) would otherwise push a healthy chip out of the 243..575 LSB window.
            _x = _biasedX - _x;
            _y = _biasedY - _y;
            _z = _biasedZ - _z;
            if (!InSelfTestLimits(_x) || !InSelfTestLimits(_y) || !InSelfTestLimits(_z))
            {
                SelfTestFailureCount++;
                LastFault = FaultReason.BadData;
                _state = StateOff;
                return;
            }

            InitCount++;
            _state = StateRunning;
            LastFault = FaultReason.WarmingUp;
        }

        private static bool InSelfTestLimits(int lsb)
        {
            return lsb >= Hmc5883lRegisters.SelfTestMinLsb && lsb <= Hmc5883lRegisters.SelfTestMaxLsb;
        }

        /// <summary>Status, then the six data bytes (X, Z, Y, MSB first) into _x, _y, _z.</summary>
        private bool ReadMeasurement()
        {
            if (!Read(Hmc5883lRegisters.Status, _one, 1))
            {
                return false;
            }

            if ((_one[0] & Hmc5883lRegisters.StatusReady) == 0)
            {
                NotReadyCount++;
                LastFault = FaultReason.Stale;
                return false;
            }

            if (!Read(Hmc5883lRegisters.DataXMsb, _data, 6))
            {
                return false;
            }

            _x = I2cRegisterPort.ToInt16(_data[0], _data[1]);
            _z = I2cRegisterPort.ToInt16(_data[2], _data[3]);
            _y = I2cRegisterPort.ToInt16(_data[4], _data[5]);
            return true;
        }

        private bool NotYet()
        {
            if (LastFault == FaultReason.None)
            {
                LastFault = FaultReason.WarmingUp;
            }

            return false;
        }

        private bool Failed()
        {
            _consecutiveFailures++;
            if (_consecutiveFailures >= MaxConsecutiveFailures)
            {
                _consecutiveFailures = 0;
                _state = StateOff;
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

        private bool Read(byte register, byte[] buffer, int count)
        {
            if (_port.Read(register, buffer, 0, count))
            {
                return true;
            }

            LastFault = _port.LastBusFault;
            return false;
        }
    }
}
