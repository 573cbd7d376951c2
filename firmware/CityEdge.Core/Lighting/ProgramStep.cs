namespace CityEdge.Lighting
{
    /// <summary>What a program step's time is measured from.</summary>
    public enum StepAnchor
    {
        /// <summary>A local clock time: <see cref="ProgramStep.MinutesOrOffset"/> is minutes after local
        /// midnight; from 12:00 it falls on the evening's date, before 12:00 on the next morning.</summary>
        ClockTime = 0,
        /// <summary>Sunset of the evening's date plus an offset in minutes.</summary>
        Sunset = 1,
        /// <summary>Sunrise of the next morning plus an offset.</summary>
        Sunrise = 2,
        /// <summary>End of civil twilight (sun 6° below) of the evening plus an offset.</summary>
        CivilDusk = 3,
        /// <summary>Start of civil twilight of the next morning plus an offset.</summary>
        CivilDawn = 4,
    }

    /// <summary>
    /// One step of a day program (in the spirit of TALQ's time-based programs): from its time the
    /// scheduled level is <see cref="LevelPct"/>, reached by a linear ramp of <see cref="RampS"/>.
    /// </summary>
    public sealed class ProgramStep
    {
        public ProgramStep(StepAnchor anchor, int minutesOrOffset, float levelPct, int rampS)
        {
            Anchor = anchor;
            MinutesOrOffset = minutesOrOffset;
            LevelPct = levelPct;
            RampS = rampS;
        }

        public StepAnchor Anchor { get; }

        /// <summary>Local minutes after midnight for <see cref="StepAnchor.ClockTime"/>, else the offset in minutes.</summary>
        public int MinutesOrOffset { get; }

        /// <summary>Scheduled light level, % of full output (the class minimum still applies while lit).</summary>
        public float LevelPct { get; }

        /// <summary>Seconds the level takes to go from the previous step's level to this one's.</summary>
        public int RampS { get; }
    }
}
