using System.CommandLine;
using System.Globalization;

namespace CityEdge.Cli.Commands;

/// <summary>Position and date options shared by `cityedge astro` and `cityedge replay lighting`.</summary>
internal static class LightingOptions
{
    public static Option<double> Latitude() => Coordinate("--lat", "Latitude, decimal degrees, north positive.", 90);

    public static Option<double> Longitude() => Coordinate("--lon", "Longitude, decimal degrees, east positive.", 180);

    public static Option<DateOnly> Date(string description) => new("--date")
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        Required = true,
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                return date;
            }

            result.AddError($"--date: '{text}' is not a date like 2026-11-23");
            return default;
        },
    };

    /// <summary>ISO 8601 UTC to the second, or null for an event that does not happen (polar day/night).</summary>
    public static string? Iso(DateOnly date, float minutesAfterMidnightUtc, bool happens) => happens
        ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(Math.Round(minutesAfterMidnightUtc * 60.0)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : null;

    private static Option<double> Coordinate(string name, string description, double limit)
    {
        var option = new Option<double>(name) { Description = description, Required = true, HelpName = "degrees" };
        option.Validators.Add(r =>
        {
            double value = r.GetValueOrDefault<double>();
            if (!(value >= -limit && value <= limit))
            {
                r.AddError($"{name}: {value.ToString(CultureInfo.InvariantCulture)} is outside -{limit}..{limit}");
            }
        });
        return option;
    }
}
