using System.Text;
using CityEdge.Air;
using CityEdge.Board;
using CityEdge.Climate;
using CityEdge.Health;
using CityEdge.Node;
using CityEdge.Noise;
using CityEdge.Parking;

namespace CityEdge.Setup
{
    /// <summary>
    /// The sensor check a technician sees on the setup page: one reading from every part the hardware plan
    /// lists, or why there is none. A non-blocking state machine driven by the caller's clock (the setup loop
    /// calls <see cref="Step"/>): the BH1750 is read after its conversion time, the PMS5003 is listened to
    /// for up to <see cref="ParticulateListenMs"/> and put back to sleep.
    /// </summary>
    public sealed class SensorCheck
    {
        /// <summary>How long the PMS5003 gets to answer: it sends about one frame per second once awake.</summary>
        public const int ParticulateListenMs = 10000;

        /// <summary>When the one-shot readings are taken: after the sound meter has filled a period.</summary>
        private const int SettleMs = 1000;

        private readonly HardwarePlan _plan;
        private readonly NodeHardware _hardware;
        private readonly MagnetometerStartup _bayChecks;
        private long _nextBayStepMs;
        private readonly ParticulateSample _particulates = new ParticulateSample();
        private long _startMs = -1;
        private long _lastRequestMs;
        private bool _oneShotsDone;
        private bool _lightStarted;
        private string _climate;
        private string _light;
        private string _noise;
        private string _particulate;
        private string[] _bays;
        private string _presence;

        public SensorCheck(HardwarePlan plan, NodeHardware hardware)
        {
            _plan = plan;
            _hardware = hardware;
            if (hardware.MagnetometerChecks != null && hardware.Magnetometers != null)
            {
                // The bays' start-up self-checks, as the node runs them: one step every 100 ms, done before SettleMs.
                _bayChecks = new MagnetometerStartup(hardware.MagnetometerChecks, hardware.Magnetometers, null, null);
            }
        }

        /// <summary>True once every part has its line.</summary>
        public bool IsDone
        {
            get { return _oneShotsDone && _particulate != null && (_plan.Bh1750 == null || _light != null); }
        }

        /// <summary>Advances the check; cheap to call every loop pass.</summary>
        public void Step(long nowMs)
        {
            if (_startMs < 0)
            {
                _startMs = nowMs;
                Start(nowMs);
            }

            if (_bayChecks != null && !_bayChecks.IsDone && nowMs >= _nextBayStepMs)
            {
                _bayChecks.Run(nowMs);
                _nextBayStepMs = nowMs + MagnetometerStartup.StepMs;
            }

            long elapsed = nowMs - _startMs;
            if (!_oneShotsDone && elapsed >= SettleMs)
            {
                ReadOnce();
                _oneShotsDone = true;
            }

            if (_lightStarted && _light == null && elapsed >= _hardware.AmbientLight.ConversionMs)
            {
                float lux;
                _light = _hardware.AmbientLight.TryReadLux(out lux) ? Tenths(lux) + " lux" : NoReading(_hardware.AmbientLight.LastFault);
            }

            if (_particulate == null)
            {
                StepParticulates(nowMs, elapsed);
            }
        }

        /// <summary>One line per planned part, "name (where): result"; parts still being read say so.</summary>
        public string Report()
        {
            StringBuilder text = new StringBuilder();
            if (_plan.Bme280 != null)
            {
                Line(text, "BME280 climate " + Where(_plan.Bme280), _hardware.Climate == null ? NotOpened : _climate);
            }

            if (_plan.Pms5003 != null)
            {
                Line(text, "PMS5003 particulates (COM" + _plan.Pms5003.Number + ", RX GPIO " + _plan.Pms5003.RxGpio + ", TX GPIO " + _plan.Pms5003.TxGpio + ")",
                    _hardware.Particulates == null ? NotOpened : _particulate);
            }

            if (_plan.Sen0232Gpio >= 0 || _plan.MicDataGpio >= 0)
            {
                string where = _plan.Sen0232Gpio >= 0 ? "SEN0232 sound level (GPIO " + _plan.Sen0232Gpio + ", ADC1 channel " + _plan.Sen0232AdcChannel + ")"
                    : "I2S microphone (data GPIO " + _plan.MicDataGpio + ")";
                Line(text, where, _hardware.Noise == null ? NotOpened : _noise);
            }

            if (_plan.Bh1750 != null)
            {
                Line(text, "BH1750 light " + Where(_plan.Bh1750), _hardware.AmbientLight == null ? NotOpened : _light);
            }

            if (_plan.LampPwmGpio >= 0)
            {
                Line(text, "Lamp dimming PWM (GPIO " + _plan.LampPwmGpio + ", " + _plan.LampPwmHz + " Hz)",
                    _hardware.LampPwm == null ? NotOpened : "opened; not driven during setup (the lamp stays at full light)");
            }

            if (_plan.PresenceGpio >= 0)
            {
                Line(text, "Presence input (GPIO " + _plan.PresenceGpio + ")", _hardware.PresencePins == null ? NotOpened : _presence);
            }

            for (int i = 0; i < _plan.Bays.Length; i++)
            {
                PlannedBay bay = _plan.Bays[i];
                bool open = _hardware.Magnetometers != null && i < _hardware.Magnetometers.Length && _hardware.Magnetometers[i] != null;
                Line(text, "Bay " + bay.Bay + " " + bay.Slot + " at " + Hex(bay.Device.Address),
                    open ? (_bays == null ? null : _bays[i]) : "did not open or failed its self-check (see the serial log)");
            }

            return text.Length == 0 ? "No sensors in the board file.\n" : text.ToString();
        }

