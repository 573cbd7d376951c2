using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Drivers.Pms5003;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge replay air FILE`: a raw PMS5003 / PMS7003 UART capture through the driver's frame parser.</summary>
internal static class ReplayAirCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.InputFileArgument("file", "Raw UART capture: the bytes exactly as received at 9600 8N1.");
        var format = CommonOptions.Format();
        var command = new Command("air", "Parse a PMS5003 / PMS7003 capture: every valid frame (atmospheric PM and particle counts), then the fault counts.")
        {
            file, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(file)!, parse.GetValue(format) == "json"));
        return command;
    }

    /// <returns>0 when every frame was good; 1 when frames were corrupt, cut short or absent; 2 when the file cannot be read.</returns>
    public static int Run(CliConsole console, FileInfo file, bool json)
    {
        byte[] capture;
        try
        {
            capture = File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read {file.FullName}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        var parser = new Pms5003FrameParser();
        var table = new Table { Title = new TableTitle($"PMS5003 frames in {Markup.Escape(file.Name)} ({capture.Length} bytes)") }
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn(new TableColumn("PM1.0").RightAligned())
            .AddColumn(new TableColumn("PM2.5").RightAligned())
            .AddColumn(new TableColumn("PM10 µg/m³").RightAligned())
            .AddColumn(new TableColumn(">0.3 µm/0.1 L").RightAligned())
            .AddColumn(new TableColumn(">2.5 µm").RightAligned())
            .AddColumn(new TableColumn(">10 µm").RightAligned());
        foreach (byte b in capture)
        {
            if (!parser.Push(b))
            {
                continue;
            }

            var f = parser.Frame;
            if (json)
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, int>
                {
                    ["pm1_0_ug_m3"] = f.Pm1_0AtmosphericUgM3,
                    ["pm2_5_ug_m3"] = f.Pm2_5AtmosphericUgM3,
                    ["pm10_ug_m3"] = f.Pm10AtmosphericUgM3,
                    ["counts_0_3um"] = f.Count0_3um,
                    ["counts_0_5um"] = f.Count0_5um,
                    ["counts_1_0um"] = f.Count1_0um,
                    ["counts_2_5um"] = f.Count2_5um,
                    ["counts_5_0um"] = f.Count5_0um,
                    ["counts_10um"] = f.Count10um,
                }));
            }
            else
            {
                var ci = CultureInfo.InvariantCulture;
                table.AddRow(parser.FramesOk.ToString(ci), f.Pm1_0AtmosphericUgM3.ToString(ci), f.Pm2_5AtmosphericUgM3.ToString(ci), f.Pm10AtmosphericUgM3.ToString(ci),
                    f.Count0_3um.ToString(ci), f.Count2_5um.ToString(ci), f.Count10um.ToString(ci));
            }
        }

        parser.EndOfStream();
        var summary = new Dictionary<string, int>
        {
            ["frames_ok"] = parser.FramesOk,
            ["checksum_errors"] = parser.ChecksumErrors,
            ["length_errors"] = parser.LengthErrors,
            ["truncated_frames"] = parser.TruncatedFrames,
            ["ack_frames"] = parser.AckFrames,
            ["bytes_skipped"] = parser.BytesSkipped,
        };
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(summary));
        }
        else
        {
            console.Ui.Write(table);
            console.Ui.WriteLine(string.Join("  ", summary.Select(kv => $"{kv.Key} {kv.Value}")));
        }

        return parser.FramesOk > 0 && parser.FaultCount == 0 ? ExitCodes.Ok : ExitCodes.DataProblem;
    }
}
