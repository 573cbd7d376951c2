using System.Globalization;
using CityEdge.Air;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>How `simulate` and `monitor` show what the command centre receives.</summary>
internal static class FleetView
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One row per node: the latest report of each capability, and what was lost.</summary>
    public static Table NodeTable(IReadOnlyList<NodeTally> nodes, string title)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Simple }
            .AddColumn("Node")
            .AddColumn(new TableColumn("Rpts").RightAligned())
            .AddColumn("UTC")
            .AddColumn("°C  %RH  hPa")
            .AddColumn(new TableColumn("PM2.5").RightAligned())
            .AddColumn(new TableColumn("AQI").RightAligned())
            .AddColumn(new TableColumn("LAeq").RightAligned())
            .AddColumn("Bays")
            .AddColumn(new TableColumn("Lamp").RightAligned())
            .AddColumn("Health")
            .AddColumn(new TableColumn("Gap/Dup/Bad").RightAligned());
        foreach (var node in nodes)
        {
            var r = node.LastReport;
            table.AddRow(
                NodeCell(node),
                node.Received.ToString(Invariant),
                r == null ? "" : r.TimestampUnixSeconds == 0 ? "no clock" : DateTime.UnixEpoch.AddSeconds(r.TimestampUnixSeconds).ToString("HH:mm:ss", Invariant),
                r is { HasClimate: true } ? string.Create(Invariant, $"{r.TemperatureDegC,5:F1} {r.HumidityPct,4:F0} {r.PressureHpa,6:F1}") : "—",
                r is { HasParticulates: true } ? r.Pm2_5UgM3.ToString("F0", Invariant) + (r.ParticulatesHumidityFlag ? "*" : "") : "—",
                r is { HasAqi: true } ? Markup.Escape($"{r.AqiValue.ToString(Invariant)} {ReportJson.StandardName(r.AqiStandard)}") : "—",
                r is { HasNoise: true } ? r.LaeqDb.ToString("F1", Invariant) + (r.NoiseRangeFlag ? "!" : "") : "—",
                r == null ? "" : Bays(r),
                r is { HasLamp: true } ? r.LampLevelPct.ToString("F0", Invariant) + "%" : "—",
                r == null ? "" : Markup.Escape(Health(r)),
                $"{Highlight(node.Sequences.Missing)}/{Highlight(node.Sequences.Duplicates)}/{Highlight(node.DecodeErrors)}");
        }

        return table;
    }

    /// <summary>The node id, green while its retained status says online, red with the state otherwise.</summary>
    private static string NodeCell(NodeTally node) => node.State switch
    {
        "online" => $"[green]{Markup.Escape(node.NodeId)}[/]",
        null => Markup.Escape(node.NodeId),
        _ => $"[red]{Markup.Escape(node.NodeId)} ({Markup.Escape(node.State)})[/]",
    };

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
        string air = r.HasParticulates
            ? string.Create(Invariant, $"  PM2.5 {r.Pm2_5UgM3:F0} µg/m³") + (r.HasAqi ? "  AQI " + Aqi(r) : "")
            : "";
        string noise = r.HasNoise
            ? string.Create(Invariant, $"  LAeq {r.LaeqDb:F1} dB") + (r.HasNoiseStatistics ? string.Create(Invariant, $" LA90 {r.La90Db:F1} dB") : "") + (r.NoiseRangeFlag ? " (range)" : "")
            : "";
        string note = received.Observation == SequenceObservation.New ? "" : "  (" + received.Observation.ToString().ToLowerInvariant() + ")";
        string bays = r.ParkingBayCount > 0 ? "  bays " + Bays(r) : "";
        string lamp = r.HasLamp ? string.Create(Invariant, $"  lamp {r.LampLevelPct:F0} % {r.LampEnergyWh:F1} Wh") : "";
        return $"{Time(r)}  {received.NodeId}  #{r.Sequence}  {climate}{air}{noise}{bays}{lamp}  {Health(r)}{note}";
    }

    public static string Time(TelemetryReport r) =>
        r.TimestampUnixSeconds == 0 ? "clock not set" : DateTime.UnixEpoch.AddSeconds(r.TimestampUnixSeconds).ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    /// <summary>"57 cn, Moderate (pm2_5)": index, standard, category and dominant pollutant.</summary>
    public static string Aqi(TelemetryReport r) =>
        $"{r.AqiValue.ToString(Invariant)} {ReportJson.StandardName(r.AqiStandard)}, {AirQualityIndex.CategoryName(r.AqiStandard, AirQualityIndex.CategoryOf(r.AqiValue))} ({ReportJson.PollutantName(r.AqiDominant)})";

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
