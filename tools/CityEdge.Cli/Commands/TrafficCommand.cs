using System.CommandLine;
using System.Text;
using CityEdge.Host.Lighting;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge traffic`: generate a night of street traffic (presence events) for replays and the simulator.</summary>
internal static class TrafficCommand
{
    public static Command Create(CliConsole console)
    {
        var date = LightingOptions.Date("Local date of the evening the night starts on.");
        var offsetKey = CommonOptions.SchemaKey("lighting.utc_offset_min");
        var utcOffset = CommonOptions.Integer("--utc-offset", "Local standard time minus UTC, minutes.", 0, offsetKey.Min, offsetKey.Max);
        var seed = CommonOptions.Integer("--seed", "Random seed: the same seed gives the same night.", 1, int.MinValue, int.MaxValue);
        var output = CommonOptions.OutputFile("--out", "Write the CSV here instead of to standard output.");
        var command = new Command("traffic", "Generate one night of residential-street traffic (pedestrians, cyclists, cars by hour) as t_utc,source CSV.")
        {
            date, utcOffset, seed, output,
        };
        command.SetAction(parse => Run(console, parse.GetValue(date), parse.GetValue(utcOffset), parse.GetValue(seed), parse.GetValue(output)));
        return command;
    }

    public static int Run(CliConsole console, DateOnly date, int utcOffsetMin, int seed, FileInfo? output)
    {
        var text = new StringBuilder();
        text.Append(PresenceEvent.CsvHeader).Append('\n');
        foreach (PresenceEvent e in ResidentialTraffic.Generate(date, utcOffsetMin, seed))
        {
            text.Append(e.ToCsv()).Append('\n');
        }

        if (output == null)
        {
            console.Out.Write(text.ToString());
            return ExitCodes.Ok;
        }

        try
        {
            File.WriteAllText(output.FullName, text.ToString(), new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: --out: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        return ExitCodes.Ok;
    }
}
