using System.Collections;
using CityEdge.Air;
using CityEdge.Climate;
using CityEdge.Config;
using CityEdge.Health;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Air;

[TestClass]
public sealed class AirPipelineTests
{
    internal static NodeConfig Config(string extra = "")
    {
        var errors = new ArrayList();
        var config = NodeConfig.Parse("node.id = n1\n" + extra, errors);
        Assert.IsNotNull(config, string.Join("; ", errors.Cast<ConfigError>()));
        return config;
    }

    private static void RunFor(AirPipeline pipeline, ScriptedSensor sensor, ref long nowMs, long untilMs)
    {
        for (; nowMs <= untilMs; nowMs += AirPipeline.TickMs)
        {
            sensor.Now = nowMs;
            pipeline.Run(nowMs);
        }
    }

    [TestMethod]
    public void Default_cycle_wakes_every_300_s_discards_30_s_and_takes_the_median_of_10_readings()
    {
        var sensor = new ScriptedSensor { Values = [12, 14, 11, 13, 400, 12, 15, 13, 12, 14] };
        var pipeline = new AirPipeline(sensor, null, Config("air.humidity_flag_pct = 95"), null);
        long now = 0;

        RunFor(pipeline, sensor, ref now, 3_599_000);

        CollectionAssert.AreEqual(Enumerable.Range(0, 12).Select(i => i * 300_000L).ToArray(), sensor.WakeTimes.ToArray());
        Assert.IsTrue(sensor.RequestTimes.All(t => (t % 300_000) >= 30_000), "no reading is requested during the warm-up");
        Assert.AreEqual(12, pipeline.MeasurementCount);
        // Readings 12 14 11 13 400 12 15 13 12 14 -> sorted middle pair 13, 13: the 400 spike is ignored.
        Assert.AreEqual(13f, pipeline.RawPm2_5UgM3);
        // 30 s warm-up, request at 30 s, readings at 31..40 s, sleep at 40 s: 40 s of every 300 s.
        CollectionAssert.AreEqual(Enumerable.Range(0, 12).Select(i => (i * 300_000L) + 40_000).ToArray(), sensor.SleepTimes.ToArray());
        Assert.AreEqual(12 * 40_000L, pipeline.FanOnMs);
        Assert.AreEqual("fan_on_s", pipeline.GetHealthCounterName(0));
        Assert.AreEqual(480L, pipeline.GetHealthCounterValue(0));
    }

    [TestMethod]
    public void Readings_are_corrected_with_the_climate_pipelines_humidity_and_flagged_above_the_limit()
    {
        var climateSensor = new FixedClimate { HumidityPct = 80f };
        var climate = new ClimatePipeline(climateSensor, null);
        var sensor = new ScriptedSensor { Values = [30] };
        var pipeline = new AirPipeline(sensor, climate, Config("air.kappa = 0.4"), null);
        var report = new TelemetryReport();
        long now = 0;
        for (; now <= 60_000; now += 1000)
        {
            if (now % 10_000 == 0)
            {
                climate.Run(now);
            }

            sensor.Now = now;
            pipeline.Run(now);
        }

        pipeline.Contribute(report);
        // 30 / (1 + (0.4/1.65) / (1/0.8 - 1)) = 30 / 1.969697 = 15.23
        Assert.IsTrue(report.HasParticulates);
        Assert.AreEqual(15.23f, report.Pm2_5UgM3, 0.01f);
        Assert.IsFalse(report.ParticulatesHumidityFlag);

        climateSensor.HumidityPct = 97f;
        for (; now <= 360_000; now += 1000)
        {
            if (now % 10_000 == 0)
            {
                climate.Run(now);
            }

            sensor.Now = now;
            pipeline.Run(now);
        }

        report.Clear();
        pipeline.Contribute(report);
        Assert.IsTrue(report.HasParticulates, "a humid reading is flagged, not dropped");
        Assert.IsTrue(report.ParticulatesHumidityFlag);
        Assert.AreEqual(30f / HumidityCorrection.GrowthFactor(97f, 0.4f), report.Pm2_5UgM3, 0.01f);
    }

    [TestMethod]
    public void Without_a_humidity_reading_the_value_is_uncorrected_and_flagged()
    {
        var sensor = new ScriptedSensor { Values = [30] };
        var pipeline = new AirPipeline(sensor, null, Config(), null);
        var report = new TelemetryReport();
        long now = 0;

        RunFor(pipeline, sensor, ref now, 60_000);
        pipeline.Contribute(report);

        Assert.AreEqual(30f, report.Pm2_5UgM3);
        Assert.IsTrue(report.ParticulatesHumidityFlag);
    }

    [TestMethod]
    public void A_silent_sensor_fails_the_cycle_sleeps_the_fan_and_reports_why()
    {
        var sensor = new ScriptedSensor { Values = [20], Silent = true };
        var pipeline = new AirPipeline(sensor, null, Config(), null);
        var report = new TelemetryReport();
        long now = 0;

        RunFor(pipeline, sensor, ref now, 20_000);
        pipeline.Contribute(report);
        Assert.AreEqual(FaultReason.WarmingUp, report.GetFaultReason(0), "before the first measurement");

        RunFor(pipeline, sensor, ref now, 120_000);
        report.Clear();
        pipeline.Contribute(report);

        Assert.IsFalse(report.HasParticulates);
        Assert.AreEqual(FaultSource.Particulates, report.GetFaultSource(0));
        Assert.AreEqual(FaultReason.NotResponding, report.GetFaultReason(0));
        Assert.AreEqual(1, pipeline.FailedCycleCount);
        // Warm-up 30 s + 10 frames + 5 s slack = 45 s, then the fan sleeps.
        CollectionAssert.AreEqual(new[] { 45_000L }, sensor.SleepTimes.ToArray());
    }

