using CityEdge.Air;
using CityEdge.Health;
using CityEdge.Telemetry;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>Telemetry frame v1 as the command centre receives it from the broker (TelemetryCodec.Decode).</summary>
public static class TelemetryFuzz
{
    public const string Oracle = "decodes or throws FrameFormatException; a decoded frame has no NaN and re-encodes to its exact bytes; every encoded report decodes";

    public static readonly Gen<FuzzBytes> Inputs = FuzzBytes.Around(Gen.Byte.Array[40].Select(ValidFrame), TelemetryFrame.MaxLength + 8);

    public static void Check(FuzzBytes input)
    {
        var report = new TelemetryReport();
        try
        {
            TelemetryCodec.Decode(input.Bytes, 0, input.Bytes.Length, report);
        }
        catch (FrameFormatException) when (!input.Intact)
        {
            return;
        }

        float[] values =
        [
            report.TemperatureDegC, report.HumidityPct, report.PressureHpa, report.Pm1_0UgM3, report.Pm2_5UgM3, report.Pm10UgM3,
            report.LaeqDb, report.LafmaxDb, report.LafminDb, report.La10Db, report.La50Db, report.La90Db, report.LampLevelPct, report.LampEnergyWh,
        ];
        if (values.Any(v => !float.IsFinite(v)))
        {
            throw new InvalidOperationException("a decoded value is not finite");
        }

        var again = new byte[TelemetryFrame.MaxLength];
        int length = TelemetryCodec.Encode(report, again, 0);
        if (!again.AsSpan(0, length).SequenceEqual(input.Bytes))
        {
            throw new InvalidOperationException("re-encodes to " + Convert.ToHexString(again, 0, length));
        }
    }

    /// <summary>A frame encoded from a report whose every field is in range, shaped by <paramref name="bytes"/>.</summary>
    public static byte[] ValidFrame(byte[] bytes)
    {
        var m = new Material(bytes);
        var r = new TelemetryReport
        {
            Sequence = m.Int(0, 65535),
            TimestampUnixSeconds = m.Chance(1) ? 0 : TelemetryFrame.EarliestTimestamp + (uint)m.Int(0, int.MaxValue),
        };
        if (m.Chance(4))
        {
            r.HasClimate = true;
            r.TemperatureDegC = m.Int(TelemetryFrame.TemperatureMin, TelemetryFrame.TemperatureMax) / 100f;
            r.HumidityPct = m.Int(0, TelemetryFrame.HumidityMax) / 2f;
            r.PressureHpa = m.Int(TelemetryFrame.PressureMin, TelemetryFrame.PressureMax) / 10f;
        }

        if (m.Chance(4))
        {
            r.HasParticulates = true;
            r.Pm1_0UgM3 = m.Int(0, TelemetryFrame.ParticulateMax);
            r.Pm2_5UgM3 = m.Int(0, TelemetryFrame.ParticulateMax);
            r.Pm10UgM3 = m.Int(0, TelemetryFrame.ParticulateMax);
            r.ParticulatesHumidityFlag = m.Chance(2);
            if (m.Chance(4))
            {
                r.HasAqi = true;
                r.AqiValue = m.Int(0, TelemetryFrame.AqiMax);
                r.AqiStandard = m.Chance(4) ? AqiStandard.UsEpa : AqiStandard.ChinaHj633;
                bool none = r.AqiStandard == AqiStandard.ChinaHj633 && r.AqiValue <= 50;
                r.AqiDominant = none ? AqiPollutant.None : (AqiPollutant)m.Int(1, 3);
            }
        }

        if (m.Chance(4))
        {
            r.HasNoise = true;
            r.NoiseRangeFlag = m.Chance(2);
            var levels = new[] { m.Int(0, 1500), m.Int(0, 1500), m.Int(0, 1500), m.Int(0, 1500), m.Int(0, 1500) }.Order().ToArray();
            r.LaeqDb = m.Int(0, 1500) / 10f;
            r.LafmaxDb = levels[4] / 10f;
            if (m.Chance(4))
            {
                r.HasNoiseStatistics = true;
                r.LafminDb = levels[0] / 10f;
                r.La90Db = levels[1] / 10f;
                r.La50Db = levels[2] / 10f;
                r.La10Db = levels[3] / 10f;
            }
        }

        if (m.Chance(3))
        {
            int bays = m.Int(1, TelemetryReport.MaxParkingBays);
            r.SetParkingBayCount(bays);
            for (int bay = 0; bay < bays; bay++)
            {
                r.SetBayState(bay, (ParkingBayState)m.Int(0, 2));
            }
        }

        if (m.Chance(4))
        {
            r.HasLamp = true;
            r.LampLevelPct = m.Int(0, TelemetryFrame.LampLevelMax) / 2f;
            r.LampEnergyWh = m.Int(0, TelemetryFrame.LampEnergyMax) / 10f;
        }

        for (int entries = m.Int(0, TelemetryReport.MaxHealthEntries); entries > 0; entries--)
        {
            r.AddFault((FaultSource)m.Int((int)FaultSource.Climate, (int)FaultSource.Scheduler), (FaultReason)m.Int((int)FaultReason.NotResponding, (int)FaultReason.Overflow));
        }

        var frame = new byte[TelemetryFrame.MaxLength];
        return frame[..TelemetryCodec.Encode(r, frame, 0)];
    }
}
