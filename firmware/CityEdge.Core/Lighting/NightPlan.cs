using System;

namespace CityEdge.Lighting
{
    /// <summary>
    /// One night's schedule resolved to UTC: when the lamp must be lit (sunset to sunrise with the
    /// offsets) and the program's steps as absolute times, sorted. Built once per night into
    /// preallocated arrays; the level at any second is then computed without allocation.
    /// Times are Unix seconds (UTC).
    /// </summary>
    public sealed class NightPlan
    {
        private const long UnixEpochTicks = 621355968000000000L;
        private const int SecondsPerDay = 86400;

        private readonly long[] _stepTimes = new long[DayProgram.MaxSteps];
        private readonly float[] _stepLevels = new float[DayProgram.MaxSteps];
        private readonly int[] _stepRamps = new int[DayProgram.MaxSteps];
        private readonly SolarDay _evening = new SolarDay();
        private readonly SolarDay _morning = new SolarDay();

        /// <summary>Local date of the evening this plan covers.</summary>
        public int Year { get; private set; }

        public int Month { get; private set; }

        public int Day { get; private set; }

        /// <summary>Null when the calendar had no program for this night.</summary>
        public DayProgram Program { get; private set; }

        /// <summary>Local noon of the evening's date, UTC.</summary>
        public long WindowStartS { get; private set; }

        public long WindowEndS
        {
            get { return WindowStartS + SecondsPerDay; }
        }

        /// <summary>Switch-on time; equal to <see cref="LitEndS"/> when the lamp is not lit this night (midnight sun).</summary>
        public long LitStartS { get; private set; }

        public long LitEndS { get; private set; }

        public int StepCount { get; private set; }

        public SolarDay Evening
        {
            get { return _evening; }
        }

        public SolarDay Morning
        {
            get { return _morning; }
        }

        public static long UnixSeconds(DateTime utc)
        {
            return (utc.Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond;
        }

        /// <summary>The local date whose night contains <paramref name="unixS"/> (local noon to local noon).</summary>
        public static DateTime NightDateOf(long unixS, int utcOffsetMin)
        {
            long localS = unixS + (utcOffsetMin * 60L) - (SecondsPerDay / 2);
            long day = localS >= 0 ? localS / SecondsPerDay : ((localS + 1) / SecondsPerDay) - 1;
            return new DateTime(UnixEpochTicks + (day * SecondsPerDay * TimeSpan.TicksPerSecond));
        }

        public void Build(DateTime nightDate, DayProgram program, LightingSettings settings)
        {
            Year = nightDate.Year;
            Month = nightDate.Month;
            Day = nightDate.Day;
            Program = program;
            long dateS = UnixSeconds(new DateTime(Year, Month, Day));
            long offsetS = settings.UtcOffsetMin * 60L;
            WindowStartS = dateS + (SecondsPerDay / 2) - offsetS;
            DateTime next = nightDate.AddDays(1);
            SolarCalculator.Compute(Year, Month, Day, settings.LatitudeDeg, settings.LongitudeDeg, _evening);
            SolarCalculator.Compute(next.Year, next.Month, next.Day, settings.LatitudeDeg, settings.LongitudeDeg, _morning);

            LitStartS = _evening.Horizon == SolarCrossing.Crosses ? dateS + Seconds(_evening.SunsetMin) + (settings.OnOffsetMin * 60L)
                : _evening.Horizon == SolarCrossing.AlwaysBelow ? WindowStartS : WindowEndS;
            LitEndS = _morning.Horizon == SolarCrossing.Crosses ? dateS + SecondsPerDay + Seconds(_morning.SunriseMin) + (settings.OffOffsetMin * 60L)
                : _morning.Horizon == SolarCrossing.AlwaysBelow ? WindowEndS : WindowStartS;
            LitStartS = Clamp(LitStartS);
            LitEndS = Clamp(LitEndS);
            if (LitEndS < LitStartS)
            {
                LitEndS = LitStartS;
            }

            StepCount = 0;
            if (program == null)
            {
                return;
            }

            for (int i = 0; i < program.Steps.Length; i++)
            {
                ProgramStep step = program.Steps[i];
                long time;
                if (!TryResolve(step, dateS, offsetS, out time))
                {
                    continue;
                }

                // Insertion sort: a handful of steps, once per night.
                int at = StepCount;
                while (at > 0 && _stepTimes[at - 1] > time)
                {
                    _stepTimes[at] = _stepTimes[at - 1];
                    _stepLevels[at] = _stepLevels[at - 1];
                    _stepRamps[at] = _stepRamps[at - 1];
                    at--;
                }

                _stepTimes[at] = time;
                _stepLevels[at] = step.LevelPct;
                _stepRamps[at] = step.RampS;
                StepCount++;
            }
        }

        public bool IsLit(long unixS)
        {
            return unixS >= LitStartS && unixS < LitEndS;
        }

        /// <summary>The program's level at <paramref name="unixS"/>: the last step's level, on a linear
        /// ramp from the step before for the step's ramp time; 0 before the first step.</summary>
        public float ScheduledLevelPct(long unixS)
        {
            float previous = 0f;
            for (int i = 0; i < StepCount; i++)
            {
                if (_stepTimes[i] > unixS)
                {
                    break;
                }

                float target = _stepLevels[i];
                long elapsed = unixS - _stepTimes[i];
                bool ramping = elapsed < _stepRamps[i] && (i + 1 == StepCount || _stepTimes[i + 1] > unixS);
                previous = ramping ? previous + ((target - previous) * elapsed / _stepRamps[i]) : target;
            }

            return previous;
        }

        private bool TryResolve(ProgramStep step, long dateS, long offsetS, out long time)
        {
            long offset = step.MinutesOrOffset * 60L;
            time = 0;
            switch (step.Anchor)
            {
                case StepAnchor.ClockTime:
                    time = dateS + offset - offsetS + (step.MinutesOrOffset < 720 ? SecondsPerDay : 0);
                    return true;
                case StepAnchor.Sunset:
                    time = dateS + Seconds(_evening.SunsetMin) + offset;
                    return _evening.Horizon == SolarCrossing.Crosses;
                case StepAnchor.CivilDusk:
                    time = dateS + Seconds(_evening.CivilDuskMin) + offset;
                    return _evening.CivilTwilight == SolarCrossing.Crosses;
                case StepAnchor.Sunrise:
                    time = dateS + SecondsPerDay + Seconds(_morning.SunriseMin) + offset;
                    return _morning.Horizon == SolarCrossing.Crosses;
                default:
                    time = dateS + SecondsPerDay + Seconds(_morning.CivilDawnMin) + offset;
                    return _morning.CivilTwilight == SolarCrossing.Crosses;
            }
        }

        private long Clamp(long unixS)
        {
            return unixS < WindowStartS ? WindowStartS : unixS > WindowEndS ? WindowEndS : unixS;
        }

        private static long Seconds(float minutes)
        {
            return (long)Math.Round(minutes * 60.0);
        }
    }
}
