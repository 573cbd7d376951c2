using System.Text.Json;
using CityEdge.Host;
using CityEdge.Host.Reports;

namespace CityEdge.Cli.Commands;

/// <summary>
/// One JSON object per line on standard output, each with its "kind": report, event, gap,
/// bad_frame, connection, notice and, last, summary (docs/schemas/monitor.schema.json; simulate adds what
/// its nodes produced, its cost and its outage to the summary).
/// </summary>
internal sealed class FleetJsonOutput(CliConsole console) : FleetOutput
{
    protected override void Report(ReceivedReport received)
    {
        if (received.Report is not { } report)
        {
            BadFrame(received.NodeId, "reports", received.Frame, received.Error!);
            return;
        }

        Gap(received.NodeId, "reports", received.MissedBefore, report.Sequence);
        console.Out.WriteLine(ReportJson.Format(report, received.NodeId, ReportJson.ArrivalName(received.Observation)));
    }

    protected override void Event(ReceivedEvent received)
    {
        if (received.Event is not { } e)
        {
            BadFrame(received.NodeId, "events", received.Frame, received.Error!);
            return;
        }

        Gap(received.NodeId, "events", received.MissedBefore, e.Sequence);
        console.Out.WriteLine(ReportJson.Format(e, received.NodeId, ReportJson.ArrivalName(received.Observation)));
    }

    protected override void Connection(ConnectionChange change, string broker) => Write(json =>
    {
        json.WriteString("kind", "connection");
        json.WriteString("state", change.State switch { ConnectionState.Connected => "connected", ConnectionState.Lost => "lost", ConnectionState.Retrying => "retrying", _ => "restored" });
        json.WriteString("broker", broker);
        json.WriteString("reason", change.Reason);
        json.WriteNumber("attempt", change.Attempt);
        json.WriteNumber("retry_in_s", Math.Round(change.RetryIn.TotalSeconds, 3));
        json.WriteNumber("down_s", Math.Round(change.Down.TotalSeconds, 3));
        json.WriteBoolean("session_kept", change.SessionKept);
    });

    protected override void Notice(string text) => Write(json =>
    {
        json.WriteString("kind", "notice");
        json.WriteString("text", text);
    });

    protected override void Summary(ReceiverSummary s, IReadOnlyList<NodeTally> nodes) => Write(json =>
    {
        json.WriteString("kind", "summary");
        json.WriteNumber("duration_s", Math.Round(s.Duration.TotalSeconds, 3));
        if (s.Produced is int produced)
        {
            json.WriteNumber("produced", produced);
            json.WriteNumber("unsent", s.Unsent ?? 0);
            json.WriteNumber("not_received", s.NotReceived ?? 0);
        }

        Totals(json, s.Received, s.Missing, s.SkippedAtReboot, s.Duplicates, s.BadFrames, s.Events, s.EventsMissing, s.Nodes.Sum(n => n.EventDuplicates), s.BadEvents);
        json.WriteNumber("connection_losses", s.ConnectionLosses);
        json.WriteBoolean("connected_at_end", s.ConnectedAtEnd);
        json.WriteNumber("ignored_messages", s.IgnoredMessages);
        if (s.Latency is { } latency)
        {
            json.WriteStartObject("latency");
            json.WriteNumber("reports", latency.Reports);
            json.WriteNumber("reports_per_s", Math.Round(latency.ReportsPerSecond, 2));
            json.WriteNumber("p50_ms", latency.P50.TotalMilliseconds);
            json.WriteNumber("p99_ms", latency.P99.TotalMilliseconds);
            json.WriteNumber("max_ms", latency.Max.TotalMilliseconds);
            json.WriteEndObject();
        }

        if (s.Cost is { } cost)
        {
            json.WriteStartObject("cost");
            json.WriteNumber("cpu_s", Math.Round(cost.CpuSeconds, 2));
            json.WriteNumber("node_hours", Math.Round(cost.NodeHours, 3));
            json.WriteNumber("cpu_s_per_node_hour", Math.Round(cost.CpuSecondsPerNodeHour, 4));
            json.WriteNumber("memory_bytes_per_node", Math.Round(cost.MemoryBytesPerNode));
            json.WriteEndObject();
        }

        if (s.Outage is { } outage)
        {
            json.WriteStartObject("outage");
            json.WriteNumber("peak_backlog_frames", outage.PeakBacklog);
            json.WriteNumber("peak_flash_frames", outage.PeakFlashFrames);
            json.WriteNumber("peak_flash_bytes", outage.PeakFlashBytes);
            json.WriteNumber("unsent", outage.Unsent);
            json.WriteNumber("dropped", outage.Dropped);
            json.WriteNumber("queue_budget_bytes", outage.QueueBudgetBytes);
            json.WriteNumber("report_period_s", outage.ReportPeriodS);
            json.WriteNumber("outbox_frames", outage.OutboxFrames);
            if (outage.FlashHoldsReports is { } reports)
            {
                json.WriteNumber("bytes_per_queued_report", Math.Round(outage.BytesPerFrame!.Value, 1));
                json.WriteNumber("flash_holds_reports", reports);
                json.WriteNumber("flash_holds_hours", Math.Round(outage.FlashHoldsHours!.Value, 1));
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("nodes");
        foreach (var n in s.Nodes)
        {
            json.WriteStartObject();
            json.WriteString("node", n.NodeId);
            if (n.State == null)
            {
                json.WriteNull("state");
            }
            else
            {
                json.WriteString("state", n.State);
            }

            Totals(json, n.Received, n.Missing, n.SkippedAtReboot, n.Duplicates, n.BadFrames, n.Events, n.EventsMissing, n.EventDuplicates, n.BadEvents);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    private static void Totals(Utf8JsonWriter json, int received, int missing, int skipped, int duplicates, int bad, int events, int eventsMissing, int eventDuplicates, int badEvents)
    {
        json.WriteNumber("received", received);
        json.WriteNumber("missing", missing);
        json.WriteNumber("skipped_at_reboot", skipped);
        json.WriteNumber("duplicates", duplicates);
        json.WriteNumber("bad_frames", bad);
        json.WriteNumber("events", events);
        json.WriteNumber("events_missing", eventsMissing);
        json.WriteNumber("event_duplicates", eventDuplicates);
        json.WriteNumber("bad_events", badEvents);
    }

    private void Gap(string nodeId, string stream, int missed, int before)
    {
        if (missed > 0)
        {
            Write(json =>
            {
                json.WriteString("kind", "gap");
                json.WriteString("node", nodeId);
                json.WriteString("stream", stream);
                json.WriteNumber("missing", missed);
                json.WriteNumber("before_sequence", before);
            });
        }
    }

    private void BadFrame(string nodeId, string stream, byte[] frame, string error) => Write(json =>
    {
        json.WriteString("kind", "bad_frame");
        json.WriteString("node", nodeId);
        json.WriteString("stream", stream);
        json.WriteString("error", error);
        json.WriteString("hex", Excerpt.Hex(frame, 64));
    });

    private void Write(Action<Utf8JsonWriter> fields) => console.Out.WriteLine(ReportJson.Line(json =>
    {
        json.WriteStartObject();
        fields(json);
        json.WriteEndObject();
    }));
}
