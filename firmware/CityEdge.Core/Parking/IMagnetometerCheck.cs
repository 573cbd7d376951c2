namespace CityEdge.Parking
{
    /// <summary>
    /// A bay magnetometer's start-up self-check, one step at a time (drivers/Qmc5883l, drivers/Hmc5883l):
    /// the core's <see cref="MagnetometerStartup"/> runs a step every <see cref="MagnetometerStartup.StepMs"/>
    /// instead of the device app sleeping between them.
    /// </summary>
    public interface IMagnetometerCheck
    {
        /// <summary>The bay's sensor, ready for the parking pipeline once the check passed.</summary>
        IMagnetometer Sensor { get; }

        /// <summary>One step: <see cref="MagnetometerStartup.Pending"/>, <see cref="MagnetometerStartup.Passed"/>
        /// or <see cref="MagnetometerStartup.Failed"/> (a wrong identity or a failed self-test: no retry helps).</summary>
        int Step();

        /// <summary>The log line: what passed (e.g. the self-test field), or why the check failed.</summary>
        string Describe();
    }
}
