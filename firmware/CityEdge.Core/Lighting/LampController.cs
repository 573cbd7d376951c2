using System;

namespace CityEdge.Lighting
{
    /// <summary>
    /// Decides the lamp level from the clock, the calendar, the ambient light, presence and manual
    /// overrides. It degrades towards light, never towards dark:
    /// clock + position + program → schedule (dimmed, presence boost, class minimum);
    /// clock but no program → full from sunset to sunrise; no clock but ambient → photocell at full;
    /// nothing → full, day and night. Pure logic: the pipeline feeds it and drives the output.
    /// </summary>
    public sealed class LampController
    {
        private readonly LightingSettings _settings;
        private readonly LightingCalendar _calendar;
        private readonly NightPlan _plan = new NightPlan();
        private readonly PresenceBoost _boost;
        private readonly AmbientSwitch _ambient;
        private bool _planValid;
        private OverrideKind _override;
        private float _overridePct;
        private long _overrideEndMs;

        public LampController(LightingSettings settings, LightingCalendar calendar)
        {
            if (settings == null || calendar == null)
            {
                throw new ArgumentNullException(settings == null ? "settings" : "calendar");
            }

            _settings = settings;
            _calendar = calendar;
            _boost = new PresenceBoost(settings);
            _ambient = new AmbientSwitch(settings);
        }

        public LightingSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>The calendar in use; after changing it call <see cref="CalendarChanged"/>.</summary>
        public LightingCalendar Calendar
        {
            get { return _calendar; }
        }

        /// <summary>Re-plans the current night on the next update (the calendar or settings changed).</summary>
        public void CalendarChanged()
        {
            _planValid = false;
        }

        /// <summary>Level from the last <see cref="Update"/>, % of full light.</summary>
        public float LevelPct { get; private set; }

        public LightingMode Mode { get; private set; }

        /// <summary>True while the lamp must give at least the class minimum (night, dark day, or no way to tell).</summary>
        public bool ShouldBeLit { get; private set; }

        /// <summary>The plan of the current night; meaningful once the clock has been valid.</summary>
        public NightPlan Plan
        {
            get { return _plan; }
        }

        public int PresenceCount
        {
            get { return _boost.TriggerCount; }
        }

        /// <summary>A local sensor (PIR, radar) or a parking/noise event saw someone.</summary>
        public void OnPresence(long nowMs)
        {
            if (ShouldBeLit)
            {
                _boost.Trigger(nowMs, LevelPct);
            }
        }

        /// <summary>
        /// Applies a manual command until <paramref name="durationS"/> has passed (then the automatic
        /// level returns by itself: a forgotten command cannot leave a street dark or lit for good).
        /// </summary>
        public void SetOverride(OverrideKind kind, float levelPct, int durationS, long nowMs)
        {
            if (kind != OverrideKind.On && kind != OverrideKind.Off && kind != OverrideKind.Level)
            {
                throw new ArgumentOutOfRangeException("kind", "override must be On, Off or Level, got " + (int)kind);
            }

            if (durationS <= 0 || !(levelPct >= 0f && levelPct <= 100f))
            {
                throw new ArgumentOutOfRangeException(durationS <= 0 ? "durationS" : "levelPct", "override needs a duration > 0 s and a level 0..100 %");
            }

            _override = kind;
            _overridePct = kind == OverrideKind.On ? 100f : kind == OverrideKind.Off ? 0f : levelPct;
            _overrideEndMs = nowMs + (durationS * 1000L);
        }

        public void ClearOverride()
        {
            _override = 0;
        }

        public bool HasOverride
        {
            get { return _override != 0; }
        }

        /// <param name="utcValid">The wall clock has been set.</param>
        /// <param name="ambientValid">The ambient sensor gave a reading this time; <paramref name="ambientLux"/> is it.</param>
        public float Update(long nowMs, bool utcValid, DateTime utcNow, bool ambientValid, float ambientLux)
        {
            if (ambientValid)
            {
                _ambient.Update(nowMs, ambientLux);
            }

            float level;
            if (utcValid && _settings.HasPosition)
            {
                long unixS = NightPlan.UnixSeconds(utcNow);
                EnsurePlan(unixS);
                bool night = _plan.IsLit(unixS);
                bool darkDay = !night && ambientValid && _ambient.IsDark;
                ShouldBeLit = night || darkDay;
                if (_plan.Program == null)
                {
                    Mode = LightingMode.NoProgram;
                    level = ShouldBeLit ? 100f : 0f;
                }
                else
                {
                    Mode = darkDay ? LightingMode.DarkDay : LightingMode.Schedule;
                    level = darkDay ? _settings.DarkDayLevelPct : night ? _plan.ScheduledLevelPct(unixS) : 0f;
                }
            }
            else if (ambientValid)
            {
                Mode = LightingMode.Photocell;
                ShouldBeLit = _ambient.IsDark;
                level = ShouldBeLit ? 100f : 0f;
            }
            else
            {
                Mode = LightingMode.NoInputs;
                ShouldBeLit = true;
                level = 100f;
            }

            if (ShouldBeLit)
            {
                level = level < _settings.ClassMinimumPct ? _settings.ClassMinimumPct : level;
                level = _boost.Apply(nowMs, level);
            }
            else
            {
                _boost.Cancel();
            }

            if (_override != 0 && nowMs >= _overrideEndMs)
            {
                _override = 0;
            }

            if (_override != 0)
            {
                Mode = LightingMode.Override;
                level = _override == OverrideKind.Level && ShouldBeLit && _overridePct < _settings.ClassMinimumPct
                    ? _settings.ClassMinimumPct : _overridePct;
            }

            LevelPct = level;
            return level;
        }

        /// <summary>The controller failed (the pipeline caught an exception): full light.</summary>
        public float Fail()
        {
            Mode = LightingMode.Fault;
            ShouldBeLit = true;
            LevelPct = 100f;
            return LevelPct;
        }

        private void EnsurePlan(long unixS)
        {
            if (_planValid && unixS >= _plan.WindowStartS && unixS < _plan.WindowEndS)
            {
                return;
            }

            DateTime night = NightPlan.NightDateOf(unixS, _settings.UtcOffsetMin);
            _plan.Build(night, _calendar.ProgramFor(night.Year, night.Month, night.Day), _settings);
            _planValid = true;
        }
    }
}
