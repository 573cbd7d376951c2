using CityEdge.Drivers.Sen0232;
using CityEdge.Health;
using CityEdge.Noise;
using CityEdge.Telemetry;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Drivers.Tests.Sen0232;

[TestClass]
public sealed class Sen0232SoundLevelMeterTests
{
    [TestMethod]
    public void VoltageTimesFiftyIsTheLevel()
    {
        // 1.3 V on a 12-bit 3.1 V ADC reads round(1.3 / 3.1 × 4095) = 1717 counts = 1.29976 V = 64.99 dBA.
        var adc = new SimulatedSen0232Output { Volts = 1.3 };
        var meter = new Sen0232SoundLevelMeter(adc, 0f, Sen0232SoundLevelMeter.DefaultPeriodMs);
        var statistics = new LevelStatistics(meter.ValidMinDb, meter.ValidMaxDb);
        Assert.AreEqual(50, meter.Measure(statistics), "a reading covers its whole period");
        Assert.AreEqual(64.99f, statistics.LaeqDb, 0.01f);
        Assert.AreEqual(64.99f, meter.LastLevelDb, 0.01f);
        Assert.AreEqual(FaultReason.None, meter.LastFault);
        Assert.AreEqual(0, statistics.OutOfRangeCount);
    }

    [TestMethod]
    public void CalibrationOffsetShiftsTheLevelAndTheValidRange()
    {
        var adc = new SimulatedSen0232Output { Volts = 1.3 };
        var meter = new Sen0232SoundLevelMeter(adc, -1.5f, 125);
        var statistics = new LevelStatistics(meter.ValidMinDb, meter.ValidMaxDb);
        meter.Measure(statistics);
        Assert.AreEqual(63.49f, statistics.LaeqDb, 0.01f);
        Assert.AreEqual(28.7f, meter.ValidMinDb, 0.001f);
        Assert.AreEqual(128.3f, meter.ValidMaxDb, 0.001f);
    }

    [TestMethod]
    public void AnUnpluggedModuleIsNotAQuietStreet()
    {
        var adc = new SimulatedSen0232Output { Volts = 0.0 };
        var meter = new Sen0232SoundLevelMeter(adc, 0f, 125);
        var statistics = new LevelStatistics(meter.ValidMinDb, meter.ValidMaxDb);
        Assert.AreEqual(0, meter.Measure(statistics));
        Assert.AreEqual(FaultReason.NotResponding, meter.LastFault);
        Assert.IsFalse(statistics.HasLevels);
    }

    [TestMethod]
    public void PipelineReportsEnergeticMeanAndExceedanceLevelsOfTheInterval()
    {
        // 48 readings (6 s at 125 ms): 12 at 80 dB, 12 at 70 dB, 24 at 50 dB.
        // LAeq = 10·log10((12·10^8 + 12·10^7 + 24·10^5) / 48) = 10·log10(2.755·10^7) = 74.40 dB.
        // LA10 = 80 (25 % reach it), LA50 = 70 (50 % reach it), LA90 = 50; LAFmin = 50.
        var adc = new SimulatedSen0232Output();
        var pipeline = new NoisePipeline(new Sen0232SoundLevelMeter(adc, 0f, 125), null);
        foreach (var (level, count) in new[] { (80.0, 12), (70.0, 12), (50.0, 24) })
        {
            adc.LevelDb = level;
            for (int i = 0; i < count; i++)
            {
                pipeline.Run(0);
            }
        }

        var report = new TelemetryReport();
        pipeline.Contribute(report);
        Assert.IsTrue(report.HasNoise);
        Assert.IsFalse(report.NoiseRangeFlag);
        Assert.AreEqual(74.40f, report.LaeqDb, 0.03f);
        Assert.AreEqual(80.0f, report.LafmaxDb, 0.05f);
        Assert.IsTrue(report.HasNoiseStatistics);
        Assert.AreEqual(50.0f, report.LafminDb, 0.05f);
        Assert.AreEqual(80.0f, report.La10Db, 0.05f);
        Assert.AreEqual(70.0f, report.La50Db, 0.05f);
        Assert.AreEqual(50.0f, report.La90Db, 0.05f);
        Assert.AreEqual(1000, pipeline.MeasuredPermille);
    }

    [TestMethod]
    public void QuieterThanTheModuleCanMeasureSetsTheRangeFlag()
    {
        var adc = new SimulatedSen0232Output { LevelDb = 20 };
        var pipeline = new NoisePipeline(new Sen0232SoundLevelMeter(adc, 0f, 125), null);
        pipeline.Run(0);
        adc.LevelDb = 45;
        pipeline.Run(125);
        var report = new TelemetryReport();
        pipeline.Contribute(report);
        Assert.IsTrue(report.HasNoise);
        Assert.IsTrue(report.NoiseRangeFlag, "a reading at the module's 30 dB floor is a bound, not a measurement");
        Assert.AreEqual(1, pipeline.OutOfRangeIntervalCount);
    }

    [TestMethod]
    public void AnIntervalWithoutReadingsReportsWhyInsteadOfLevels()
    {
        var adc = new SimulatedSen0232Output { Volts = 0.05 };
        var pipeline = new NoisePipeline(new Sen0232SoundLevelMeter(adc, 0f, 125), null);
        pipeline.Run(0);
        var report = new TelemetryReport();
        pipeline.Contribute(report);
        Assert.IsFalse(report.HasNoise);
        Assert.IsFalse(report.HasNoiseStatistics);
        Assert.AreEqual(1, report.HealthEntryCount);
        Assert.AreEqual(FaultSource.Noise, report.GetFaultSource(0));
        Assert.AreEqual(FaultReason.NotResponding, report.GetFaultReason(0));
        Assert.AreEqual(1, pipeline.ReadErrorCount);
    }

    [TestMethod]
    public void MeasuringAllocatesNothing()
    {
        var adc = new SimulatedSen0232Output { LevelDb = 62 };
        var pipeline = new NoisePipeline(new Sen0232SoundLevelMeter(adc, 0f, 125), null);
        var report = new TelemetryReport();
        pipeline.Run(0);
        pipeline.Contribute(report);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 480; i++)
        {
            pipeline.Run(i * 125L);
        }

        report.Clear();
        pipeline.Contribute(report);
        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.AreEqual(62f, report.LaeqDb, 0.05f);
    }
}
