using CityEdge.Health;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;

namespace CityEdge.Host.OpenData;

/// <summary>
/// A decoded report as a SenML pack (RFC 8428). Base name "{namespace}:{public id}:", base time the
/// report's timestamp (absent when the node's clock was not set: the receiver's "now" then applies),
/// one record per quantity in the registered primary units a version 10 pack must use: Cel, %RH, Pa,
/// kg/m3 (RFC 8798; particulate mass concentration), Bspl (sound pressure level in bels: A-weighted
/// levels, named laeq, lafmax, ...), "/" (ratio: lamp level), J (lamp energy). Bay states, AQI
/// standard and dominant pollutant, and health entries are string values with the monitor's names;
/// the flags are boolean values present only when set. Values are exact at the frame's resolution.
/// </summary>
public static class ReportSenml
{
    public static List<SenmlRecord> Pack(TelemetryReport report, string nodeId, OpenDataOptions options)
    {
        var records = new List<SenmlRecord>();
        void Add(SenmlRecord record) => records.Add(records.Count == 0
            ? record with { BaseName = options.Namespace + ":" + options.PublicId(nodeId) + ":", BaseTime = report.TimestampUnixSeconds == 0 ? null : report.TimestampUnixSeconds }
            : record);

        if (report.HasClimate)
        {
            Add(new SenmlRecord { Name = "temperature", Unit = "Cel", Value = Scaled(report.TemperatureDegC, 100, 1) });
            Add(new SenmlRecord { Name = "humidity", Unit = "%RH", Value = Scaled(report.HumidityPct, 2, 1) });
            Add(new SenmlRecord { Name = "pressure", Unit = "Pa", Value = Scaled(report.PressureHpa, 10, 100) });
        }

        if (report.HasParticulates)
        {
            Add(new SenmlRecord { Name = "pm1", Unit = "kg/m3", Value = Scaled(report.Pm1_0UgM3, 1, 1e-9m) });
            Add(new SenmlRecord { Name = "pm2.5", Unit = "kg/m3", Value = Scaled(report.Pm2_5UgM3, 1, 1e-9m) });
            Add(new SenmlRecord { Name = "pm10", Unit = "kg/m3", Value = Scaled(report.Pm10UgM3, 1, 1e-9m) });
            if (report.ParticulatesHumidityFlag)
            {
                Add(new SenmlRecord { Name = "pm-humidity-flag", BoolValue = true });
            }

            if (report.HasAqi)
            {
                Add(new SenmlRecord { Name = "aqi", Value = report.AqiValue });
                Add(new SenmlRecord { Name = "aqi-standard", StringValue = ReportJson.StandardName(report.AqiStandard) });
                Add(new SenmlRecord { Name = "aqi-dominant", StringValue = ReportJson.PollutantName(report.AqiDominant) });
            }
        }

        if (report.HasNoise)
        {
            Add(new SenmlRecord { Name = "laeq", Unit = "Bspl", Value = Scaled(report.LaeqDb, 10, 0.1m) });
            Add(new SenmlRecord { Name = "lafmax", Unit = "Bspl", Value = Scaled(report.LafmaxDb, 10, 0.1m) });
            if (report.NoiseRangeFlag)
            {
                Add(new SenmlRecord { Name = "noise-range-flag", BoolValue = true });
            }

            if (report.HasNoiseStatistics)
            {
                Add(new SenmlRecord { Name = "lafmin", Unit = "Bspl", Value = Scaled(report.LafminDb, 10, 0.1m) });
                Add(new SenmlRecord { Name = "la10", Unit = "Bspl", Value = Scaled(report.La10Db, 10, 0.1m) });
                Add(new SenmlRecord { Name = "la50", Unit = "Bspl", Value = Scaled(report.La50Db, 10, 0.1m) });
                Add(new SenmlRecord { Name = "la90", Unit = "Bspl", Value = Scaled(report.La90Db, 10, 0.1m) });
            }
        }

        for (int bay = 0; bay < report.ParkingBayCount; bay++)
        {
            Add(new SenmlRecord { Name = "bay-" + bay, StringValue = ReportJson.BayStateName(report.GetBayState(bay)) });
        }

        if (report.HasLamp)
        {
            Add(new SenmlRecord { Name = "lamp-level", Unit = "/", Value = Scaled(report.LampLevelPct, 2, 0.01m) });
            Add(new SenmlRecord { Name = "lamp-energy", Unit = "J", Value = Scaled(report.LampEnergyWh, 10, 3600) });
        }

        for (int i = 0; i < report.HealthEntryCount; i++)
        {
            FaultSource source = report.GetFaultSource(i);
            Add(new SenmlRecord { Name = "health-" + ReportJson.SourceName(source), StringValue = ReportJson.ReasonName(report.GetFaultReason(i)) });
        }

        return records;
    }

    /// <summary>The value at the frame's resolution (<paramref name="unitsPerOne"/> steps per unit),
    /// times <paramref name="factor"/>, computed in decimal so 8 µg/m3 becomes exactly 8E-09 kg/m3.</summary>
    private static double Scaled(float value, int unitsPerOne, decimal factor)
    {
        decimal units = Math.Round((decimal)((double)value * unitsPerOne), MidpointRounding.AwayFromZero);
        return (double)(units / unitsPerOne * factor);
    }
}
