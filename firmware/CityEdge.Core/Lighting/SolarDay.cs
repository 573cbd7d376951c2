namespace CityEdge.Lighting
{
    /// <summary>Whether the sun crosses an altitude on a date, or stays above or below it all day.</summary>
    public enum SolarCrossing
    {
        /// <summary>The sun rises through and sets through the altitude: both times are valid.</summary>
        Crosses = 0,
        /// <summary>The sun stays above the altitude all day (polar day, or white night for twilight).</summary>
        AlwaysAbove = 1,
        /// <summary>The sun stays below the altitude all day (polar night).</summary>
        AlwaysBelow = 2,
    }

    /// <summary>
    /// Sunrise, sunset and civil twilight of one UTC date at one place, as minutes after 00:00 UTC of
    /// that date (a value below 0 or from 1440 up falls on the previous or next UTC date, e.g. far
    /// from Greenwich). A time is meaningful only while its crossing is <see cref="SolarCrossing.Crosses"/>.
    /// Reused by its owner: no allocation per computation.
    /// </summary>
    public sealed class SolarDay
    {
        public int Year { get; internal set; }

        public int Month { get; internal set; }

        public int Day { get; internal set; }

        /// <summary>Horizon events (zenith 90.833°: refraction plus the sun's semi-diameter).</summary>
        public SolarCrossing Horizon { get; internal set; }

        /// <summary>Civil twilight events (zenith 96°, sun 6° below the horizon).</summary>
        public SolarCrossing CivilTwilight { get; internal set; }

        public float SunriseMin { get; internal set; }

        public float SunsetMin { get; internal set; }

        public float CivilDawnMin { get; internal set; }

        public float CivilDuskMin { get; internal set; }

        /// <summary>Local solar noon, minutes after 00:00 UTC.</summary>
        public float SolarNoonMin { get; internal set; }
    }
}
