using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CityEdge.Host.Parking;
using CityEdge.Host.Simulation;
using CityEdge.Parking;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge bench parking`: generates one seed of the evaluation generator (or <c>--count</c>
/// consecutive seeds, a set), runs the firmware's bay detector over it and prints accuracy, latency
/// and false events, pooled over the set. docs/parking.md says how each seed was used.
/// </summary>
internal static class BenchParkingCommand
{
    public static Command Create(CliConsole console)
    {
        var seed = CommonOptions.Integer("--seed", "Scenario seed (first of the set with --count); docs/parking.md says which seeds were tuned on.", 1, 0, int.MaxValue - 100);
        var count = CommonOptions.Integer("--count", "Run this many consecutive seeds and pool their figures (an evaluation set: --seed 51 --count 10).", 1, 1, 100);
        // A replay file holds at most the bays one node watches (parking.bays), so --write stays readable.
        var bays = CommonOptions.Integer("--bays", "Bays in the row.", 8, 1, CommonOptions.SchemaKey("parking.bays").Max);
        var days = CommonOptions.Number("--days", "Days simulated per bay (0.01..366).", 0.01, 366, 7);
        var write = CommonOptions.Folder("--write", "Also write readings.csv and truth.csv (replay parking's input) into this folder.");
        var street = new Option<string>("--street")
        {
            Description = "side-street: perpendicular bays beside a quiet lane 4.5-7.5 m away (seeds 1-100 of docs/parking.md); busy-lane: parallel bays with a busy lane 1-3 m from the sensors.",
            DefaultValueFactory = _ => "side-street",
        }.AcceptOnlyFromAmong("side-street", "busy-lane");
        var format = CommonOptions.Format();
        var defaults = new BayDetectorSettings();
        var occupy = Microtesla("--occupy-ut", "parking.occupy_dut", defaults.OccupyUt);
        var release = Microtesla("--release-ut", "parking.release_dut", defaults.ReleaseUt);
        var occupyDebounce = Milliseconds("--occupy-debounce-ms", "parking.occupy_debounce_ms", defaults.OccupyDebounceMs);
        var releaseDebounce = Milliseconds("--release-debounce-ms", "parking.release_debounce_ms", defaults.ReleaseDebounceMs);
        var command = new Command("parking", "Run the bay detector over the generated evaluation set and print accuracy, latency and false events.")
        {
            seed, count, bays, days, street, write, format, occupy, release, occupyDebounce, releaseDebounce,
        };
        command.SetAction(parse => Run(
            console,
            new ParkingScenarioOptions
            {
                Seed = parse.GetValue(seed),
                Bays = parse.GetValue(bays),
                Days = parse.GetValue(days),
                Street = parse.GetValue(street) == "busy-lane" ? ParkingStreet.BusyLane : ParkingStreet.SideStreet,
            },
            parse.GetValue(count),
            new BayDetectorSettings
            {
                OccupyUt = (float)parse.GetValue(occupy),
                ReleaseUt = (float)parse.GetValue(release),
                OccupyDebounceMs = parse.GetValue(occupyDebounce),
                ReleaseDebounceMs = parse.GetValue(releaseDebounce),
            },
            parse.GetValue(write),
            parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, ParkingScenarioOptions options, int count, BayDetectorSettings settings, DirectoryInfo? write, bool json)
    {
        if (count > 1 && write != null)
        {
            console.Error.WriteLine("error: --write: writes one seed's files; use it without --count");
            return ExitCodes.InvalidInput;
        }

        if (count > 1)
        {
            return RunSet(console, options, count, settings, json);
        }

        var watch = Stopwatch.StartNew();
        var scenario = ParkingScenario.Generate(options);
        if (write != null)
        {
            try
            {
                write.Create();
                using (var readings = new StreamWriter(Path.Combine(write.FullName, "readings.csv")))
                {
                    ParkingCsv.WriteReadings(readings, ParkingScenario.Generate(options).Samples());
                }

                using var truth = new StreamWriter(Path.Combine(write.FullName, "truth.csv"));
                ParkingCsv.WriteTruth(truth, scenario.Truth.Where(c => c.T > 0));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: cannot write to {write.FullName}: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        var figures = Evaluate(scenario, settings);
        if (json)
        {
            console.Out.WriteLine(ParkingFiguresView.Json(figures, "summary", seed: options.Seed));
            return ExitCodes.Ok;
        }

        string title = string.Create(CultureInfo.InvariantCulture, $"Parking evaluation: seed {options.Seed}{StreetLabel(options)}, {options.Bays} bays x {options.Days} days, {scenario.Visits.Count} stays, occupy/release {settings.OccupyUt}/{settings.ReleaseUt} µT, debounce {settings.OccupyDebounceMs}/{settings.ReleaseDebounceMs} ms ({watch.Elapsed.TotalSeconds:F1} s)");
        console.Ui.Write(ParkingFiguresView.Table(figures, title));
        console.Ui.Write(Signatures(scenario));
        if (scenario.LanePasses.Count > 0)
        {
            console.Ui.Write(LaneTraffic(scenario));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Seeds options.Seed … + count − 1, each a full scenario, evaluated in parallel (each run is
    /// independent: its own scenario, replay and detectors) and pooled.</summary>
    private static int RunSet(CliConsole console, ParkingScenarioOptions options, int count, BayDetectorSettings settings, bool json)
    {
        var watch = Stopwatch.StartNew();
        int first = options.Seed;
        var runs = new ParkingFigures[count];
        Parallel.For(0, count, i => runs[i] = Evaluate(ParkingScenario.Generate(options with { Seed = first + i }), settings));
        var pooled = ParkingMetrics.Pool(runs);
        string seeds = string.Create(CultureInfo.InvariantCulture, $"{first}-{first + count - 1}");
        if (json)
        {
            for (int i = 0; i < count; i++)
            {
                console.Out.WriteLine(ParkingFiguresView.Json(runs[i], "seed", seed: first + i));
            }

            console.Out.WriteLine(ParkingFiguresView.Json(pooled, "summary", seeds: seeds));
            return ExitCodes.Ok;
        }

        console.Ui.Write(ParkingFiguresView.SeedTable(runs, first));
        string title = string.Create(CultureInfo.InvariantCulture, $"Parking evaluation: seeds {seeds}{StreetLabel(options)} pooled, {options.Bays} bays x {options.Days} days each, occupy/release {settings.OccupyUt}/{settings.ReleaseUt} µT ({watch.Elapsed.TotalSeconds:F1} s)");
        console.Ui.Write(ParkingFiguresView.Table(pooled, title));
        return ExitCodes.Ok;
    }

    /// <summary>A threshold in µT within the range of its config key (0.1 µT steps there).</summary>
    private static Option<double> Microtesla(string name, string key, float defaultValue)
    {
        var range = CommonOptions.SchemaKey(key);
        return CommonOptions.Number(name, $"Threshold, µT ({key} / 10).", range.Min / 10.0, range.Max / 10.0, defaultValue, "µT");
    }

    private static Option<int> Milliseconds(string name, string key, int defaultValue)
    {
        var range = CommonOptions.SchemaKey(key);
        return CommonOptions.Integer(name, key + ".", defaultValue, range.Min, range.Max);
    }

    private static ParkingFigures Evaluate(ParkingScenario scenario, BayDetectorSettings settings)
    {
        var replay = new BayReplay(settings);
        foreach (var row in scenario.Samples())
        {
            replay.Add(row);
        }

        return ParkingMetrics.Compute(scenario.Truth, replay.Changes, replay.Bays, replay.Silences);
    }

    /// <summary>What the scenario's vehicles do to the field: own bay and the neighbouring bays.</summary>
    private static Table Signatures(ParkingScenario scenario)
    {
        var table = new Table { Title = new TableTitle("Scenario signatures, µT (median / min / max)") }
            .AddColumn("Kind").AddColumn(new TableColumn("Stays").RightAligned())
            .AddColumn(new TableColumn("Own bay").RightAligned()).AddColumn(new TableColumn("Next bay").RightAligned());
        foreach (var group in scenario.Visits.GroupBy(v => v.Kind).OrderBy(g => g.Key))
        {
            var own = group.SelectMany(v => v.SecondBay < 0 ? [scenario.SignatureUt(v, v.Bay)] : new[] { scenario.SignatureUt(v, v.Bay), scenario.SignatureUt(v, v.SecondBay) }).ToList();
            var next = group.SelectMany(v => new[] { v.Bay - 1, Math.Max(v.Bay, v.SecondBay) + 1 }.Where(b => b >= 0 && b < scenario.Bays).Select(b => scenario.SignatureUt(v, b))).ToList();
            table.AddRow(ParkingMetrics.Label(group.Key), group.Count().ToString(CultureInfo.InvariantCulture), Stats(own), Stats(next));
        }

        return table;
    }

    /// <summary>Names the street in titles when it is not the side street of the original evaluation sets
    /// (whose titles stay as they were).</summary>
    private static string StreetLabel(ParkingScenarioOptions options) =>
        options.Street == ParkingStreet.BusyLane ? " (busy lane)" : "";

    /// <summary>What the busy street's lanes carry and what each kind of vehicle does to a bay sensor as it passes.</summary>
    private static Table LaneTraffic(ParkingScenario scenario)
    {
        double days = scenario.DurationS / 86400.0;
        var table = new Table { Title = new TableTitle(string.Create(CultureInfo.InvariantCulture, $"Lane traffic (near lane {scenario.LaneGapM:F1} m from the sensors to a bus's side), peak field at a bay sensor, µT (median / min / max)")) }
            .AddColumn("Lane").AddColumn("Kind").AddColumn(new TableColumn("Per day").RightAligned())
            .AddColumn(new TableColumn("Peak field").RightAligned()).AddColumn(new TableColumn("Stood beside the bays per day / median s").RightAligned());
        foreach (var group in scenario.LanePasses.GroupBy(p => (p.NearLane, p.Kind)).OrderBy(g => !g.Key.NearLane).ThenBy(g => g.Key.Kind))
        {
            // A few hundred passes per group give the spread; the field of every pass would take minutes.
            var peaks = group.Where((_, i) => i % Math.Max(1, group.Count() / 300) == 0).Select(scenario.PeakFieldUt).ToList();
            var stood = group.Where(p => p.StoodBesideRowS > 0).Select(p => p.StoodBesideRowS).ToList();
            table.AddRow(
                group.Key.NearLane ? "near" : "far",
                ParkingMetrics.Label(group.Key.Kind),
                (group.Count() / days).ToString("F0", CultureInfo.InvariantCulture),
                Stats(peaks),
                stood.Count == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{stood.Count / days:F0} / {ParkingMetrics.Percentile(stood, 0.5):F0}"));
        }

        return table;
    }

    private static string Stats(IReadOnlyList<double> values) => values.Count == 0
        ? "—"
        : string.Create(CultureInfo.InvariantCulture, $"{ParkingMetrics.Percentile(values, 0.5):F1} / {values.Min():F1} / {values.Max():F1}");
}
