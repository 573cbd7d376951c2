using System.Text.Json.Nodes;
using CityEdge.Host.OpenData;
using CityEdge.Host.Reports;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `monitor --format senml|ngsi-ld`: every decoded report as open data, one JSON document per line on
/// standard output — a SenML pack (RFC 8428, the bridge's "senml") or an array of normalized NGSI-LD
/// entities (the bridge's "ngsi-ld"), so a script reads the city's standard formats and never frame v1.
/// Everything else (gaps, undecodable frames, connection changes, the summary) goes to standard error;
/// events are not open data (docs/open-data.md).
/// </summary>
internal sealed class FleetOpenDataOutput(CliConsole console, string format, OpenDataOptions options) : FleetOutput
{
    /// <summary>The --format names this output serves.</summary>
    public static readonly IReadOnlyList<string> OpenDataFormats = ["senml", "ngsi-ld"];

    private readonly HashSet<string> _unplaced = new(StringComparer.Ordinal);

    protected override void Report(ReceivedReport received)
    {
        if (received.Report is not { } report)
        {
            console.Error.WriteLine($"error: {received.NodeId}: undecodable report ({received.Error})");
            return;
        }

        if (FleetView.GapLine(received.NodeId, received.MissedBefore, report.Sequence, "report") is { } gap)
        {
            console.Error.WriteLine("warning: " + gap);
        }

        // As the bridge: a duplicate would count twice in whatever reads the stream.
        if (received.Observation is not (SequenceObservation.New or SequenceObservation.Late))
        {
            return;
        }

        if (format == "senml")
        {
            console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(SenmlJson.Encode(ReportSenml.Pack(report, received.NodeId, options))));
            return;
        }

        var entities = NgsiLdEntities.From(report, received.NodeId, options, NgsiLdForm.Normalized);
        if (entities.Count > 0)
        {
            console.Out.WriteLine(new JsonArray(entities.Select(e => (JsonNode?)e).ToArray()).ToJsonString());
        }
        else if (_unplaced.Add(received.NodeId))
        {
            console.Error.WriteLine($"warning: {received.NodeId}: no position (--location, --locations) or no time in its reports: no NGSI-LD entities");
        }
    }

    protected override void Event(ReceivedEvent received)
    {
    }

    protected override void Connection(ConnectionChange change, string broker)
    {
        if (change.State != ConnectionState.Connected)
        {
            console.Error.WriteLine($"warning: connection to {broker}: {change.State.ToString().ToLowerInvariant()} ({change.Reason})");
        }
    }

    protected override void Notice(string text) => console.Error.WriteLine("warning: " + text);

    protected override void Summary(ReceiverSummary summary, IReadOnlyList<NodeTally> nodes) => console.Error.WriteLine(FleetView.SummaryLine(summary));
}
