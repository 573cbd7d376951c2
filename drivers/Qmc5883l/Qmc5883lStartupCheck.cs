using CityEdge.Parking;

namespace CityEdge.Drivers.Qmc5883l
{
    /// <summary>
    /// The QMC5883L's start-up self-check for <see cref="MagnetometerStartup"/>: each step is one
    /// <see cref="Qmc5883l.Initialize"/> (soft reset, chip id, control register read back). A wrong id or
    /// read-back fails at once; no answer is retried, in case the sensor is still powering up.
    /// </summary>
    public sealed class Qmc5883lStartupCheck : IMagnetometerCheck
    {
        private readonly Qmc5883l _sensor;
        private readonly string _name;
        private readonly string _otherChipKey;
        private bool _passed;

        /// <param name="name">How the log names the sensor, e.g. "bay0.qmc5883l: QMC5883L on I2C bus 2".</param>
        /// <param name="otherChipKey">The board key of the other chip for this bay, e.g. "bay0.hmc5883l.bus".</param>
        public Qmc5883lStartupCheck(Qmc5883l sensor, string name, string otherChipKey)
        {
            _sensor = sensor;
            _name = name;
            _otherChipKey = otherChipKey;
        }

        public IMagnetometer Sensor
        {
            get { return _sensor; }
        }

        public int Step()
        {
            if (_sensor.Initialize())
            {
                _passed = true;
                return MagnetometerStartup.Passed;
            }

            return _sensor.SelfCheckFailureCount > 0 ? MagnetometerStartup.Failed : MagnetometerStartup.Pending;
        }

        public string Describe()
        {
            if (_passed)
            {
                return _name + " ready";
            }

            return _name + " failed its self-check: " + (_sensor.SelfCheckFailureCount > 0
                ? "wrong chip id (register 0x0D is not 0xFF) or control register read-back"
                : MagnetometerStartup.Explain(_sensor.LastFault, "0x0D", _otherChipKey));
        }
    }
}
