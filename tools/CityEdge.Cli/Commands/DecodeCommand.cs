using System.CommandLine;
using System.Globalization;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge decode`: decode one telemetry frame given as hex or as a binary file.</summary>
internal static class DecodeCommand
{
    public static Command Create(CliConsole console)
    {
        var hex = new Argument<string?>("hex")
        {
            Description = "The frame as hex digits (spaces, ':' and a 0x prefix allowed).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = CommonOptions.InputFile("--file", "Read the frame's raw bytes from this file instead.");
        var format = CommonOptions.Format();
        var command = new Command("decode", "Decode one telemetry frame v1 and show every field, or say exactly where it is wrong.")
        {
            hex, file, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(hex), parse.GetValue(file), parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, string? hex, FileInfo? file, bool json)
    {
        byte[] frame;
        if ((hex == null) == (file == null))
        {
            console.Error.WriteLine("error: give the frame either as HEX or with --file, not both or neither");
            return ExitCodes.InvalidInput;
        }

        if (file != null)
        {
            try
            {
                frame = File.ReadAllBytes(file.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: cannot read {file.FullName}: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
        }
        else if (!TryParseHex(hex!, out frame, out string? problem))
        {
            console.Error.WriteLine("error: " + problem);
            return ExitCodes.InvalidInput;
        }

        var report = new TelemetryReport();
        try
        {
            TelemetryCodec.Decode(frame, 0, frame.Length, report);
        }
        catch (FrameFormatException ex)
        {
            console.Error.WriteLine($"error: not a valid telemetry frame v1: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        if (json)
        {
            console.Out.WriteLine(ReportJson.Format(report));
        }
        else
        {
            console.Ui.Write(Table(report, frame.Length));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Hex digits in pairs; whitespace, ':' and '-' separators and a leading 0x are ignored.</summary>
    public static bool TryParseHex(string text, out byte[] bytes, out string? problem)
    {
        bytes = [];
        problem = null;
        string trimmed = text.Trim();
        int start = trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0;
        var digits = new List<int>();
        for (int i = start; i < trimmed.Length; i++)
        {
            char c = trimmed[i];
            if (char.IsWhiteSpace(c) || c == ':' || c == '-')
            {
                continue;
            }

            int value = char.IsAsciiHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : -1;
            if (value < 0)
            {
                problem = $"character '{c}' at position {i + 1} of the hex text is not a hex digit";
                return false;
            }

            digits.Add(value);
        }

        if (digits.Count == 0)
        {
            problem = "the hex text has no digits";
            return false;
        }

        if (digits.Count % 2 != 0)
        {
            problem = $"the hex text has {digits.Count} digits; bytes need an even number";
            return false;
        }

        bytes = new byte[digits.Count / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((digits[2 * i] << 4) | digits[(2 * i) + 1]);
        }

        return true;
    }

    private static Table Table(TelemetryReport r, int length)
    {
        var ci = CultureInfo.InvariantCulture;
        var table = new Table { Title = new TableTitle($"Telemetry frame v{TelemetryFrame.Version}, {length} bytes") }
            .AddColumn("Field").AddColumn("Value");
        table.AddRow("sequence", r.Sequence.ToString(ci));
        table.AddRow("timestamp", r.TimestampUnixSeconds == 0 ? "clock not set" : ReportJson.Timestamp(r));
        if (r.HasClimate)
        {
            table.AddRow("temperature", r.TemperatureDegC.ToString("F2", ci) + " °C");
            table.AddRow("humidity", r.HumidityPct.ToString("F1", ci) + " %RH");
            table.AddRow("pressure", r.PressureHpa.ToString("F1", ci) + " hPa");
        }

        if (r.HasParticulates)
        {
            table.AddRow("PM1.0 / PM2.5 / PM10", string.Create(ci, $"{r.Pm1_0UgM3:F0} / {r.Pm2_5UgM3:F0} / {r.Pm10UgM3:F0} µg/m³")
                + (r.ParticulatesHumidityFlag ? " (humidity too high: unreliable)" : ""));
            if (r.HasAqi)
            {
                table.AddRow("AQI", FleetView.Aqi(r));
            }
        }

        if (r.HasNoise)
        {
            table.AddRow("LAeq / LAFmax", string.Create(ci, $"{r.LaeqDb:F1} / {r.LafmaxDb:F1} dB") + (r.NoiseRangeFlag ? " (outside microphone range)" : ""));
        }

        if (r.HasNoiseStatistics)
        {
            table.AddRow("LAFmin / LA10 / LA50 / LA90", string.Create(ci, $"{r.LafminDb:F1} / {r.La10Db:F1} / {r.La50Db:F1} / {r.La90Db:F1} dB"));
        }

        if (r.ParkingBayCount > 0)
        {
            var bays = new string[r.ParkingBayCount];
            for (int i = 0; i < bays.Length; i++)
            {
                bays[i] = ReportJson.BayStateName(r.GetBayState(i));
            }

            table.AddRow("parking bays", string.Join(", ", bays));
        }

        if (r.HasLamp)
        {
            table.AddRow("lamp", string.Create(ci, $"{r.LampLevelPct:F1} %, {r.LampEnergyWh:F1} Wh"));
        }

        table.AddRow("health", Markup.Escape(FleetView.Health(r)));
        return table;
    }
}
