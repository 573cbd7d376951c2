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

    /// <summary>
    /// The table's columns in display order, each with the rank at which it is dropped (0 first)
    /// until the table fits the terminal; Node and Gap/Dup/Bad always stay, so 80 columns still show
    /// one line per node.
    /// </summary>
    private static readonly (TableColumn Column, int DropRank, Func<NodeTally, string> Cell)[] Columns =
    [
        (new TableColumn("Rpts").RightAligned(), 7, n => n.Received.ToString(Invariant)),
        (new TableColumn("UTC"), 1, n => n.LastReport is not { } r ? "" : r.TimestampUnixSeconds == 0 ? "no clock" : DateTime.UnixEpoch.AddSeconds(r.TimestampUnixSeconds).ToString("HH:mm:ss", Invariant)),
        (new TableColumn("°C  %RH  hPa"), 3, n => n.LastReport is { HasClimate: true } r ? string.Create(Invariant, $"{r.TemperatureDegC,5:F1} {r.HumidityPct,4:F0} {r.PressureHpa,6:F1}") : "—"),
        (new TableColumn("PM2.5").RightAligned(), 4, n => n.LastReport is { HasParticulates: true } r ? r.Pm2_5UgM3.ToString("F0", Invariant) + (r.ParticulatesHumidityFlag ? "*" : "") : "—"),
        (new TableColumn("AQI").RightAligned(), 2, n => n.LastReport is { HasAqi: true } r ? Markup.Escape($"{r.AqiValue.ToString(Invariant)} {ReportJson.StandardName(r.AqiStandard)}") : "—"),
        (new TableColumn("LAeq").RightAligned(), 5, n => n.LastReport is { HasNoise: true } r ? r.LaeqDb.ToString("F1", Invariant) + (r.NoiseRangeFlag ? "!" : "") : "—"),
        (new TableColumn("Bays"), 8, n => n.LastReport is { } r ? Bays(r) : ""),
        (new TableColumn("Lamp").RightAligned(), 6, n => n.LastReport is { HasLamp: true } r ? r.LampLevelPct.ToString("F0", Invariant) + "%" : "—"),
        (new TableColumn("Health"), 9, n => n.LastReport is { } r ? Markup.Escape(Cut(Health(r), 28)) : ""),
        (new TableColumn("Last event"), 0, n => n.LastEvent == null ? "—" : Markup.Escape(Cut(n.LastEvent.Text, 32))),
    ];

    /// <summary>One row per node: the latest report of each capability, its last event and what was
    /// lost, in as many columns as fit in <paramref name="width"/> characters.</summary>
    public static Table NodeTable(IReadOnlyList<NodeTally> nodes, string title, int width)
    {
        for (int dropped = 0; ; dropped++)
        {
            var table = NodeTable(nodes, title, Columns.Where(c => c.DropRank >= dropped).Select(c => (c.Column, c.Cell)).ToList());
            if (dropped == Columns.Length || Measure(table) <= width)
            {
                return table;
            }
        }
    }

    private static Table NodeTable(IReadOnlyList<NodeTally> nodes, string title, IReadOnlyList<(TableColumn Column, Func<NodeTally, string> Cell)> columns)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Simple }.AddColumn("Node");
        foreach (var (column, _) in columns)
        {
            table.AddColumn(new TableColumn(column.Header) { Alignment = column.Alignment });
        }

        table.AddColumn(new TableColumn("Gap/Dup/Bad").RightAligned());
        foreach (var node in nodes)
        {
            var cells = new List<string> { NodeCell(node) };
            cells.AddRange(columns.Select(c => c.Cell(node)));
            cells.Add($"{Highlight(node.Sequences.Missing + node.EventSequences.Missing)}/{Highlight(node.Sequences.Duplicates + node.EventSequences.Duplicates)}/{Highlight(node.DecodeErrors + node.EventDecodeErrors)}");
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    /// <summary>The width the table takes when nothing limits it.</summary>
    private static int Measure(Table table)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        console.Profile.Width = 100_000;
        return ((Spectre.Console.Rendering.IRenderable)table).Measure(Spectre.Console.Rendering.RenderOptions.Create(console), 100_000).Max;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

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
        string note = received.Observation == SequenceObservation.New ? "" : "  (" + ReportJson.ArrivalName(received.Observation) + ")";
        string bays = r.ParkingBayCount > 0 ? "  bays " + Bays(r) : "";
        string lamp = r.HasLamp ? string.Create(Invariant, $"  lamp {r.LampLevelPct:F0} % {r.LampEnergyWh:F1} Wh") : "";
        return $"{Time(r)}  {received.NodeId}  #{r.Sequence}  {climate}{air}{noise}{bays}{lamp}  {Health(r)}{note}";
    }

    /// <summary>One line per received event, for output that is not a terminal.</summary>
    public static string Line(ReceivedEvent received)
    {
        if (received.Event is not { } e)
        {
            return $"{received.NodeId}: bad event frame: {received.Error}";
        }

        string note = received.Observation == SequenceObservation.New ? "" : "  (" + ReportJson.ArrivalName(received.Observation) + ")";
        return $"{(e.TimestampUnixSeconds == 0 ? "clock not set" : DateTime.UnixEpoch.AddSeconds(e.TimestampUnixSeconds).ToString("yyyy-MM-dd HH:mm:ss", Invariant))}  {received.NodeId}  event #{e.Sequence}  {e.Text}{note}";
    }

    /// <summary>"node-01: 3 reports missing before #12", or null when nothing was missed.</summary>
    /// <summary>The summary in one sentence: what arrived, what is missing, how the connection held.</summary>
    public static string SummaryLine(ReceiverSummary s)
    {
        string skipped = s.SkippedAtReboot > 0 ? $" ({s.SkippedAtReboot} skipped at reboots)" : "";
        string reports = s.Produced is int produced
            ? $"{produced} report(s) produced, {s.Received} received, {s.NotReceived} missing{skipped}, {s.Duplicates} duplicate(s), {s.BadFrames} bad frame(s), {s.Unsent} unsent"
            : $"{s.Received} report(s) received from {s.Nodes.Count} node(s), {s.Missing} missing{skipped}, {s.Duplicates} duplicate(s), {s.BadFrames} bad frame(s)";
        string events = $"{s.Events} event(s), {s.EventsMissing} missing, {s.BadEvents} bad";
        string link = s.ConnectionLosses == 0 ? "" : $"; connection lost {s.ConnectionLosses} time(s){(s.ConnectedAtEnd ? "" : ", down at the end")}";
        string ignored = s.IgnoredMessages == 0 ? "" : $"; {s.IgnoredMessages} message(s) ignored (not a tracked node's topic, or beyond the node limit)";
        return string.Create(Invariant, $"{s.Duration.TotalSeconds:F1} s: {reports}; {events}{link}{ignored}.");
    }

    public static string? GapLine(string nodeId, int missed, int sequence, string what) => missed == 0
        ? null
        : $"{nodeId}: {missed} {what}{(missed == 1 ? "" : "s")} missing before #{sequence.ToString(Invariant)}";

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
