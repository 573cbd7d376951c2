using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Lighting;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge astro`: the node's astronomical clock for one place and date.</summary>
internal static class AstroCommand
{
    public static Command Create(CliConsole console)
    {
        var lat = LightingOptions.Latitude();
        var lon = LightingOptions.Longitude();
        var date = LightingOptions.Date("UTC date to compute.");
        var format = CommonOptions.Format();
        var command = new Command("astro", "Sunrise, sunset and civil twilight (UTC) as the lamp controller computes them (NOAA algorithm, single precision).")
        {
            lat, lon, date, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(lat), parse.GetValue(lon), parse.GetValue(date), parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, double latitude, double longitude, DateOnly date, bool json)
    {
        var sun = new SolarDay();
        SolarCalculator.Compute(date.Year, date.Month, date.Day, (float)latitude, (float)longitude, sun);
        bool horizon = sun.Horizon == SolarCrossing.Crosses;
        bool civil = sun.CivilTwilight == SolarCrossing.Crosses;
        var fields = new Dictionary<string, object?>
        {
            ["kind"] = "astro",
            ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["latitude"] = latitude,
            ["longitude"] = longitude,
            ["civil_dawn_utc"] = LightingOptions.Iso(date, sun.CivilDawnMin, civil),
            ["sunrise_utc"] = LightingOptions.Iso(date, sun.SunriseMin, horizon),
            ["solar_noon_utc"] = LightingOptions.Iso(date, sun.SolarNoonMin, true),
            ["sunset_utc"] = LightingOptions.Iso(date, sun.SunsetMin, horizon),
            ["civil_dusk_utc"] = LightingOptions.Iso(date, sun.CivilDuskMin, civil),
            ["sun"] = State(sun.Horizon),
            ["civil_twilight"] = State(sun.CivilTwilight),
        };
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(fields));
            return ExitCodes.Ok;
        }

        var table = new Table { Title = new TableTitle(string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} at {latitude:F4}, {longitude:F4}")) }
            .AddColumn("Event").AddColumn("UTC");
        foreach (var (key, value) in fields.Skip(4))
        {
            table.AddRow(key, Markup.Escape(value?.ToString() ?? (key.StartsWith("civil", StringComparison.Ordinal) ? "none (" + State(sun.CivilTwilight) + ")" : "none (" + State(sun.Horizon) + ")")));
        }

        console.Ui.Write(table);
        return ExitCodes.Ok;
    }

    private static string State(SolarCrossing crossing) => crossing switch
    {
        SolarCrossing.AlwaysAbove => "always_above",
        SolarCrossing.AlwaysBelow => "always_below",
        _ => "rises_and_sets",
    };
}
