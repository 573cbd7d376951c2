using System.Text;
using System.Text.Json;
using CityEdge.Air;
using CityEdge.Health;
using CityEdge.Telemetry;

namespace CityEdge.Host.Reports;

/// <summary>
/// The JSON form of a decoded report, as `cityedge decode --format json` and `cityedge monitor
/// --format json` print it. Values are rounded to the frame's resolution; absent groups are absent.
/// </summary>
public static class ReportJson
{
    public static string Format(TelemetryReport report, string? nodeId = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            Write(json, report, nodeId);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter json, TelemetryReport report, string? nodeId)
    {
        json.WriteStartObject();
        if (nodeId != null)
        {
            json.WriteString("node", nodeId);
        }

        json.WriteNumber("version", TelemetryFrame.Version);
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
                json.WriteStartObject("aqi");
                json.WriteNumber("value", report.AqiValue);
                json.WriteString("standard", StandardName(report.AqiStandard));
                json.WriteString("category", AirQualityIndex.CategoryName(report.AqiStandard, AirQualityIndex.CategoryOf(report.AqiValue)));
                json.WriteString("dominant", PollutantName(report.AqiDominant));
                json.WriteEndObject();
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
