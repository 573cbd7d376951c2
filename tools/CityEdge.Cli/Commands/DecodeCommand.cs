using System.CommandLine;
using System.Globalization;
using CityEdge.Host;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge decode`: decode one telemetry or event frame given as hex or as a binary file.</summary>
internal static class DecodeCommand
{
    /// <summary>The largest frame of either kind: nothing longer is read or parsed.</summary>
    public static readonly int MaxFrameLength = Math.Max(TelemetryFrame.MaxLength, EventFrame.GetLength(EventFrame.MaxPayloadLength));

    public static Command Create(CliConsole console)
    {
        var hex = new Argument<string?>("hex")
        {
            Description = "The frame as hex digits (spaces, ':' and a 0x prefix allowed).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = CommonOptions.InputFile("--file", "Read the frame's raw bytes from this file instead.");
        var kind = new Option<string>("--frame")
        {
            Description = "What the bytes are: a telemetry frame, an event frame, or whichever decodes (auto). The topic tells: …/telemetry or …/events.",
            DefaultValueFactory = _ => "auto",
        }.AcceptOnlyFromAmong("auto", "telemetry", "event");
        var format = CommonOptions.Format();
        var command = new Command("decode", "Decode one telemetry frame v1 or event frame v1 and show every field, or say exactly where it is wrong.")
        {
            hex, file, kind, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(hex), parse.GetValue(file), parse.GetValue(kind)!, parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, string? hex, FileInfo? file, string kind, bool json)
    {
        if ((hex == null) == (file == null))
        {
            console.Error.WriteLine("error: give the frame either as HEX or with --file, not both or neither");
            return ExitCodes.InvalidInput;
        }

        byte[] frame;
        string? problem;
        if (file != null ? !TryRead(file, out frame, out problem) : !TryParseHex(hex!, out frame, out problem))
        {
            console.Error.WriteLine("error: " + problem);
            return ExitCodes.InvalidInput;
        }

        TelemetryReport? report = null;
        EventReport? eventReport = null;
        string? telemetryError = null;
        string? eventError = null;
        if (kind != "event")
        {
            report = new TelemetryReport();
            try
            {
                TelemetryCodec.Decode(frame, 0, frame.Length, report);
            }
            catch (FrameFormatException ex)
            {
                report = null;
                telemetryError = "not a valid telemetry frame v1: " + ex.Message;
            }
        }

        if (kind != "telemetry")
        {
            try
            {
                eventReport = EventReport.Decode(frame);
            }
            catch (FrameFormatException ex)
            {
                eventError = "not a valid event frame v1: " + ex.Message;
            }
        }

        if (report != null && eventReport != null)
        {
            console.Error.WriteLine("error: these bytes are both a valid telemetry frame v1 and a valid event frame v1; say which with --frame telemetry or --frame event (the topic tells: …/telemetry or …/events)");
            return ExitCodes.InvalidInput;
        }

        if (report == null && eventReport == null)
        {
            console.Error.WriteLine("error: " + string.Join("; and ", new[] { telemetryError, eventError }.Where(e => e != null)));
            return ExitCodes.InvalidInput;
        }

        if (json)
        {
            console.Out.WriteLine(report != null ? ReportJson.Format(report) : ReportJson.Format(eventReport!));
        }
        else
        {
            console.Ui.Write(report != null ? Table(report, frame.Length) : Table(eventReport!, frame.Length));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The file's bytes, read no further than one byte past the largest frame (a device file may never end).</summary>
    private static bool TryRead(FileInfo file, out byte[] frame, out string? problem)
    {
        frame = [];
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            var buffer = new byte[MaxFrameLength + 1];
            int length = 0;
            for (int n; length < buffer.Length && (n = stream.Read(buffer, length, buffer.Length - length)) > 0;)
            {
                length += n;
            }

            if (length > MaxFrameLength)
            {
                problem = $"{file.FullName} is longer than any frame (frames are at most {MaxFrameLength} bytes); is it one frame?";
                return false;
            }

            frame = buffer[..length];
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read {file.FullName}: {ex.Message}";
            return false;
        }
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
            if (digits.Count > 2 * MaxFrameLength)
            {
                problem = $"the hex text is longer than any frame (frames are at most {MaxFrameLength} bytes)";
                return false;
            }

            char c = trimmed[i];
            if (char.IsWhiteSpace(c) || c == ':' || c == '-')
            {
                continue;
            }

            int value = char.IsAsciiHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : -1;
            if (value < 0)
            {
                problem = $"character {Excerpt.Of(c.ToString())} at position {i + 1} of the hex text is not a hex digit";
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

    private static Table Table(EventReport e, int length)
    {
        var table = new Table { Title = new TableTitle($"Event frame v{EventFrame.Version}, {length} bytes") }
            .AddColumn("Field").AddColumn("Value");
        table.AddRow("event", Markup.Escape($"{e.Name} (type {e.Type})"));
        table.AddRow("sequence", e.Sequence.ToString(CultureInfo.InvariantCulture));
        table.AddRow("timestamp", e.Timestamp);
        table.AddRow("meaning", Markup.Escape(e.Text));
        foreach (var field in e.Fields)
        {
            table.AddRow(Markup.Escape(field.Name), Markup.Escape(Convert.ToString(field.Value, CultureInfo.InvariantCulture) ?? "none"));
        }

        return table;
    }
}
