namespace CityEdge.Lighting
{
    /// <summary>
    /// Watches the lamp for the three faults a city needs to know about and reports each once when it
    /// is raised and once when it clears. A condition must persist before it counts (a driver takes
    /// a moment to follow its input; dawn is not a fault): 60 s for electrical faults, 15 min for
    /// day burning. Without a meter only day burning can be seen (from the commanded level).
    /// </summary>
    public sealed class LampFaultMonitor
    {
        public const int ElectricalPersistMs = 60000;
        public const int DayBurningPersistMs = 15 * 60000;

        // Thresholds as fractions of the power the model expects above standby: well clear of the
        // ±10 % a driver's input power varies with mains voltage and temperature.
        private const float FailureFraction = 0.3f;
        private const float OverFraction = 1.5f;
        private const float OffLeakFraction = 0.1f;

        private readonly Condition[] _conditions = new Condition[] { new Condition(), new Condition(), new Condition() };

        public delegate void FaultChanged(LampFault fault, bool raised);

        public bool IsRaised(LampFault fault)
        {
            return _conditions[(int)fault - 1].Raised;
        }

        /// <param name="levelPct">Level applied to the driver.</param>
        /// <param name="daylight">The sun is well up (false when unknown).</param>
        /// <param name="expectedW">Power model at that level.</param>
        public void Update(long nowMs, float levelPct, bool daylight, bool excused, float expectedW, float standbyW, float ratedW,
            bool measured, float measuredW, FaultChanged changed)
        {
            float aboveStandby = expectedW - standbyW;
            bool failure = measured && levelPct > 0f && measuredW < standbyW + (FailureFraction * aboveStandby);
            bool driver = measured && ((levelPct <= 0f && measuredW > standbyW + (OffLeakFraction * ratedW))
                || (levelPct > 0f && measuredW > standbyW + (OverFraction * aboveStandby) + (OffLeakFraction * ratedW)));
            bool burning = daylight && !excused && (levelPct > 0f || (measured && measuredW > standbyW + (OffLeakFraction * ratedW)));
            Step(LampFault.LampFailure, failure, ElectricalPersistMs, nowMs, changed);
            Step(LampFault.DayBurning, burning, DayBurningPersistMs, nowMs, changed);
            Step(LampFault.DriverFault, driver, ElectricalPersistMs, nowMs, changed);
        }

        private void Step(LampFault fault, bool present, int persistMs, long nowMs, FaultChanged changed)
        {
            Condition c = _conditions[(int)fault - 1];
            if (present == c.Raised)
            {
                c.Pending = false;
                return;
            }

            if (!c.Pending)
            {
                c.Pending = true;
                c.SinceMs = nowMs;
            }

            if (nowMs - c.SinceMs >= persistMs)
            {
                c.Raised = present;
                c.Pending = false;
                changed(fault, present);
            }
        }

        private sealed class Condition
        {
            public bool Raised;
            public bool Pending;
            public long SinceMs;
        }
    }
}
