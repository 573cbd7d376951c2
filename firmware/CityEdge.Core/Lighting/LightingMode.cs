namespace CityEdge.Lighting
{
    /// <summary>Why the lamp has its level (reported in the lighting mode event; numbers are on the wire).</summary>
    public enum LightingMode
    {
        /// <summary>Astronomical clock and day program: normal operation.</summary>
        Schedule = 0,
        /// <summary>Outside the astronomical night, but the ambient sensor says it is dark (fog, storm).</summary>
        DarkDay = 1,
        /// <summary>No usable clock (not set, or no position): the ambient sensor switches, full level.</summary>
        Photocell = 2,
        /// <summary>Clock valid but no program for this night: lit from sunset to sunrise at full level.</summary>
        NoProgram = 3,
        /// <summary>Neither clock nor ambient sensor: lit at full level day and night (fail-safe).</summary>
        NoInputs = 4,
        /// <summary>A manual command is in force until it expires.</summary>
        Override = 5,
        /// <summary>The controller itself failed: full level until it runs cleanly again.</summary>
        Fault = 6,
    }

    /// <summary>Manual command from the command centre or a technician.</summary>
    public enum OverrideKind
    {
        /// <summary>Full light.</summary>
        On = 1,
        /// <summary>Dark, even at night (maintenance); the only way below the class minimum.</summary>
        Off = 2,
        /// <summary>A given level; while the lamp should be lit, never below the class minimum.</summary>
        Level = 3,
    }
}