        private const string NotOpened = "did not open (see the serial log for why)";

        private void Start(long nowMs)
        {
            if (_hardware.AmbientLight != null)
            {
                _lightStarted = _hardware.AmbientLight.StartMeasurement();
                if (!_lightStarted)
                {
                    _light = NoReading(_hardware.AmbientLight.LastFault);
                }
            }

            if (_hardware.Particulates != null)
            {
                _hardware.Particulates.Wake();
                _hardware.Particulates.RequestReading();
                _lastRequestMs = nowMs;
            }
            else
            {
                _particulate = string.Empty;
            }
        }

        private void ReadOnce()
        {
            if (_hardware.Climate != null)
            {
                ClimateSample sample = new ClimateSample();
                _climate = _hardware.Climate.TryRead(sample)
                    ? Tenths(sample.TemperatureDegC) + " C, " + Tenths(sample.HumidityPct) + " %RH, " + Tenths(sample.PressureHpa) + " hPa"
                    : NoReading(_hardware.Climate.LastFault);
            }

            if (_hardware.Noise != null)
            {
                LevelStatistics levels = new LevelStatistics(_hardware.Noise.ValidMinDb, _hardware.Noise.ValidMaxDb);
                _noise = _hardware.Noise.Measure(levels) > 0 && levels.HasLevels ? Tenths(levels.LaeqDb) + " dB(A) over " + _hardware.Noise.PeriodMs + " ms"
                    : NoReading(_hardware.Noise.LastFault);
            }

            if (_hardware.PresencePins != null && _hardware.PresencePins.Length > 0)
            {
                _presence = _hardware.PresencePins[0].Read() ? "high: someone there (or the input floats)" : "low: nobody there";
            }

            if (_hardware.Magnetometers != null)
            {
                _bays = new string[_hardware.Magnetometers.Length];
                MagneticSample sample = new MagneticSample();
                for (int i = 0; i < _bays.Length; i++)
                {
                    IMagnetometer sensor = _hardware.Magnetometers[i];
                    if (sensor != null)
                    {
                        _bays[i] = sensor.TryRead(sample) ? "field " + Tenths(sample.XUt) + " / " + Tenths(sample.YUt) + " / " + Tenths(sample.ZUt) + " uT"
                            : NoReading(sensor.LastFault);
                    }
                }
            }
        }

        private void StepParticulates(long nowMs, long elapsed)
        {
            if (_hardware.Particulates.TryRead(_particulates))
            {
                _particulate = "answering: PM2.5 " + _particulates.Pm2_5UgM3 + " ug/m3, PM10 " + _particulates.Pm10UgM3
                    + " ug/m3 (the node discards readings during the fan's warm-up)";
            }
            else if (elapsed >= ParticulateListenMs)
            {
                _particulate = "no answer in " + (ParticulateListenMs / 1000) + " s: check its 5 V supply and that its TX goes to the board's RX";
            }
            else if (nowMs - _lastRequestMs >= 1000)
            {
                _hardware.Particulates.RequestReading();
                _lastRequestMs = nowMs;
            }

            if (_particulate != null)
            {
                _hardware.Particulates.Sleep();
            }
        }

        private static void Line(StringBuilder text, string part, string result)
        {
            text.Append(part);
            text.Append(": ");
            text.Append(result ?? "reading...");
            text.Append('\n');
        }

        private static string Where(PlannedI2cDevice device)
        {
            return "(I2C bus " + device.Bus + " at " + Hex(device.Address) + ", SDA GPIO " + device.SdaGpio + ", SCL GPIO " + device.SclGpio + ")";
        }

        /// <summary>Why there is no reading, in words (Enum.ToString gives the number on nanoFramework).</summary>
        private static string NoReading(FaultReason fault)
        {
            switch (fault)
            {
                case FaultReason.NotResponding:
                    return "no answer: check power, wiring and the address";
                case FaultReason.BadData:
                    return "answers with bad data (wrong chip, bad checksum or noise on the line)";
                case FaultReason.OutOfRange:
                    return "reading outside what the sensor can measure";
                case FaultReason.WarmingUp:
                    return "warming up; try again in a minute";
                case FaultReason.Stale:
                    return "answers but has no new value";
                default:
                    return "no reading (fault " + (int)fault + ")";
            }
        }

        private static string Hex(int value)
        {
            return "0x" + value.ToString("X2");
        }

        /// <summary>One decimal, without the host's culture or a float format string the device may render differently.</summary>
        private static string Tenths(float value)
        {
            if (float.IsNaN(value) || float.IsInfinity(value))
            {
                return "?";
            }

            int tenths = (int)(value * 10f + (value >= 0 ? 0.5f : -0.5f));
            string sign = tenths < 0 ? "-" : string.Empty;
            if (tenths < 0)
            {
                tenths = -tenths;
            }

            return sign + (tenths / 10) + "." + (tenths % 10);
        }
    }
}
