using System;

namespace CityEdge.Lighting
{
    /// <summary>
    /// The dimming profile of one night: its steps apply from local noon of the evening's date to
    /// local noon of the next day. The lamp is lit between sunset and sunrise (with the configured
    /// offsets) whatever the steps say; the steps only shape the level in between.
    /// </summary>
    public sealed class DayProgram
    {
        /// <summary>Most steps one program holds (bounds the night plan's preallocated arrays).</summary>
        public const int MaxSteps = 12;

        public DayProgram(string name, ProgramStep[] steps)
        {
            if (steps == null || steps.Length == 0 || steps.Length > MaxSteps)
            {
                throw new ArgumentException("a program needs 1.." + MaxSteps + " steps", "steps");
            }

            for (int i = 0; i < steps.Length; i++)
            {
                ProgramStep step = steps[i];
                if (step == null || !(step.LevelPct >= 0f && step.LevelPct <= 100f) || step.RampS < 0)
                {
                    throw new ArgumentException("step " + i + " of program " + name + " needs a level 0..100 % and a ramp >= 0 s", "steps");
                }

                if (step.Anchor == StepAnchor.ClockTime && (step.MinutesOrOffset < 0 || step.MinutesOrOffset >= 1440))
                {
                    throw new ArgumentException("step " + i + " of program " + name + ": clock time must be 0..1439 minutes", "steps");
                }
            }

            Name = name;
            Steps = steps;
        }

        public string Name { get; }

        public ProgramStep[] Steps { get; }
    }
}
