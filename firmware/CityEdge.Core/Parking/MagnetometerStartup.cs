using CityEdge.Diagnostics;
using CityEdge.Health;
using CityEdge.Scheduling;

namespace CityEdge.Parking
{
    /// <summary>
    /// Runs the bay magnetometers' self-checks as a scheduled task, one step per bay every
    /// <see cref="StepMs"/>, and puts each sensor that passes into its bay's slot of the parking
    /// pipeline's sensor array (docs/device-app.md "Parking bay magnetometers"). A bay whose sensor
    /// fails, or has not passed after <see cref="MaxSteps"/> steps, keeps an empty slot: the pipeline
    /// reports it unknown. The task removes itself from its scheduler when every check has ended; the
    /// setup mode's sensor check (Setup/SensorCheck) runs it without one.
    /// </summary>
    public sealed class MagnetometerStartup : IScheduledTask
    {
        public const int Pending = 0;
        public const int Passed = 1;
        public const int Failed = 2;

        /// <summary>Longer than one output period of the HMC5883L at 15 Hz (datasheet Form #900405 Rev E,
        /// table 5), so each of its self-test steps finds a new sample.</summary>
        public const int StepMs = 100;

        /// <summary>Steps before a sensor is given up: the HMC5883L's self-test takes four
        /// (drivers/Hmc5883l/README.md); the rest let a sensor at the end of a long cable finish powering up.</summary>
        public const int MaxSteps = 10;

        private const string LogTag = "parking";
        private readonly IMagnetometerCheck[] _checks;
        private readonly IMagnetometer[] _slots;
        private readonly NodeScheduler _scheduler;
        private readonly ILogSink _log;
        private int _steps;

        /// <param name="checks">One per bay; null for a bay without a sensor.</param>
        /// <param name="slots">The parking pipeline's sensor array, filled as checks pass.</param>
        /// <param name="scheduler">The scheduler running this task, or null when the caller steps it itself.</param>
        public MagnetometerStartup(IMagnetometerCheck[] checks, IMagnetometer[] slots, NodeScheduler scheduler, ILogSink log)
        {
            _checks = checks;
            _slots = slots;
            _scheduler = scheduler;
            _log = log ?? NullLogSink.Instance;
        }

        /// <summary>
        /// Why a self-check that found no wrong identity did not pass, from the driver's last fault
        /// (FaultReason prints as a number on the device, so the common cases are named here).
        /// </summary>
        /// <param name="address">The chip's I2C address as text, e.g. "0x0D".</param>
        /// <param name="otherChipKey">The board key for the other chip of this bay: many "HMC5883L" (GY-271)
        /// boards carry a QMC5883L (drivers/Hmc5883l/README.md).</param>
        public static string Explain(FaultReason fault, string address, string otherChipKey)
        {
            if (fault == FaultReason.NotResponding)
            {
                return "no answer at " + address + " (check power, SDA/SCL and pull-ups; a board carrying the other chip needs " + otherChipKey + ")";
            }

            return fault == FaultReason.Stale ? "it answers but never has a new sample" : "I2C transfer failed (fault reason " + (int)fault + ")";
        }

        /// <summary>True once every check has passed or failed.</summary>
        public bool IsDone { get; private set; }

        public void Run(long nowMs)
        {
            _steps++;
            bool pending = false;
            for (int bay = 0; bay < _checks.Length && bay < _slots.Length; bay++)
            {
                IMagnetometerCheck check = _checks[bay];
                if (check == null)
                {
                    continue;
                }

                int result = check.Step();
                if (result == Pending && _steps < MaxSteps)
                {
                    pending = true;
                    continue;
                }

                _checks[bay] = null;
                if (result == Passed)
                {
                    _slots[bay] = check.Sensor;
                    _log.Write(LogLevel.Info, LogTag, check.Describe());
                }
                else
                {
                    _log.Write(LogLevel.Error, LogTag, check.Describe() + " - bay reported unknown");
                }
            }

            if (!pending)
            {
                IsDone = true;
                if (_scheduler != null)
                {
                    _scheduler.Remove(this);
                }
            }
        }
    }
}
