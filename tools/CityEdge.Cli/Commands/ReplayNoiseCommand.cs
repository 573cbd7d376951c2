using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Drivers.I2sMemsMicrophone;
using CityEdge.Host.Audio;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge replay noise FILE.wav`: the node's sound level engine over a recording, per interval.</summary>
internal static class ReplayNoiseCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.InputFileArgument("file", "Mono integer PCM WAV file (16, 24 or 32 bit, 16..48 kHz).");
        // The ranges of the node's own keys: replay measures what a node so configured would report.
        var sensitivityKey = CommonOptions.SchemaKey("noise.sensitivity_dbfs");
        var offsetKey = CommonOptions.SchemaKey("noise.offset_tenth_db");
        var periodKey = CommonOptions.SchemaKey("report.period_s");
        var sensitivity = CommonOptions.Number("--sensitivity-dbfs", $"Microphone sensitivity: dBFS for 94 dB SPL at 1 kHz (a full-scale sine is 0 dBFS), {sensitivityKey.Min}..{sensitivityKey.Max}.",
            sensitivityKey.Min, sensitivityKey.Max, I2sMemsMicrophone.DatasheetSensitivityDbfs, "dBFS");
        var offset = CommonOptions.Number("--offset-db", $"Calibration correction added to every level, dB ({offsetKey.Min / 10}..{offsetKey.Max / 10}).", offsetKey.Min / 10.0, offsetKey.Max / 10.0, 0, "dB");
        var interval = CommonOptions.Duration("--interval", "Audio per result, whole seconds (the node's report.period_s)", TimeSpan.FromSeconds(60),
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(periodKey.Max), wholeSeconds: true);
        var validMin = CommonOptions.Number("--valid-min-db", "Microphone noise floor, dB SPL (0..150); lower levels set the range flag.", 0, 150, I2sMemsMicrophone.Inmp441NoiseFloorDb, "dB");
        var validMax = CommonOptions.Number("--valid-max-db", "Microphone overload point, dB SPL (0..150); higher levels set the range flag.", 0, 150, I2sMemsMicrophone.AcousticOverloadDb, "dB");
        var format = CommonOptions.Format();
        var command = new Command("noise", "A-weighted levels of a recording, as a node would measure them: LAeq, LAFmax, LAFmin, LA10, LA50, LA90 per interval.")
        {
            file, sensitivity, offset, interval, validMin, validMax, format,
        };
        command.SetAction(parse => Run(
            console,
            parse.GetValue(file)!,
            (float)parse.GetValue(sensitivity),
            (float)parse.GetValue(offset),
            (int)parse.GetValue(interval).TotalSeconds,
            (float)parse.GetValue(validMin),
            (float)parse.GetValue(validMax),
            parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, FileInfo file, float sensitivityDbfs, float offsetDb, int intervalS, float validMinDb, float validMaxDb, bool json)
    {
        if (!(validMinDb < validMaxDb))
        {
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --valid-min-db {validMinDb} must be below --valid-max-db {validMaxDb}"));
            return ExitCodes.InvalidInput;
        }

        WavFileSource source;
        try
        {
            source = WavFileSource.Open(file.FullName);
        }
        catch (WavFormatException ex)
        {
            console.Error.WriteLine($"error: {file.Name} is not a usable WAV file: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read {file.FullName}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        using (source)
        {
            var table = new Table { Title = new TableTitle(Markup.Escape($"{file.Name}: {source.SampleRateHz} Hz, {source.BitsPerSample}-bit, {(double)source.SampleCount / source.SampleRateHz:F1} s, sensitivity {sensitivityDbfs.ToString(CultureInfo.InvariantCulture)} dBFS")) }
                .AddColumn("Start s").AddColumn("LAeq").AddColumn("LAFmax").AddColumn("LAFmin").AddColumn("LA10").AddColumn("LA50").AddColumn("LA90").AddColumn("Range");
            int count = 0;
            foreach (var levels in NoiseReplay.Run(source, sensitivityDbfs, offsetDb, validMinDb, validMaxDb, intervalS))
            {
                count++;
                if (json)
                {
                    console.Out.WriteLine(Json(levels));
                }
                else
                {
                    var ci = CultureInfo.InvariantCulture;
                    table.AddRow(levels.StartS.ToString("F0", ci), levels.LaeqDb.ToString("F1", ci), levels.LafmaxDb.ToString("F1", ci), levels.LafminDb.ToString("F1", ci),
                        levels.La10Db.ToString("F1", ci), levels.La50Db.ToString("F1", ci), levels.La90Db.ToString("F1", ci), levels.RangeFlag ? "[yellow]outside mic range[/]" : "ok");
                }
            }

            if (count == 0)
            {
                console.Error.WriteLine($"error: {file.Name} holds {source.SampleCount} samples, too little audio for one level (the filters settle for 32 ms, and Fast needs 10 ms more)");
                return ExitCodes.InvalidInput;
            }

            if (!json)
            {
                console.Ui.Write(table);
            }
        }

        return ExitCodes.Ok;
    }

    private static string Json(NoiseIntervalLevels levels)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("kind", "interval");
            json.WriteNumber("interval", levels.Index);
            json.WriteNumber("start_s", Math.Round(levels.StartS, 3));
            json.WriteNumber("duration_s", Math.Round(levels.DurationS, 3));
            json.WriteNumber("laeq_db", levels.LaeqDb);
            json.WriteNumber("lafmax_db", levels.LafmaxDb);
            json.WriteNumber("lafmin_db", levels.LafminDb);
            json.WriteNumber("la10_db", Math.Round(levels.La10Db, 1));
            json.WriteNumber("la50_db", Math.Round(levels.La50Db, 1));
            json.WriteNumber("la90_db", Math.Round(levels.La90Db, 1));
            json.WriteBoolean("range_flag", levels.RangeFlag);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
