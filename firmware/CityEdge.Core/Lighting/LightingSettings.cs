namespace CityEdge.Lighting
{
    /// <summary>
    /// Everything the lamp controller needs besides its calendar, in engineering units. Built from the
    /// node's lighting.* configuration keys (docs/lighting.md), or directly by tools and tests.
    /// </summary>
    public sealed class LightingSettings
    {
        public LightingSettings()
        {
            ClassMinimumPct = 27;
            BoostPct = 67;
            RampUpMs = 1500;
            HoldMs = 30000;
            RampDownMs = 20000;
            AmbientOnLux = 20;
            AmbientOffLux = 50;
            AmbientPersistMs = 60000;
            DarkDayLevelPct = 100;
            EveningLevelPct = 40;
            NightLevelPct = 0;
            MorningLevelPct = 40;
            NightStartMin = 22 * 60;
            WeekendNightStartMin = 23 * 60;
            MorningStartMin = 6 * 60;
            StepRampS = 300;
        }

        /// <summary>False when the node's position is not configured: no astronomical clock.</summary>
        public bool HasPosition { get; set; }

        public float LatitudeDeg { get; set; }

        public float LongitudeDeg { get; set; }

        /// <summary>Local standard time minus UTC, minutes (program clock times are local).</summary>
        public int UtcOffsetMin { get; set; }

        /// <summary>Minutes after sunset the lamp switches on (negative: before).</summary>
        public int OnOffsetMin { get; set; }

        /// <summary>Minutes after sunrise the lamp switches off (negative: before).</summary>
        public int OffOffsetMin { get; set; }

        /// <summary>Lowest level while the lamp should be lit, from the road's EN 13201 class.</summary>
        public float ClassMinimumPct { get; set; }

        /// <summary>Level a presence raises the lamp to.</summary>
        public float BoostPct { get; set; }

        public int RampUpMs { get; set; }

        /// <summary>How long the boost holds after the last presence, once reached.</summary>
        public int HoldMs { get; set; }

        public int RampDownMs { get; set; }

        /// <summary>Below this ambient light it is dark (photocell on).</summary>
        public float AmbientOnLux { get; set; }

        /// <summary>Above this it is light again (photocell off); the gap is the hysteresis.</summary>
        public float AmbientOffLux { get; set; }

        /// <summary>How long ambient light must stay past a threshold before the photocell switches
        /// (headlights and passing clouds must not toggle the lamp).</summary>
        public int AmbientPersistMs { get; set; }

        /// <summary>Level on a dark day (fog, storm) outside the astronomical night.</summary>
        public float DarkDayLevelPct { get; set; }

        /// <summary>Default program: level from sunset until the night starts.</summary>
        public float EveningLevelPct { get; set; }

        /// <summary>Default program: level during the night (0 = the class minimum).</summary>
        public float NightLevelPct { get; set; }

        /// <summary>Default program: level from the morning start until sunrise.</summary>
        public float MorningLevelPct { get; set; }

        /// <summary>Default program: local minutes after midnight the night starts, Sunday to Thursday evenings.</summary>
        public int NightStartMin { get; set; }

        /// <summary>Same for Friday and Saturday evenings (people come home later).</summary>
        public int WeekendNightStartMin { get; set; }

        /// <summary>Default program: local minutes after midnight the morning level starts.</summary>
        public int MorningStartMin { get; set; }

        /// <summary>Default program: ramp between its steps, seconds (slow enough not to be noticed).</summary>
        public int StepRampS { get; set; }

        /// <summary>
        /// The default calendar: a weekday program (Sunday–Thursday evenings) and a weekend program
        /// (Friday, Saturday), each: evening level from sunset, night level from the night start,
        /// morning level from the morning start; off at sunrise. Special dates are added by command.
        /// </summary>
        public LightingCalendar CreateDefaultCalendar()
        {
            var calendar = new LightingCalendar();
            calendar.AddWeekly(LightingCalendar.Sunday | LightingCalendar.Monday | LightingCalendar.Tuesday | LightingCalendar.Wednesday | LightingCalendar.Thursday,
                CreateProgram("weekday", NightStartMin));
            calendar.AddWeekly(LightingCalendar.Friday | LightingCalendar.Saturday, CreateProgram("weekend", WeekendNightStartMin));
            return calendar;
        }

        private DayProgram CreateProgram(string name, int nightStartMin)
        {
            return new DayProgram(name, new ProgramStep[]
            {
                new ProgramStep(StepAnchor.Sunset, 0, EveningLevelPct, 0),
                new ProgramStep(StepAnchor.ClockTime, nightStartMin, NightLevelPct, StepRampS),
                new ProgramStep(StepAnchor.ClockTime, MorningStartMin, MorningLevelPct, StepRampS),
            });
        }
    }
}
