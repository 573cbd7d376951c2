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
        var file = new Argument<FileInfo>("file") { Description = "Mono integer PCM WAV file (16, 24 or 32 bit, 16..48 kHz)." };
        var sensitivity = new Option<float>("--sensitivity-dbfs")
        {
            Description = "Microphone sensitivity: dBFS for 94 dB SPL at 1 kHz (a full-scale sine is 0 dBFS).",
            DefaultValueFactory = _ => I2sMemsMicrophone.DatasheetSensitivityDbfs,
        };
        sensitivity.Validators.Add(r =>
        {
            float s = r.GetValueOrDefault<float>();
            if (!(s < 0 && s > -100))
            {
                r.AddError($"--sensitivity-dbfs: {s.ToString(CultureInfo.InvariantCulture)} is outside -100..0 dBFS");
            }
        });
        var offset = new Option<float>("--offset-db") { Description = "Calibration correction added to every level, dB.", DefaultValueFactory = _ => 0f };
        var interval = new Option<int>("--interval") { Description = "Seconds of audio per result (the node's report.period_s).", DefaultValueFactory = _ => 60 };
        interval.Validators.Add(r =>
        {
            int s = r.GetValueOrDefault<int>();
            if (s < 1 || s > 3600)
            {
                r.AddError($"--interval: {s} is outside 1..3600 s");
            }
        });
        var validMin = new Option<float>("--valid-min-db") { Description = "Microphone noise floor, dB SPL; lower levels set the range flag.", DefaultValueFactory = _ => I2sMemsMicrophone.Inmp441NoiseFloorDb };
        var validMax = new Option<float>("--valid-max-db") { Description = "Microphone overload point, dB SPL; higher levels set the range flag.", DefaultValueFactory = _ => I2sMemsMicrophone.AcousticOverloadDb };
        var format = CommonOptions.Format();
        var command = new Command("noise", "A-weighted levels of a recording, as a node would measure them: LAeq, LAFmax, LAFmin, LA10, LA50, LA90 per interval.")
        {
            file, sensitivity, offset, interval, validMin, validMax, format,
        };
        command.SetAction(parse => Run(
            console,
            parse.GetValue(file)!,
            parse.GetValue(sensitivity),
            parse.GetValue(offset),
            parse.GetValue(interval),
            parse.GetValue(validMin),
            parse.GetValue(validMax),
            parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, FileInfo file, float sensitivityDbfs, float offsetDb, int intervalS, float validMinDb, float validMaxDb, bool json)
    {
        if (!(validMinDb >= 0 && validMaxDb <= 150 && validMinDb < validMaxDb))
        {
            console.Error.WriteLine($"error: --valid-min-db {validMinDb} and --valid-max-db {validMaxDb} must satisfy 0 <= min < max <= 150");
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
