using CityEdge.Telemetry;

namespace CityEdge.Host.OpenData;

/// <summary>
/// A report as a node would send it in Cayenne LPP, using only the published table's types: the
/// climate group as temperature (ch 1), humidity (2) and barometer (3); PM1, PM2.5, PM10 (4-6), LAeq
/// and LAFmax (7, 8), the AQI (9) and the noise statistics (10-13) as analog inputs; each bay as a
/// digital input (20 + bay: 0 free, 1 occupied, 2 unknown); the lamp level as an analog output (30)
/// and its energy in Wh as an analog input (31). LPP has no sequence number, timestamp, flags or
/// health entries, and an analog input tops out at 327.67 (a PM or an energy above that cannot be sent).
/// </summary>
public static class ReportCayenneLpp
{
    public static byte[] Encode(TelemetryReport report)
    {
        var lpp = new CayenneLpp();
        if (report.HasClimate)
        {
            lpp.AddTemperature(1, report.TemperatureDegC).AddHumidity(2, report.HumidityPct).AddBarometer(3, report.PressureHpa);
        }

        if (report.HasParticulates)
        {
            lpp.AddAnalogInput(4, report.Pm1_0UgM3).AddAnalogInput(5, report.Pm2_5UgM3).AddAnalogInput(6, report.Pm10UgM3);
            if (report.HasAqi)
            {
                lpp.AddAnalogInput(9, report.AqiValue);
            }
        }

        if (report.HasNoise)
        {
            lpp.AddAnalogInput(7, Math.Round(report.LaeqDb, 1)).AddAnalogInput(8, Math.Round(report.LafmaxDb, 1));
            if (report.HasNoiseStatistics)
            {
                lpp.AddAnalogInput(10, Math.Round(report.LafminDb, 1)).AddAnalogInput(11, Math.Round(report.La10Db, 1))
                    .AddAnalogInput(12, Math.Round(report.La50Db, 1)).AddAnalogInput(13, Math.Round(report.La90Db, 1));
            }
        }

        for (int bay = 0; bay < report.ParkingBayCount; bay++)
        {
            lpp.AddDigitalInput((byte)(20 + bay), (int)report.GetBayState(bay));
        }

        if (report.HasLamp)
        {
            lpp.AddAnalogOutput(30, Math.Round(report.LampLevelPct, 1)).AddAnalogInput(31, Math.Round(report.LampEnergyWh, 1));
        }

        return lpp.ToArray();
    }
}
