// Device-only (.nf.cs): compiled into firmware/CityEdge.Device, never into the host build.
using System;
using System.Device.I2c;
using System.IO;
using CityEdge.Climate;
using CityEdge.Health;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.ReadResult;

namespace CityEdge.Drivers
{
    /// <summary>
    /// IClimateSensor over the nanoFramework Iot.Device.Bmxx80 Bme280 binding (see README.md).
    /// <para>
    /// Weather-monitoring settings of the BME280 datasheet (BST-BME280-DS002 section 3.5.1): forced mode,
    /// oversampling x1 for temperature, pressure and humidity, IIR filter off. The binding's Read() starts
    /// one forced-mode conversion whenever the chip is not in normal mode and sleeps for its own estimate of
    /// the conversion time, so this class never calls SetPowerMode itself (a second forced trigger would
    /// start a second conversion).
    /// </para>
    /// <para>
    /// The binding ignores I2C transfer results (Bmxx80Base reads through I2cDevice.WriteByte/ReadByte/Read
    /// and discards the I2cTransferResult), so a sensor that vanished would yield numbers computed from
    /// garbage. Before every read this class therefore probes the chip-id register itself and checks the
    /// transfer status: no acknowledge or any bus error → NotResponding; a wrong id → BadData. It also
    /// checks ctrl_meas: a chip that browned out comes back with oversampling "skipped" and is set up again.
    /// The binding is created lazily and recreated after a failure, so a sensor fitted or reconnected
    /// after boot starts working without a restart. The I2cDevice belongs to the app: the binding is
    /// never disposed, because Bmxx80Base.Dispose would dispose the I2cDevice.
    /// </para>
    /// </summary>
    public sealed class Bme280ClimateSensor : IClimateSensor
    {
        /// <summary>Chip identification register and the BME280's id (datasheet section 5.4.1).</summary>
        public const byte ChipIdRegister = 0xD0;
        public const byte Bme280ChipId = 0x60;

        /// <summary>ctrl_meas (osrs_t[7:5], osrs_p[4:2], mode[1:0]); 0 in the oversampling bits after a reset.</summary>
        public const byte CtrlMeasRegister = 0xF4;

        private readonly I2cDevice _device;
        private readonly byte[] _register = new byte[1];
        private readonly byte[] _value = new byte[1];
        private Bme280 _sensor;

        public Bme280ClimateSensor(I2cDevice device)
        {
            if (device == null)
            {
                throw new ArgumentNullException("device");
            }

            _device = device;
        }

        public FaultReason LastFault { get; private set; }

        public bool TryRead(ClimateSample sample)
        {
            FaultReason fault = Probe();
            if (fault != FaultReason.None)
            {
                _sensor = null;
                return Fail(fault);
            }

            try
            {
                if (_sensor == null)
                {
                    _sensor = Create();
                }

                Bme280ReadResult result = _sensor.Read();
                if (result == null || !result.TemperatureIsValid || !result.PressureIsValid || !result.HumidityIsValid)
                {
                    return Fail(FaultReason.BadData);
                }

                double t = result.Temperature.DegreesCelsius;
                double p = result.Pressure.Hectopascals;
                double h = result.Humidity.Percent;
                if (!IsFinite(t) || !IsFinite(p) || !IsFinite(h))
                {
                    return Fail(FaultReason.BadData);
                }

                sample.TemperatureDegC = (float)t;
                sample.PressureHpa = (float)p;
                sample.HumidityPct = (float)h;
                LastFault = FaultReason.None;
                return true;
            }
            catch (IOException)
            {
                // Bmxx80Base throws IOException for a wrong chip id and Bmx280Base.ReadPowerMode for
                // impossible mode bits: the chip answers, but with nonsense.
                _sensor = null;
                return Fail(FaultReason.BadData);
            }
            catch (Exception)
            {
                _sensor = null;
                return Fail(FaultReason.NotResponding);
            }
        }

        private Bme280 Create()
        {
            // The constructor checks the chip id, reads the calibration data and soft-resets the chip.
            Bme280 sensor = new Bme280(_device);
            sensor.TemperatureSampling = Sampling.UltraLowPower;
            sensor.PressureSampling = Sampling.UltraLowPower;
            sensor.HumiditySampling = Sampling.UltraLowPower;
            return sensor;
        }

        /// <summary>Reads the chip id (and, once configured, ctrl_meas) with checked I2C transfers.</summary>
        private FaultReason Probe()
        {
            int id = ReadRegister(ChipIdRegister);
            if (id < 0)
            {
                return FaultReason.NotResponding;
            }

            if (id != Bme280ChipId)
            {
                return FaultReason.BadData;
            }

            if (_sensor != null)
            {
                int ctrlMeas = ReadRegister(CtrlMeasRegister);
                if (ctrlMeas < 0)
                {
                    return FaultReason.NotResponding;
                }

                if ((ctrlMeas & 0xFC) == 0)
                {
                    // Oversampling reads "skipped": the chip was reset (brown-out); set it up again.
                    _sensor = null;
                }
            }

            return FaultReason.None;
        }

        /// <summary>The register's value, or -1 when the transfer did not complete.</summary>
        private int ReadRegister(byte register)
        {
            try
            {
                _register[0] = register;
                I2cTransferResult result = _device.WriteRead(new SpanByte(_register), new SpanByte(_value));
                return result.Status == I2cTransferStatus.FullTransfer ? _value[0] : -1;
            }
            catch (Exception)
            {
                return -1;
            }
        }

        private bool Fail(FaultReason reason)
        {
            LastFault = reason;
            return false;
        }

        private static bool IsFinite(double value)
        {
            return !double.IsNaN(value) && !double.IsInfinity(value);
        }
    }
}