    [TestMethod]
    public void Us_aqi_waits_for_two_hours_of_data_china_reports_from_the_first_measurement()
    {
        var usSensor = new ScriptedSensor { Values = [40] };
        var cnSensor = new ScriptedSensor { Values = [40] };
        var us = new AirPipeline(usSensor, null, Config("air.aqi_standard = us"), null);
        var cn = new AirPipeline(cnSensor, null, Config("air.aqi_standard = cn"), null);
        var report = new TelemetryReport();
        long nowUs = 0;
        long nowCn = 0;

        RunFor(us, usSensor, ref nowUs, 3_500_000);
        RunFor(cn, cnSensor, ref nowCn, 60_000);
        us.Contribute(report);
        Assert.IsTrue(report.HasParticulates);
        Assert.IsFalse(report.HasAqi, "NowCast needs 2 of the 3 latest hours");

        report.Clear();
        cn.Contribute(report);
        // PM2.5 40 -> ceil(50 + 50/40*5) = 57; PM10 (same scripted value) 40 -> 40.
        Assert.IsTrue(report.HasAqi);
        Assert.AreEqual(57, report.AqiValue);
        Assert.AreEqual(AqiStandard.ChinaHj633, report.AqiStandard);
        Assert.AreEqual(AqiPollutant.Pm2_5, report.AqiDominant);

        RunFor(us, usSensor, ref nowUs, 3_700_000);
        report.Clear();
        us.Contribute(report);
        // Steady 40: NowCast 40.0 -> (150-101)/(55.4-35.5)*(40.0-35.5)+101 = 112.08 -> 112.
        Assert.IsTrue(report.HasAqi);
        Assert.AreEqual(112, report.AqiValue);
        Assert.AreEqual(AqiStandard.UsEpa, report.AqiStandard);
    }

    [TestMethod]
    [DataRow("0.4", 0.4f)]
    [DataRow("1.5", 1.5f)]
    [DataRow("0", 0f)]
    [DataRow(".25", 0.25f)]
    public void Config_reads_kappa_as_a_decimal_in_any_culture(string text, float expected)
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.AreEqual(expected, Config("air.kappa = " + text).AirKappa, 1e-6f);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [TestMethod]
    [DataRow("1.6")]
    [DataRow("0,4")]
    [DataRow("1.")]
    [DataRow("-0.1")]
    [DataRow("1.2.3")]
    public void Config_rejects_kappa_that_is_not_a_decimal_in_range(string text)
    {
        var errors = new ArrayList();
        Assert.IsNull(NodeConfig.Parse("node.id = n1\nair.kappa = " + text, errors));
        StringAssert.Contains(string.Join("\n", errors.Cast<ConfigError>()), "air.kappa");
    }

    [TestMethod]
    public void Config_rejects_a_cycle_longer_than_its_period_naming_both_keys()
    {
        var errors = new ArrayList();
        Assert.IsNull(NodeConfig.Parse("node.id = n1\nair.period_s = 60\nair.warmup_s = 50\nair.kappa = x\nair.aqi_standard = eu", errors));

        string all = string.Join("\n", errors.Cast<ConfigError>());
        StringAssert.Contains(all, "air.period_s");
        StringAssert.Contains(all, "air.warmup_s");
        StringAssert.Contains(all, "air.kappa");
        StringAssert.Contains(all, "'eu' is not us or cn");
    }

    /// <summary>A sensor that answers every request with the next scripted value (PM1 = PM2.5 = PM10)
    /// and streams a nonsense value while warming up, recording when it was woken, asked and slept.</summary>
    private sealed class ScriptedSensor : IParticulateSensor
    {
        private int _next;
        private bool _pending;
        private bool _awake;

        public int[] Values { get; init; } = [];

        public bool Silent { get; init; }

        public List<long> WakeTimes { get; } = new();

        public List<long> SleepTimes { get; } = new();

        public List<long> RequestTimes { get; } = new();

        public FaultReason LastFault { get; private set; }

        public long Now { get; set; }

        public void Wake()
        {
            _awake = true;
            WakeTimes.Add(Now);
        }

        public void Sleep()
        {
            _awake = false;
            SleepTimes.Add(Now);
        }

        public void RequestReading()
        {
            RequestTimes.Add(Now);
            _pending = true;
        }

        public bool TryRead(ParticulateSample sample)
        {
            if (Silent || !_awake)
            {
                LastFault = FaultReason.NotResponding;
                return false;
            }

            int value = _pending ? Values[_next++ % Values.Length] : 999;
            _pending = false;
            sample.Pm1_0UgM3 = value;
            sample.Pm2_5UgM3 = value;
            sample.Pm10UgM3 = value;
            LastFault = FaultReason.None;
            return true;
        }
    }

    private sealed class FixedClimate : IClimateSensor
    {
        public float HumidityPct { get; set; }

        public FaultReason LastFault => FaultReason.None;

        public bool TryRead(ClimateSample sample)
        {
            sample.TemperatureDegC = 15f;
            sample.HumidityPct = HumidityPct;
            sample.PressureHpa = 1010f;
            return true;
        }
    }
}
