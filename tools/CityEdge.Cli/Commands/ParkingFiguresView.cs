using System.Globalization;
using System.Text.Json;
using CityEdge.Host.Parking;
using CityEdge.Host.Reports;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>How `replay parking --truth` and `bench parking` show the evaluation figures.</summary>
internal static class ParkingFiguresView
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The figures as one JSON line: kind "summary" for a replay or one seed (with "seed") or the
    /// pooled set (with "seeds": "51-60"), kind "seed" for one run of a set. Fractions and times are
    /// rounded (3 decimals): the figures are not more precise than that.
    /// </summary>
    public static string Json(ParkingFigures f, string kind, int? seed = null, string? seeds = null) => ReportJson.Line(json =>
    {
        json.WriteStartObject();
        json.WriteString("kind", kind);
        if (seed is int one)
        {
            json.WriteNumber("seed", one);
        }

        if (seeds != null)
        {
            json.WriteString("seeds", seeds);
        }

        json.WriteNumber("bays", f.Bays);
        json.WriteNumber("bay_days", Math.Round(f.BayDays, 3));
        json.WriteNumber("scored_s", f.ScoredSeconds);
        json.WriteNumber("accuracy_pct", Math.Round(100 * f.Accuracy, 3));
        json.WriteNumber("strict_accuracy_pct", Math.Round(100 * f.StrictAccuracy, 3));
        json.WriteNumber("claim_accuracy_pct", Math.Round(100 * f.ClaimAccuracy, 3));
        json.WriteNumber("unknown_s", f.UnknownSeconds);
        json.WriteNumber("silent_s", f.SilentSeconds);
        json.WriteNumber("silent_unknown_s", f.SilentUnknownSeconds);
        json.WriteNumber("true_changes", f.TrueChanges);
        json.WriteNumber("detected", f.DetectedInTime);
        json.WriteNumber("missed", f.Missed);
        json.WriteNumber("latency_median_s", Math.Round(f.LatencyMedianS, 3));
        json.WriteNumber("latency_p95_s", Math.Round(f.LatencyP95S, 3));
        json.WriteNumber("latency_max_s", Math.Round(f.LatencyMaxS, 3));
        json.WriteNumber("arrival_latency_median_s", Math.Round(f.ArrivalLatencyMedianS, 3));
        json.WriteNumber("departure_latency_median_s", Math.Round(f.DepartureLatencyMedianS, 3));
        json.WriteNumber("false_events", f.FalseEvents);
        json.WriteNumber("false_events_per_bay_day", Math.Round(f.FalseEventsPerBayDay, 3));
        json.WriteNumber("unknown_events", f.UnknownEvents);
        Counts(json, "wrong_s_by_truth", f.WrongSecondsByTruth);
        Counts(json, "missed_by_kind", f.MissedByKind);
        json.WriteEndObject();
    });

    private static void Counts<T>(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, T>> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in counts)
        {
            json.WriteNumber(key, Convert.ToInt64(value, Invariant));
        }

        json.WriteEndObject();
    }

    public static Table Table(ParkingFigures f, string title)
    {
        var table = new Table { Title = new TableTitle(title) }.AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("bays / bay-days", string.Create(Invariant, $"{f.Bays} / {f.BayDays:F1}"));
        table.AddRow("state accuracy, sensor giving readings (unknown = wrong)", Pct(f.Accuracy));
        table.AddRow("state accuracy, silent sensors included", Pct(f.StrictAccuracy));
        table.AddRow("accuracy of claims (unknown excluded)", Pct(f.ClaimAccuracy));
        table.AddRow("unknown bay-seconds", f.UnknownSeconds.ToString(Invariant));
        table.AddRow(string.Create(Invariant, $"silent-sensor bay-seconds (> {ParkingMetrics.SilentS:0} s) / said unknown"), string.Create(Invariant, $"{f.SilentSeconds} / {f.SilentUnknownSeconds}"));
        table.AddRow("true changes / followed / missed", $"{f.TrueChanges} / {f.DetectedInTime} / {f.Missed}");
        table.AddRow("latency median / p95 / max", string.Create(Invariant, $"{f.LatencyMedianS:0.#} / {f.LatencyP95S:0.#} / {f.LatencyMaxS:0.#} s"));
        table.AddRow("latency median arrival / departure", string.Create(Invariant, $"{f.ArrivalLatencyMedianS:0.#} / {f.DepartureLatencyMedianS:0.#} s"));
        table.AddRow("false events (per bay-day)", string.Create(Invariant, $"{f.FalseEvents} ({f.FalseEventsPerBayDay:0.###})"));
        table.AddRow("changes to unknown", f.UnknownEvents.ToString(Invariant));
        table.AddRow("wrong seconds by truth", Markup.Escape(Join(f.WrongSecondsByTruth.Select(p => $"{p.Key} {p.Value}"))));
        table.AddRow("missed changes by kind", Markup.Escape(Join(f.MissedByKind.Select(p => $"{p.Key} {p.Value}"))));
        return table;
    }

    /// <summary>One row per seed of a set: runs[i] is seed <paramref name="firstSeed"/> + i.</summary>
    public static Table SeedTable(IReadOnlyList<ParkingFigures> runs, int firstSeed)
    {
        var table = new Table { Title = new TableTitle("Per seed") }.AddColumn("Seed")
            .AddColumn(new TableColumn("Accuracy").RightAligned()).AddColumn(new TableColumn("Strict").RightAligned())
            .AddColumn(new TableColumn("Missed").RightAligned()).AddColumn(new TableColumn("False").RightAligned())
            .AddColumn(new TableColumn("Latency median / p95").RightAligned()).AddColumn("Wrong seconds by truth");
        for (int i = 0; i < runs.Count; i++)
        {
            var f = runs[i];
            table.AddRow(
                (firstSeed + i).ToString(Invariant),
                Pct(f.Accuracy),
                Pct(f.StrictAccuracy),
                f.Missed.ToString(Invariant),
                f.FalseEvents.ToString(Invariant),
                string.Create(Invariant, $"{f.LatencyMedianS:0.0} / {f.LatencyP95S:0.0} s"),
                Markup.Escape(string.Join(", ", f.WrongSecondsByTruth.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))));
        }

        return table;
    }

    private static string Pct(double fraction) => (100 * fraction).ToString("F3", Invariant) + " %";

    private static string Join(IEnumerable<string> parts)
    {
        string text = string.Join(", ", parts);
        return text.Length == 0 ? "none" : text;
    }
}
