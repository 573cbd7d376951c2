using System.Collections;
using CityEdge.Air;
using CityEdge.Config;
using CityEdge.Core.Tests.Node;
using CityEdge.Drivers.Pms5003;
using CityEdge.Hal;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Air;

/// <summary>One node for a whole simulated day: the real runtime, the real PMS5003 driver on a
/// byte-level simulated sensor (with corrupted bytes), simulated weather, on the simulated clock.</summary>
[TestClass]
public sealed class SimulatedDayTests
{
    private const long DayMs = 86_400_000;

    private static (NodeRuntime Node, SimulatedPms5003 Pms, List<TelemetryReport> Reports) RunDay(string airConfig)
    {
        var errors = new ArrayList();
        NodeConfig config = NodeConfig.Parse("node.id = day\n" + airConfig, errors)!;
        Assert.IsNotNull(config, string.Join("; ", errors.Cast<ConfigError>()));
        var clock = new SimulatedClock(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc));
        var pms = new SimulatedPms5003(clock, seed: 11, corruptionRate: 0.02);
        var link = new RecordingLink();
        var hardware = new NodeHardware { Climate = new SimulatedClimateSensor(clock, 11), Particulates = new Pms5003(pms) };
        var node = new NodeRuntime(config, hardware, clock, new MemoryStore(), link, null);
        clock.RunUntil(node.Scheduler, DayMs);

        var reports = link.On(node.Topics.Telemetry).Select(f =>
        {
            var r = new TelemetryReport();
            TelemetryCodec.Decode(f, 0, f.Length, r);
            return r;
        }).ToList();
        return (node, pms, reports);
    }

    [TestMethod]
    public void Default_config_runs_the_fan_its_configured_fraction_and_every_report_has_corrected_pm_and_china_aqi()
    {
        var (node, pms, reports) = RunDay("air.aqi_standard = cn");

        // Configured: 30 s warm-up + 10 readings at 1 s in every 300 s = 40 / 300 = 13.3 %; a reading
        // lost to a corrupted byte costs one more second.
        double duty = (double)pms.FanOnMs / DayMs;
        Console.WriteLine($"fan duty cycle over one simulated day: {duty:P2} (device {pms.FanOnMs / 1000} s, node fan_on_s {node.Air!.GetHealthCounterValue(0)}), corrupted frames {pms.FramesCorrupted}");
        Assert.IsTrue(duty >= 40.0 / 300 && duty <= 42.0 / 300, $"duty {duty:P2}");
        Assert.AreEqual(pms.FanOnMs / 1000, node.Air.GetHealthCounterValue(0), 1, "the node's fan_on_s agrees with the device");
        Assert.IsTrue(pms.FramesCorrupted > 0, "the day included corrupted frames");

        Assert.AreEqual(1440, reports.Count);
        Assert.IsTrue(reports.All(r => r.HasParticulates && r.HasAqi && r.AqiStandard == AqiStandard.ChinaHj633), "every report carries PM and AQI");
        Assert.AreEqual(288, node.Air.MeasurementCount);
        Assert.AreEqual(0, node.Air.FailedCycleCount);

        // Corrected: below the raw median whenever there was water to remove.
        Assert.IsTrue(node.Air.Pm2_5UgM3 < node.Air.RawPm2_5UgM3 || node.Air.RawPm2_5UgM3 == 0);
        // The index moves with the traffic peaks, and never names a dominant pollutant at 50 or less (HJ 633 §5.3).
        Assert.IsTrue(reports.Max(r => r.AqiValue) > reports.Min(r => r.AqiValue), "the index follows the diurnal pattern");
        Assert.IsTrue(reports.All(r => (r.AqiValue <= 50) == (r.AqiDominant == AqiPollutant.None)));
    }

    [TestMethod]
    public void Us_aqi_is_in_every_report_once_the_nowcast_has_two_hours()
    {
        var (_, _, reports) = RunDay("air.aqi_standard = us");

        Assert.IsTrue(reports.All(r => r.HasParticulates));
        // Measurements fall in hour 0 until 3 600 s; the first in hour 1 ends at 3 640 s, after which
        // the report at 3 660 s (the 61st) is the first with a NowCast.
        Assert.IsTrue(reports.Take(60).All(r => !r.HasAqi));
        Assert.IsTrue(reports.Skip(61).All(r => r.HasAqi && r.AqiStandard == AqiStandard.UsEpa && r.AqiDominant != AqiPollutant.None));
    }

}
