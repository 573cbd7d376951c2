using CityEdge.Parking;

namespace CityEdge.Drivers.Hmc5883l
{
    /// <summary>
    /// The HMC5883L's start-up self-check for <see cref="MagnetometerStartup"/>: its ID check and
    /// self-test span reads one output period apart, so each step is one <see cref="Hmc5883l.TryRead"/>;
    /// it has passed once the driver has completed a set-up. Wrong ID registers or a self-test field out
    /// of range fail at once; no answer is retried.
    /// </summary>
    public sealed class Hmc5883lStartupCheck : IMagnetometerCheck
    {
        private readonly Hmc5883l _sensor;
        private readonly string _name;
        private readonly string _otherChipKey;
        private readonly MagneticSample _sample = new MagneticSample();

        /// <param name="name">How the log names the sensor, e.g. "bay1.hmc5883l: HMC5883L on I2C bus 2".</param>
        /// <param name="otherChipKey">The board key of the other chip for this bay, e.g. "bay1.qmc5883l.bus".</param>
        public Hmc5883lStartupCheck(Hmc5883l sensor, string name, string otherChipKey)
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
            _sensor.TryRead(_sample);
            if (_sensor.InitCount > 0)
            {
                return MagnetometerStartup.Passed;
            }

            return _sensor.BadIdCount > 0 || _sensor.SelfTestFailureCount > 0 ? MagnetometerStartup.Failed : MagnetometerStartup.Pending;
        }

        public string Describe()
        {
            string field = _sensor.SelfTestX + "/" + _sensor.SelfTestY + "/" + _sensor.SelfTestZ + " LSB";
            if (_sensor.InitCount > 0)
            {
                return _name + " ready, self-test field " + field;
            }

            string why = _sensor.BadIdCount > 0 ? "ID registers 0x0A-0x0C are not 'H43'"
                : _sensor.SelfTestFailureCount > 0 ? "self-test field " + field + " is outside " + Hmc5883lRegisters.SelfTestMinLsb + ".."
                    + Hmc5883lRegisters.SelfTestMaxLsb + " (damaged chip or a strong field nearby)"
                : MagnetometerStartup.Explain(_sensor.LastFault, "0x1E", _otherChipKey);
            return _name + " failed its self-check: " + why;
        }
    }
}
