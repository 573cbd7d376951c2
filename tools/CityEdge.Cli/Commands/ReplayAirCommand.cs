using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Drivers.Pms5003;
using CityEdge.Host.Reports;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge replay air FILE`: a raw PMS5003 / PMS7003 UART capture through the driver's frame parser.</summary>
internal static class ReplayAirCommand
{
    private const string RowFormat = "{0,8} {1,6} {2,6} {3,11} {4,14} {5,8} {6,7}";

    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.InputFileArgument("file", "Raw UART capture: the bytes exactly as received at 9600 8N1.");
        var format = CommonOptions.Format();
        var command = new Command("air", "Parse a PMS5003 / PMS7003 capture: every valid frame (atmospheric PM and particle counts), then the fault counts. Exit code: 0 every frame good, 1 frames corrupt or none, 2 unreadable file.")
        {
            file, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(file)!, parse.GetValue(format) == "json"));
        return command;
    }

    /// <returns>0 when every frame was good; 1 when frames were corrupt, cut short or absent; 2 when the file cannot be read.</returns>
    public static int Run(CliConsole console, FileInfo file, bool json)
    {
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Run(console, stream, file.Name, json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read {file.FullName}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>Streams the capture: each frame is printed as it is found, so memory does not grow with the file.</summary>
    public static int Run(CliConsole console, Stream capture, string name, bool json)
    {
        var parser = new Pms5003FrameParser();
        var ci = CultureInfo.InvariantCulture;
        if (!json)
        {
            console.Ui.WriteLine($"PMS5003 frames in {name} (µg/m³; particles per 0.1 L)");
            console.Ui.WriteLine(string.Format(ci, RowFormat, "#", "PM1.0", "PM2.5", "PM10", ">0.3 µm", ">2.5 µm", ">10 µm"));
        }

        var buffer = new byte[1 << 16];
        long length = 0;
        for (int n; (n = capture.Read(buffer, 0, buffer.Length)) > 0;)
        {
            length += n;
            for (int i = 0; i < n; i++)
            {
                if (parser.Push(buffer[i]))
                {
                    var f = parser.Frame;
                    if (!json)
                    {
                        console.Ui.WriteLine(string.Format(ci, RowFormat, parser.FramesOk, f.Pm1_0AtmosphericUgM3, f.Pm2_5AtmosphericUgM3, f.Pm10AtmosphericUgM3, f.Count0_3um, f.Count2_5um, f.Count10um));
                        continue;
                    }

                    console.Out.WriteLine(ReportJson.Line(w =>
                        {
                            w.WriteStartObject();
                            w.WriteString("kind", "frame");
                            w.WriteNumber("frame", parser.FramesOk);
                            w.WriteNumber("pm1_0_ug_m3", f.Pm1_0AtmosphericUgM3);
                            w.WriteNumber("pm2_5_ug_m3", f.Pm2_5AtmosphericUgM3);
                            w.WriteNumber("pm10_ug_m3", f.Pm10AtmosphericUgM3);
                            w.WriteNumber("counts_0_3um", f.Count0_3um);
                            w.WriteNumber("counts_0_5um", f.Count0_5um);
                            w.WriteNumber("counts_1_0um", f.Count1_0um);
                            w.WriteNumber("counts_2_5um", f.Count2_5um);
                            w.WriteNumber("counts_5_0um", f.Count5_0um);
                            w.WriteNumber("counts_10um", f.Count10um);
                            w.WriteEndObject();
                        }));
                }
            }
        }

        parser.EndOfStream();
        var summary = new (string Name, long Value)[]
        {
            ("bytes", length),
            ("frames_ok", parser.FramesOk),
            ("checksum_errors", parser.ChecksumErrors),
            ("length_errors", parser.LengthErrors),
            ("truncated_frames", parser.TruncatedFrames),
            ("ack_frames", parser.AckFrames),
            ("bytes_skipped", parser.BytesSkipped),
        };
        if (json)
        {
            console.Out.WriteLine(ReportJson.Line(w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", "summary");
                foreach (var (key, value) in summary)
                {
                    w.WriteNumber(key, value);
                }

                w.WriteEndObject();
            }));
        }
        else
        {
            console.Ui.WriteLine(string.Join("  ", summary.Select(kv => $"{kv.Name} {kv.Value.ToString(ci)}")));
        }

        return parser.FramesOk > 0 && parser.FaultCount == 0 ? ExitCodes.Ok : ExitCodes.DataProblem;
    }
}
