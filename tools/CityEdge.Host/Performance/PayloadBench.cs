using System.Text;
using CityEdge.Air;
using CityEdge.Host.Mqtt;
using CityEdge.Host.OpenData;
using CityEdge.Host.Reports;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Host.Performance;

/// <summary>One encoding of the report: its bytes and the MQTT PUBLISH packets that would carry it.</summary>
public sealed record PayloadFormat(string Key, string Name, byte[] Payload, int Mqtt311WireBytes, int Mqtt5WireBytes, int Mqtt5AliasWireBytes)
{
    public int Bytes => Payload.Length;
}

/// <summary>
/// What `cityedge bench payload` prints: every format of one report. The node sends its frame on MQTT 5
/// with no properties but, where the client can set one, a topic alias: the device's M2Mqtt client
/// cannot (<see cref="PayloadFormat.Mqtt5WireBytes"/>), the host twin can (<see cref="PayloadFormat.Mqtt5AliasWireBytes"/>,
/// every report of a connection after its first).
/// </summary>
public sealed record PayloadFigures(string Topic, int ReportPeriodS, IReadOnlyList<PayloadFormat> Formats)
{
    public int ReportsPerDay => 86400 / ReportPeriodS;

    public PayloadFormat this[string key] => Formats.Single(f => f.Key == key);
}

/// <summary>
/// `cityedge bench payload`: the reference report (docs/telemetry-format.md, vector A) — or a fully
/// fitted node's report, vector A with an AQI and the noise statistics — encoded as frame v1, as the
/// monitor's compact JSON, as SenML JSON and CBOR (RFC 8428) and as Cayenne LPP, with the size of the
/// MQTT PUBLISH (QoS 1, on the node's real telemetry topic) that would carry each.
/// </summary>
public static class PayloadBench
{
    /// <summary>Vector A of docs/telemetry-format.md.</summary>
    public const string ReferenceFrameHex = "011f01026b042ac0086661279400803014123ac8044450007d";

    public static TelemetryReport ReferenceReport()
    {
        byte[] frame = Convert.FromHexString(ReferenceFrameHex);
        var report = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, report);
        return report;
    }

    /// <summary>Vector A with what a fully fitted node adds: the AQI of its PM (US EPA 56, PM2.5, as
    /// vector E) and the noise statistics (LAFmin 48.2, LA10 67.0, LA50 60.1, LA90 52.3 dB, as vector I).</summary>
    public static TelemetryReport FullyFittedReport()
    {
        TelemetryReport report = ReferenceReport();
        report.HasAqi = true;
        report.AqiValue = 56;
        report.AqiStandard = AqiStandard.UsEpa;
        report.AqiDominant = AqiPollutant.Pm2_5;
        report.HasNoiseStatistics = true;
        report.LafminDb = 48.2f;
        report.La10Db = 67.0f;
        report.La50Db = 60.1f;
        report.La90Db = 52.3f;
        return report;
    }

    public static PayloadFigures Run(TelemetryReport report, string topicRoot, string nodeId, int reportPeriodS)
    {
        string topic = new NodeTopics(topicRoot, nodeId).Telemetry;
        var frame = new byte[TelemetryCodec.GetEncodedLength(report)];
        TelemetryCodec.Encode(report, frame, 0);
        List<SenmlRecord> senml = ReportSenml.Pack(report, nodeId, new OpenDataOptions());
        var payloads = new (string Key, string Name, byte[] Payload)[]
        {
            ("cityedge", "frame v1", frame),
            ("cayenne_lpp", "Cayenne LPP", ReportCayenneLpp.Encode(report)),
            ("senml_cbor", "SenML CBOR", SenmlCbor.Encode(senml)),
            ("senml_json", "SenML JSON", SenmlJson.Encode(senml)),
            ("json", "compact JSON (monitor's keys)", Encoding.UTF8.GetBytes(ReportJson.Format(report))),
        };
        var formats = payloads.Select(p => new PayloadFormat(p.Key, p.Name, p.Payload,
            MqttPacketSize.Publish311(topic, p.Payload.Length, 1),
            MqttPacketSize.Publish5(topic, p.Payload.Length, 1),
            MqttPacketSize.Publish5("", p.Payload.Length, 1, MqttPacketSize.TopicAliasProperty))).ToList();
        return new PayloadFigures(topic, reportPeriodS, formats);
    }
}
