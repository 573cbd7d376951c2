using System.Globalization;
using CityEdge.Host.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CityEdge.Cli.Commands;

/// <summary>
/// The readable format: on a terminal a live table (one row per node) with the latest notices under
/// it; otherwise one line per report, event and gap, so a log file says what arrived and what did
/// not. Connection changes go to standard error (under the live table on a terminal).
/// </summary>
internal sealed class FleetTextOutput(CliConsole console) : FleetOutput
{
    private const int RecentLines = 5;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly Queue<string> _recent = new();

    public override IRenderable? LiveView(IReadOnlyList<NodeTally> nodes, string title)
    {
        if (!console.Interactive)
        {
            return null;
        }

        lock (_recent)
        {
            var lines = _recent.Select(l => (IRenderable)new Text(l)).ToList();
            return new Rows([FleetView.NodeTable(nodes, title, console.Ui.Profile.Width), .. lines]);
        }
    }

    protected override void Report(ReceivedReport received)
    {
        Line(received.Report == null ? null : FleetView.GapLine(received.NodeId, received.MissedBefore, received.Report.Sequence, "report"));
        if (!console.Interactive)
        {
            console.Out.WriteLine(FleetView.Line(received));
        }
    }

    protected override void Event(ReceivedEvent received)
    {
        Line(received.Event == null ? null : FleetView.GapLine(received.NodeId, received.MissedBefore, received.Event.Sequence, "event"));
        Line(FleetView.Line(received));
    }

    protected override void Connection(ConnectionChange change, string broker)
    {
        if (change.State != ConnectionState.Connected)
        {
            // The command's own first line already says where it is connected.
            Warning(Text(change, broker));
        }
    }

    private static string Text(ConnectionChange change, string broker) => change.State switch
    {
        ConnectionState.Lost => $"connection to the MQTT broker at {broker} lost ({change.Reason}); reconnecting",
        ConnectionState.Retrying => string.Create(Invariant, $"reconnection {change.Attempt} to {broker} failed ({change.Reason}); next in {change.RetryIn.TotalSeconds:0} s"),
        _ => string.Create(Invariant, $"reconnected to {broker} after {change.Down.TotalSeconds:0.#} s")
            + (change.SessionKept ? "; the broker kept what arrived meanwhile" : "; the broker kept nothing: reports sent meanwhile will show as missing"),
    };

    protected override void Notice(string text) => Warning(text);

    protected override void Summary(ReceiverSummary s, IReadOnlyList<NodeTally> nodes)
    {
        console.Ui.Write(FleetView.NodeTable(nodes, "Summary", console.Ui.Profile.Width));
        console.Ui.WriteLine(FleetView.SummaryLine(s));
        if (s.Latency is { } l)
        {
            console.Ui.WriteLine(string.Create(Invariant, $"Latency (report made → received): p50 {l.P50.TotalMilliseconds:0} ms, p99 {l.P99.TotalMilliseconds:0} ms, max {l.Max.TotalMilliseconds:0} ms over {l.Reports} report(s), {l.ReportsPerSecond:0.#} report(s)/s."));
        }

        if (s.Cost is { } c)
        {
            console.Ui.WriteLine(string.Create(Invariant, $"Cost: {c.CpuSeconds:0.#} CPU-s for {c.NodeHours:0.###} node-hour(s) = {c.CpuSecondsPerNodeHour:0.###} CPU-s per node-hour; {c.MemoryBytesPerNode / 1e6:0.###} MB per node."));
        }

        if (s.Outage is { } o)
        {
            console.Ui.MarkupLine($"Outage: peak backlog {o.PeakBacklog} frame(s), {o.PeakFlashFrames} of them in flash ({o.PeakFlashBytes} bytes); "
                + (o.Unsent == 0 ? "[green]backlog drained[/]" : $"[red]{o.Unsent} still queued[/]") + $", {o.Dropped} dropped.");
            if (o.FlashHoldsReports is { } reports)
            {
                console.Ui.WriteLine(string.Create(Invariant,
                    $"Flash queue: {o.BytesPerFrame:F1} bytes per queued report; link.queue_budget_bytes = {o.QueueBudgetBytes} holds at least {reports} reports = {o.FlashHoldsHours:F1} h at report.period_s = {o.ReportPeriodS} (+ link.outbox_frames = {o.OutboxFrames} in RAM)."));
            }
        }
    }

    /// <summary>A line for the log (not a terminal) or for the notices under the live table.</summary>
    private void Line(string? text)
    {
        if (text == null)
        {
            return;
        }

        if (!console.Interactive)
        {
            console.Out.WriteLine(text);
            return;
        }

        lock (_recent)
        {
            _recent.Enqueue(text);
            while (_recent.Count > RecentLines)
            {
                _recent.Dequeue();
            }
        }
    }

    private void Warning(string text)
    {
        if (console.Interactive)
        {
            Line("warning: " + text);
        }
        else
        {
            console.Error.WriteLine("warning: " + text);
        }
    }
}
