using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CityEdge.Config;
using CityEdge.Host.Lighting;
using CityEdge.Lighting;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge replay lighting`: one night of the lamp controller with recorded presence, and what it cost.</summary>
internal static class ReplayLightingCommand
{
    public static Command Create(CliConsole console)
    {
        var lat = LightingOptions.Latitude();
        var lon = LightingOptions.Longitude();
        var date = LightingOptions.Date("Local date of the evening the night starts on.");
        var presence = CommonOptions.InputFile("--presence", "CSV of detections: t_utc,source (ISO 8601 UTC).", required: true);
        var timeline = CommonOptions.OutputFile("--timeline", "Write t_utc,level_pct,power_w for every second of the night here.");
        var offsetKey = CommonOptions.SchemaKey("lighting.utc_offset_min");
        var utcOffset = CommonOptions.OptionalInteger("--utc-offset", "Local standard time minus UTC, minutes (default: the longitude's time zone, round(lon / 15) h).", offsetKey.Min, offsetKey.Max);
        var set = new Option<string[]>("--set")
        {
            Description = "Override a lighting.* config key, e.g. --set lighting.hold_s=60 (repeatable).",
            HelpName = "key=value",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = CommonOptions.Format();
        var command = new Command("lighting", "Replay one night of the adaptive lamp with recorded presence events and compare its energy with always-on and part-night lighting.")
        {
            lat, lon, date, presence, timeline, utcOffset, set, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(lat), parse.GetValue(lon), parse.GetValue(date), parse.GetValue(presence)!,
            parse.GetValue(timeline), parse.GetValue(utcOffset), parse.GetValue(set) ?? [], parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, double latitude, double longitude, DateOnly date, FileInfo presenceFile, FileInfo? timelineFile,
        int? utcOffsetMin, string[] settings, bool json)
    {
        int offset = utcOffsetMin ?? (int)Math.Round(longitude / 15.0) * 60;
        LightingConfig? lighting = BuildConfig(console, latitude, longitude, offset, settings);
        if (lighting == null)
        {
            return ExitCodes.InvalidInput;
        }

        List<PresenceEvent> events;
        try
        {
            using var reader = new StreamReader(presenceFile.FullName);
            events = PresenceEvent.ReadCsv(reader, presenceFile.Name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            console.Error.WriteLine("error: --presence: " + ex.Message);
            return ExitCodes.InvalidInput;
        }

        var calendar = lighting.Settings.CreateDefaultCalendar();
        var (litFrom, litUntil) = LightingReplay.LitWindow(lighting.Settings, calendar, date);
        if (litUntil <= litFrom)
        {
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: the sun does not set on the night of {date:yyyy-MM-dd} at {latitude:0.####}°: the lamp stays dark"));
        }
        else if (events.Count > 0 && !events.Any(e => e.TimeUtc >= litFrom && e.TimeUtc < litUntil))
        {
            // A file of another night would replay as a night without traffic: a wrong answer, not a result.
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"error: --presence: none of its {events.Count} detections ({Utc(events[0].TimeUtc)} … {Utc(events[^1].TimeUtc)}) falls in the night of {date:yyyy-MM-dd} (lit {Utc(litFrom)} … {Utc(litUntil)}); is --date right?"));
            return ExitCodes.InvalidInput;
        }

        StreamWriter? timeline = null;
        try
        {
            if (timelineFile != null)
            {
                timeline = new StreamWriter(timelineFile.FullName, false, new UTF8Encoding(false));
                timeline.WriteLine("t_utc,level_pct,power_w");
            }

            var result = LightingReplay.Run(lighting.Settings, calendar, lighting.CreatePowerModel(), date, events,
                timeline == null ? null : (t, level, watts) => timeline.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{t:yyyy-MM-dd'T'HH:mm:ss'Z'},{level:F1},{watts:F2}")));
            Print(console, lighting, result, date, json);
        }
        catch (IOException ex)
        {
            console.Error.WriteLine("error: --timeline: " + ex.Message);
            return ExitCodes.InvalidInput;
        }
        finally
        {
            timeline?.Dispose();
        }

        return ExitCodes.Ok;
    }

    /// <summary>The node's own config parser checks the position and every --set, so the replay runs
    /// exactly the profile a node with those keys would run.</summary>
    private static LightingConfig? BuildConfig(CliConsole console, double latitude, double longitude, int utcOffsetMin, string[] settings)
    {
        var text = new StringBuilder();
        text.AppendLine("node.id = replay");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"lighting.latitude = {latitude:0.######}"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"lighting.longitude = {longitude:0.######}"));
        bool offsetSet = settings.Any(s => s.Split('=')[0].Trim() == "lighting.utc_offset_min");
        if (!offsetSet)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"lighting.utc_offset_min = {utcOffsetMin}"));
        }

        foreach (string setting in settings)
        {
            string key = setting.Split('=')[0].Trim();
            if (!key.StartsWith("lighting.", StringComparison.Ordinal) || !setting.Contains('=') || key is "lighting.latitude" or "lighting.longitude")
            {
                console.Error.WriteLine($"error: --set '{setting}': give key=value for a lighting.* key (position comes from --lat/--lon)");
                return null;
            }

            text.AppendLine(setting);
        }

        var errors = new ArrayList();
        NodeConfig? config = NodeConfig.Parse(text.ToString(), errors);
        foreach (ConfigError error in errors)
        {
            console.Error.WriteLine($"error: {error.Key}: {error.Message}");
        }

        return config?.Lighting;
    }

    private static void Print(CliConsole console, LightingConfig lighting, LightingReplayResult r, DateOnly date, bool json)
    {
        LightingSettings s = lighting.Settings;
        var profile = new Dictionary<string, object>
        {
            ["design_class"] = lighting.DesignClass,
            ["road_class"] = lighting.RoadClass,
            ["class_minimum_pct"] = Round(s.ClassMinimumPct),
            ["evening_pct"] = Round(s.EveningLevelPct),
            ["night_pct"] = Round(s.NightLevelPct),
            ["morning_pct"] = Round(s.MorningLevelPct),
            ["night_start_local"] = Clock(s.NightStartMin),
            ["weekend_night_start_local"] = Clock(s.WeekendNightStartMin),
            ["morning_start_local"] = Clock(s.MorningStartMin),
            ["utc_offset_min"] = s.UtcOffsetMin,
            ["boost_pct"] = Round(s.BoostPct),
            ["ramp_up_ms"] = s.RampUpMs,
            ["hold_s"] = s.HoldMs / 1000,
            ["ramp_down_s"] = s.RampDownMs / 1000,
            ["step_ramp_s"] = s.StepRampS,
            ["rated_w"] = Round(lighting.RatedW),
            ["standby_w"] = Round(lighting.StandbyW),
        };
        var ci = CultureInfo.InvariantCulture;
        var report = new Dictionary<string, object?>
        {
            ["kind"] = "night",
            ["night"] = date.ToString("yyyy-MM-dd", ci),
            ["lit_from_utc"] = r.LitStartUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", ci),
            ["lit_until_utc"] = r.LitEndUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", ci),
            ["profile"] = profile,
            ["presence_events"] = r.PresenceEvents,
            ["energy_wh"] = Math.Round(r.EnergyWh, 1),
            ["always_on_wh"] = Math.Round(r.AlwaysOnWh, 1),
            ["part_night_wh"] = Math.Round(r.PartNightWh, 1),
            ["saving_vs_always_on_pct"] = Round(r.SavingVsAlwaysOnPct),
            ["saving_vs_part_night_pct"] = Round(r.SavingVsPartNightPct),
            ["under_lit_s"] = r.UnderLitS,
            ["boost_late"] = r.BoostLate,
        };
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(report));
            return;
        }

        var profileTable = new Table { Title = new TableTitle("Effective profile") }.AddColumn("Setting").AddColumn("Value");
        foreach (var (key, value) in profile)
        {
            profileTable.AddRow(key, Markup.Escape(Convert.ToString(value, ci) ?? ""));
        }

        var reportTable = new Table { Title = new TableTitle($"Night of {report["night"]}: lit {report["lit_from_utc"]} to {report["lit_until_utc"]}") }
            .AddColumn("Figure").AddColumn("Value");
        foreach (var (key, value) in report.Skip(5))
        {
            reportTable.AddRow(key, Markup.Escape(Convert.ToString(value, ci) ?? "—"));
        }

        console.Ui.Write(profileTable);
        console.Ui.Write(reportTable);
    }

    private static double? Round(double? pct) => pct is double value ? Math.Round(value, 1) : null;

    /// <summary>A float setting as the decimal it was configured as (26.7, not 26.700000762939453).</summary>
    private static double Round(float value) => Math.Round(value, 3);

    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
}
