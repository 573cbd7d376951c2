using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CityEdge.Host.Performance;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge bench payload`: bytes per report and on the wire for frame v1 and what a user would
/// otherwise pick (<see cref="PayloadBench"/>). Exact sizes, not timings: the figures are the same on
/// every machine.
/// </summary>
internal static class BenchPayloadCommand
{
    public static Command Create(CliConsole console)
    {
        var report = new Option<string>("--report")
        {
            Description = "reference: vector A of docs/telemetry-format.md; fitted: vector A with an AQI and the noise statistics, as a fully fitted node sends it.",
            DefaultValueFactory = _ => "reference",
        }.AcceptOnlyFromAmong("reference", "fitted");
        // The product's real topic: a node's at the default mqtt.topic_root. The wire ratios depend on
        // the topic's length (docs/performance.md gives the break-even), so --topic-root sizes a city's own.
        var topicRoot = CommonOptions.TopicRoot();
        var node = new Option<string>("--node") { Description = "Node id in the telemetry topic.", DefaultValueFactory = _ => "node-01" };
        var period = CommonOptions.Integer("--report-period", "report.period_s, for bytes per node per day.", 60, 1, 86400);
        var format = CommonOptions.Format();
        var command = new Command("payload", "Bytes per report and per MQTT PUBLISH of frame v1 against Cayenne LPP, SenML (CBOR, JSON) and compact JSON.")
        {
            report, topicRoot, node, period, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(report)!, parse.GetValue(topicRoot)!, parse.GetValue(node)!, parse.GetValue(period), parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, string which, string topicRoot, string node, int reportPeriodS, bool json)
    {
        var report = which == "fitted" ? PayloadBench.FullyFittedReport() : PayloadBench.ReferenceReport();
        PayloadFigures f = PayloadBench.Run(report, topicRoot, node, reportPeriodS);
        PayloadFormat frame = f["cityedge"];
        var ci = CultureInfo.InvariantCulture;
        if (json)
        {
            var o = new JsonObject { ["kind"] = "payload", ["report"] = which, ["topic"] = f.Topic, ["report_period_s"] = reportPeriodS };
            foreach (var p in f.Formats)
            {
                o[p.Key + "_bytes"] = p.Bytes;
                o[p.Key + "_wire_bytes"] = p.Mqtt5WireBytes;
                o[p.Key + "_mqtt311_wire_bytes"] = p.Mqtt311WireBytes;
                o[p.Key + "_alias_wire_bytes"] = p.Mqtt5AliasWireBytes;
                o[p.Key + "_bytes_per_day"] = (long)p.Mqtt5WireBytes * f.ReportsPerDay;
            }

            o["cityedge_as_sent_wire_bytes"] = frame.Mqtt5WireBytes;
            o["cityedge_as_sent_alias_wire_bytes"] = frame.Mqtt5AliasWireBytes;
            o["cityedge_as_sent_bytes_per_day"] = (long)frame.Mqtt5WireBytes * f.ReportsPerDay;
            console.Out.WriteLine(o.ToJsonString());
            return ExitCodes.Ok;
        }

        var table = new Table { Title = new TableTitle($"One {(which == "fitted" ? "fully fitted node's" : "reference")} report on {f.Topic} (QoS 1), {f.ReportsPerDay} reports per node per day") }
            .AddColumn("Format").AddColumn(new TableColumn("Payload B").RightAligned()).AddColumn(new TableColumn("frame v1 / it").RightAligned())
            .AddColumn(new TableColumn("MQTT 3.1.1 B").RightAligned()).AddColumn(new TableColumn("MQTT 5 B").RightAligned())
            .AddColumn(new TableColumn("MQTT 5, topic alias B").RightAligned()).AddColumn(new TableColumn("MQTT 5 B/day").RightAligned());
        foreach (var p in f.Formats)
        {
            table.AddRow(p.Name, p.Bytes.ToString(ci), ((double)frame.Bytes / p.Bytes).ToString("0.00", ci), p.Mqtt311WireBytes.ToString(ci),
                p.Mqtt5WireBytes.ToString(ci), p.Mqtt5AliasWireBytes.ToString(ci), ((long)p.Mqtt5WireBytes * f.ReportsPerDay).ToString("N0", ci));
        }

        console.Ui.Write(table);
        PayloadFormat lpp = f["cayenne_lpp"];
        console.Out.WriteLine(string.Create(ci, $"As the node sends it (MQTT 5, no content type): the device (M2Mqtt, no topic alias) {frame.Mqtt5WireBytes} B per report, {(double)frame.Mqtt5WireBytes / lpp.Mqtt5WireBytes:0.00}x LPP's {lpp.Mqtt5WireBytes} B; the host twin (topic alias) {frame.Mqtt5AliasWireBytes} B, {(double)frame.Mqtt5AliasWireBytes / lpp.Mqtt5AliasWireBytes:0.00}x LPP's {lpp.Mqtt5AliasWireBytes} B."));
        return ExitCodes.Ok;
    }
}
