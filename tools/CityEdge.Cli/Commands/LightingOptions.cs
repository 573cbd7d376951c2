using System.CommandLine;
using System.Globalization;

namespace CityEdge.Cli.Commands;

/// <summary>Position and date options shared by `cityedge astro` and `cityedge replay lighting`.</summary>
internal static class LightingOptions
{
    public static Option<double> Latitude() => CommonOptions.Number("--lat", "Latitude, decimal degrees, north positive (-90..90).", -90, 90, helpName: "degrees");

    public static Option<double> Longitude() => CommonOptions.Number("--lon", "Longitude, decimal degrees, east positive (-180..180).", -180, 180, helpName: "degrees");

    public static Option<DateOnly> Date(string description) => CommonOptions.Date(description);

    /// <summary>ISO 8601 UTC to the second, or null for an event that does not happen (polar day/night).</summary>
    public static string? Iso(DateOnly date, float minutesAfterMidnightUtc, bool happens) => happens
        ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(Math.Round(minutesAfterMidnightUtc * 60.0)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : null;
}
