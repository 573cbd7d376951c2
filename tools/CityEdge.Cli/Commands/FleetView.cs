using System.Globalization;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>How `simulate` and `monitor` show what the command centre receives.</summary>
internal static class FleetView
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Table NodeTable(IReadOnlyList<NodeTally> nodes, string title)
    {
        var table = new Table { Title = new TableTitle(title) }
            .AddColumn("Node")
            .AddColumn("State")
            .AddColumn(new TableColumn("Reports").RightAligned())
            .AddColumn(new TableColumn("Seq").RightAligned())
            .AddColumn("Report time (UTC)")
            .AddColumn(new TableColumn("Temp °C").RightAligned())
            .AddColumn(new TableColumn("RH %").RightAligned())
            .AddColumn(new TableColumn("hPa").RightAligned())
            .AddColumn("Bays")
            .AddColumn("Health")
            .AddColumn(new TableColumn("Missing").RightAligned())
            .AddColumn(new TableColumn("Dups").RightAligned())
            .AddColumn(new TableColumn("Bad frames").RightAligned());
        foreach (var node in nodes)
        {
            var r = node.LastReport;
            table.AddRow(
                Markup.Escape(node.NodeId),
                node.State == "online" ? "[green]online[/]" : Markup.Escape(node.State ?? "?"),
                node.Received.ToString(Invariant),
                r?.Sequence.ToString(Invariant) ?? "",
                r == null ? "" : Time(r),
                r is { HasClimate: true } ? r.TemperatureDegC.ToString("F2", Invariant) : "—",
                r is { HasClimate: true } ? r.HumidityPct.ToString("F1", Invariant) : "—",
                r is { HasClimate: true } ? r.PressureHpa.ToString("F1", Invariant) : "—",
                r == null ? "" : Bays(r),
                r == null ? "" : Markup.Escape(Health(r)),
                Highlight(node.Sequences.Missing),
                Highlight(node.Sequences.Duplicates),
                Highlight(node.DecodeErrors));
        }

        return table;
    }

    /// <summary>One line per received report, for output that is not a terminal.</summary>
    public static string Line(ReceivedReport received)
    {
        if (received.Report == null)
        {
            return $"{received.NodeId}: bad frame: {received.Error}";
        }

        var r = received.Report;
        string climate = r.HasClimate
            ? string.Create(Invariant, $"{r.TemperatureDegC:F2} °C  {r.HumidityPct:F1} %RH  {r.PressureHpa:F1} hPa")
            : "climate —";
        string note = received.Observation == SequenceObservation.New ? "" : "  (" + received.Observation.ToString().ToLowerInvariant() + ")";
        string bays = r.ParkingBayCount > 0 ? "  bays " + Bays(r) : "";
        return $"{Time(r)}  {received.NodeId}  #{r.Sequence}  {climate}{bays}  {Health(r)}{note}";
    }

    public static string Time(TelemetryReport r) =>
        r.TimestampUnixSeconds == 0 ? "clock not set" : DateTime.UnixEpoch.AddSeconds(r.TimestampUnixSeconds).ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    /// <summary>One character per bay: '#' occupied, '.' free, '?' unknown; then the occupied count.</summary>
    public static string Bays(TelemetryReport r)
    {
        if (r.ParkingBayCount == 0)
        {
            return "—";
        }

        var marks = new char[r.ParkingBayCount];
        int occupied = 0;
        for (int i = 0; i < marks.Length; i++)
        {
            var state = r.GetBayState(i);
            marks[i] = state == ParkingBayState.Occupied ? '#' : state == ParkingBayState.Free ? '.' : '?';
            occupied += state == ParkingBayState.Occupied ? 1 : 0;
        }

        return $"{new string(marks)} {occupied}/{marks.Length}";
    }

    public static string Health(TelemetryReport r)
    {
        if (r.HealthEntryCount == 0)
        {
            return "ok";
        }

        var parts = new string[r.HealthEntryCount];
        for (int i = 0; i < r.HealthEntryCount; i++)
        {
            parts[i] = ReportJson.SourceName(r.GetFaultSource(i)) + ":" + ReportJson.ReasonName(r.GetFaultReason(i));
        }

        return string.Join(", ", parts);
    }

    private static string Highlight(int count) => count == 0 ? "0" : $"[red]{count}[/]";
}
