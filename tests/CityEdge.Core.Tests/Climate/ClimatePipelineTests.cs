using CityEdge.Climate;
using CityEdge.Diagnostics;
using CityEdge.Health;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Climate;

[TestClass]
public sealed class ClimatePipelineTests
{
    /// <summary>Plays back a script of readings; null entries fail with the given reason.</summary>
    private sealed class ScriptedSensor(params (float T, float H, float P)?[] script) : IClimateSensor
    {
        private int _next;

        public FaultReason FailureReason { get; init; } = FaultReason.NotResponding;

        public FaultReason LastFault { get; private set; }

        public bool TryRead(ClimateSample sample)
        {
            var reading = script[_next++ % script.Length];
            if (reading == null)
            {
                LastFault = FailureReason;
                return false;
            }

            sample.TemperatureDegC = reading.Value.T;
            sample.HumidityPct = reading.Value.H;
            sample.PressureHpa = reading.Value.P;
            LastFault = FaultReason.None;
            return true;
        }
    }

    [TestMethod]
    public void ReportsTheMeanOfTheIntervalsGoodSamplesAndStartsAfresh()
    {
        var sensor = new ScriptedSensor((20.0f, 50.0f, 1000.0f), (21.0f, 51.0f, 1001.0f), null, (22.0f, 52.0f, 1002.0f));
        var pipeline = new ClimatePipeline(sensor, NullLogSink.Instance);
        var report = new TelemetryReport();
        for (int i = 0; i < 4; i++)
        {
            pipeline.Run(i * 10_000);
        }

        pipeline.Contribute(report);

        Assert.IsTrue(report.HasClimate);
        Assert.AreEqual(21.0f, report.TemperatureDegC, 1e-5f);
        Assert.AreEqual(51.0f, report.HumidityPct, 1e-5f);
        Assert.AreEqual(1001.0f, report.PressureHpa, 1e-4f);
        Assert.AreEqual(0, report.HealthEntryCount, "one failed read among good ones is counted, not reported as a fault");
        Assert.AreEqual(1, pipeline.ReadErrorCount);

        report.Clear();
        pipeline.Run(40_000);
        pipeline.Contribute(report);
        Assert.AreEqual(20.0f, report.TemperatureDegC, 1e-5f, "the previous interval's samples must not leak into the next");
    }

    [TestMethod]
    public void AnIntervalWithoutAGoodSampleHasNoClimateGroupAndSaysWhy()
    {
        var pipeline = new ClimatePipeline(new ScriptedSensor([null]) { FailureReason = FaultReason.BadData }, NullLogSink.Instance);
        var report = new TelemetryReport();
        pipeline.Run(0);
        pipeline.Run(10_000);
        pipeline.Contribute(report);

        Assert.IsFalse(report.HasClimate);
        Assert.AreEqual(1, report.HealthEntryCount);
        Assert.AreEqual(FaultSource.Climate, report.GetFaultSource(0));
        Assert.AreEqual(FaultReason.BadData, report.GetFaultReason(0));
    }

    [TestMethod]
    public void AnIntervalWithNoRunAtAllIsStale()
    {
        var pipeline = new ClimatePipeline(new ScriptedSensor((20f, 50f, 1000f)), NullLogSink.Instance);
        var report = new TelemetryReport();
        pipeline.Contribute(report);

        Assert.AreEqual(FaultReason.Stale, report.GetFaultReason(0));
    }

    [TestMethod]
    [DataRow(-40.5f, 50f, 1000f)]
    [DataRow(85.5f, 50f, 1000f)]
    [DataRow(20f, -0.1f, 1000f)]
    [DataRow(20f, 100.1f, 1000f)]
    [DataRow(20f, 50f, 299f)]
    [DataRow(20f, 50f, 1101f)]
    [DataRow(float.NaN, 50f, 1000f)]
    public void ReadingsOutsideTheBme280OperatingRangeAreCountedNeverReported(float t, float h, float p)
    {
        var pipeline = new ClimatePipeline(new ScriptedSensor((t, h, p)), NullLogSink.Instance);
        var report = new TelemetryReport();
        pipeline.Run(0);
        pipeline.Contribute(report);

        Assert.IsFalse(report.HasClimate);
        Assert.AreEqual(FaultReason.OutOfRange, report.GetFaultReason(0));
        Assert.AreEqual(1, pipeline.OutOfRangeCount);
        Assert.AreEqual(1L, pipeline.GetHealthCounterValue(1));
    }

    [TestMethod]
    public void AnHourOfPressureSamplesKeepsTheFramesResolution()
    {
        // 360 samples alternating around 1013.25 hPa: float sums of raw values would drift by
        // several 0.01 hPa; the mean must come out within 0.01 hPa of the exact mean.
        var readings = Enumerable.Range(0, 360)
            .Select(i => ((float T, float H, float P)?)(10f, 60f, 1013.25f + ((i % 2 == 0 ? 1 : -1) * 0.37f) + (i * 0.0001f)))
            .ToArray();
        var pipeline = new ClimatePipeline(new ScriptedSensor(readings), NullLogSink.Instance);
        for (int i = 0; i < readings.Length; i++)
        {
            pipeline.Run(i * 10_000);
        }

        var report = new TelemetryReport();
        pipeline.Contribute(report);
        double exact = readings.Average(r => (double)r!.Value.P);
        Assert.AreEqual(exact, report.PressureHpa, 0.01);
    }
}
