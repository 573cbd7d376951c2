using System.Text;
using System.Text.Json;
using CityEdge.Air;
using CityEdge.Health;
using CityEdge.Telemetry;

namespace CityEdge.Host.Reports;

/// <summary>
/// The JSON forms of decoded reports and events, as `cityedge decode`, `monitor` and `simulate`
/// print them with --format json (schemas in docs/schemas/). Every object starts with its "kind";
/// values are rounded to the frame's resolution; absent groups are absent.
/// </summary>
public static class ReportJson
{
    public static string Format(TelemetryReport report, string? nodeId = null, string? arrival = null) =>
        Line(json => Write(json, report, nodeId, arrival));

    public static string Format(EventReport report, string? nodeId = null, string? arrival = null) =>
        Line(json => Write(json, report, nodeId, arrival));

    /// <summary>One JSON object written by <paramref name="write"/>, as a string (one line, never wrapped).</summary>
    public static string Line(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>How a receiver took a report or event: new, late (fills a gap), duplicate or too_old.</summary>
    public static string ArrivalName(SequenceObservation observation) => observation switch
    {
        SequenceObservation.New => "new",
        SequenceObservation.Late => "late",
        SequenceObservation.Duplicate => "duplicate",
        _ => "too_old",
    };

    public static void Write(Utf8JsonWriter json, EventReport report, string? nodeId, string? arrival)
    {
        json.WriteStartObject();
        json.WriteString("kind", "event");
        Envelope(json, nodeId, arrival, EventFrame.Version);
        json.WriteNumber("event_type", report.Type);
        json.WriteString("event", report.Name);
        json.WriteNumber("sequence", report.Sequence);
        if (report.TimestampUnixSeconds == 0)
        {
            json.WriteNull("timestamp");
        }
        else
        {
            json.WriteString("timestamp", report.Timestamp);
        }

        json.WriteStartObject("payload");
        foreach (var field in report.Fields)
        {
            switch (field.Value)
            {
                case null: json.WriteNull(field.Name); break;
                case bool b: json.WriteBoolean(field.Name, b); break;
                case string s: json.WriteString(field.Name, s); break;
                case int i: json.WriteNumber(field.Name, i); break;
                case long l: json.WriteNumber(field.Name, l); break;
                case double d: json.WriteNumber(field.Name, Math.Round(d, 3)); break;
                default: throw new InvalidOperationException($"event field {field.Name} has a {field.Value.GetType().Name}");
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, TelemetryReport report, string? nodeId, string? arrival)
    {
        json.WriteStartObject();
        json.WriteString("kind", "report");
        Envelope(json, nodeId, arrival, TelemetryFrame.Version);
        json.WriteNumber("sequence", report.Sequence);
        if (report.TimestampUnixSeconds == 0)
        {
            json.WriteNull("timestamp");
        }
        else
        {
            json.WriteString("timestamp", Timestamp(report));
        }

        if (report.HasClimate)
        {
            json.WriteStartObject("climate");
            json.WriteNumber("temperature_c", Math.Round((double)report.TemperatureDegC, 2));
            json.WriteNumber("humidity_pct", Math.Round((double)report.HumidityPct, 1));
            json.WriteNumber("pressure_hpa", Math.Round((double)report.PressureHpa, 1));
            json.WriteEndObject();
        }

        if (report.HasParticulates)
        {
            json.WriteStartObject("particulates");
            json.WriteNumber("pm1_0_ug_m3", Math.Round((double)report.Pm1_0UgM3));
            json.WriteNumber("pm2_5_ug_m3", Math.Round((double)report.Pm2_5UgM3));
            json.WriteNumber("pm10_ug_m3", Math.Round((double)report.Pm10UgM3));
            json.WriteBoolean("humidity_flag", report.ParticulatesHumidityFlag);
            if (report.HasAqi)
            {
                WriteAqi(json, report.AqiStandard, report.AqiValue, report.AqiDominant);
            }

            json.WriteEndObject();
        }

        if (report.HasNoise)
        {
            json.WriteStartObject("noise");
            json.WriteNumber("laeq_db", Math.Round((double)report.LaeqDb, 1));
            json.WriteNumber("lafmax_db", Math.Round((double)report.LafmaxDb, 1));
            json.WriteBoolean("range_flag", report.NoiseRangeFlag);
            if (report.HasNoiseStatistics)
            {
                json.WriteNumber("lafmin_db", Math.Round((double)report.LafminDb, 1));
                json.WriteNumber("la10_db", Math.Round((double)report.La10Db, 1));
                json.WriteNumber("la50_db", Math.Round((double)report.La50Db, 1));
                json.WriteNumber("la90_db", Math.Round((double)report.La90Db, 1));
            }

            json.WriteEndObject();
        }

        if (report.ParkingBayCount > 0)
        {
            json.WriteStartObject("parking");
            json.WriteStartArray("bays");
            int occupied = 0;
            for (int bay = 0; bay < report.ParkingBayCount; bay++)
            {
                var state = report.GetBayState(bay);
                occupied += state == ParkingBayState.Occupied ? 1 : 0;
                json.WriteStringValue(BayStateName(state));
            }

            json.WriteEndArray();
            json.WriteNumber("occupied", occupied);
            json.WriteEndObject();
        }

        if (report.HasLamp)
        {
            json.WriteStartObject("lamp");
            json.WriteNumber("level_pct", Math.Round((double)report.LampLevelPct, 1));
            json.WriteNumber("energy_wh", Math.Round((double)report.LampEnergyWh, 1));
            json.WriteEndObject();
        }

        if (report.HealthEntryCount > 0)
        {
            json.WriteStartArray("health");
            for (int i = 0; i < report.HealthEntryCount; i++)
            {
                json.WriteStartObject();
                json.WriteString("source", SourceName(report.GetFaultSource(i)));
                json.WriteString("reason", ReasonName(report.GetFaultReason(i)));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>The "aqi" object, the same in reports and in `cityedge aqi`.</summary>
    public static void WriteAqi(Utf8JsonWriter json, AqiStandard standard, int value, AqiPollutant dominant)
    {
        int category = AirQualityIndex.CategoryOf(value);
        json.WriteStartObject("aqi");
        json.WriteNumber("value", value);
        json.WriteString("standard", StandardName(standard));
        json.WriteNumber("category_level", category);
        json.WriteString("category", AirQualityIndex.CategoryName(standard, category));
        json.WriteString("dominant", PollutantName(dominant));
        json.WriteEndObject();
    }

    private static void Envelope(Utf8JsonWriter json, string? nodeId, string? arrival, int version)
    {
        if (nodeId != null)
        {
            json.WriteString("node", nodeId);
        }

        if (arrival != null)
        {
            json.WriteString("arrival", arrival);
        }

        json.WriteNumber("version", version);
    }

    public static string Timestamp(TelemetryReport report) =>
        DateTime.UnixEpoch.AddSeconds(report.TimestampUnixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string BayStateName(ParkingBayState state) => state switch
    {
        ParkingBayState.Free => "free",
        ParkingBayState.Occupied => "occupied",
        _ => "unknown",
    };

    /// <summary>The config value of a standard: "us" or "cn".</summary>
    public static string StandardName(AqiStandard standard) => standard == AqiStandard.UsEpa ? "us" : "cn";

    public static string PollutantName(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm2_5 => "pm2_5",
        AqiPollutant.Pm10 => "pm10",
        AqiPollutant.Both => "both",
        _ => "none",
    };

    public static string SourceName(FaultSource source) => source switch
    {
        FaultSource.Climate => "climate",
        FaultSource.Particulates => "particulates",
        FaultSource.Noise => "noise",
        FaultSource.Parking => "parking",
        FaultSource.Lamp => "lamp",
        FaultSource.Link => "link",
        FaultSource.Storage => "storage",
        FaultSource.Clock => "clock",
        FaultSource.Scheduler => "scheduler",
        _ => "source_" + (int)source,
    };

    public static string ReasonName(FaultReason reason) => reason switch
    {
        FaultReason.NotResponding => "not_responding",
        FaultReason.BadData => "bad_data",
        FaultReason.OutOfRange => "out_of_range",
        FaultReason.WarmingUp => "warming_up",
        FaultReason.Stale => "stale",
        FaultReason.NotSet => "not_set",
        FaultReason.Crashed => "crashed",
        FaultReason.Overflow => "overflow",
        _ => "reason_" + (int)reason,
    };
}
