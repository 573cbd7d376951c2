using CityEdge.Health;
using CityEdge.Noise;
using CityEdge.Telemetry;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Mic = CityEdge.Drivers.I2sMemsMicrophone.I2sMemsMicrophone;

namespace CityEdge.Drivers.Tests.I2sMemsMicrophone;

[TestClass]
public sealed class I2sMemsMicrophoneTests
{
    [TestMethod]
    public void BurstMeasuresTheToneAtItsSoundPressureLevel()
    {
        var source = new SimulatedI2sMicrophone(16000) { LevelDb = 72.5 };
        var mic = new Mic(source, Mic.DatasheetSensitivityDbfs, 0f, Mic.Inmp441NoiseFloorDb, Mic.AcousticOverloadDb, 2048, 2000);
        var statistics = new LevelStatistics(mic.ValidMinDb, mic.ValidMaxDb);

        // 2048 samples = 128 ms; the first 32 ms (512 samples) settle the filters: 96 ms measured.
        Assert.AreEqual(96, mic.Measure(statistics));
        Assert.AreEqual(72.5f, statistics.LaeqDb, 0.05f);
        Assert.AreEqual(72.5f, statistics.ExceedanceLevelDb(50), 0.1f);
        Assert.AreEqual(0, statistics.OutOfRangeCount);
    }

    [TestMethod]
    public void PipelineReportsTheFractionOfTimeActuallyMeasured()
    {
        var source = new SimulatedI2sMicrophone(16000) { LevelDb = 55 };
        var pipeline = new NoisePipeline(new Mic(source, -26f, 0f, 33f, 120f, 2048, 2000), null);
        for (int i = 0; i < 30; i++)
        {
            pipeline.Run(i * 2000L);
        }

        var report = new TelemetryReport();
        pipeline.Contribute(report);
        Assert.AreEqual(55f, report.LaeqDb, 0.05f);

        // 96 ms of every 2000 ms period.
        Assert.AreEqual(48, pipeline.MeasuredPermille);
        Assert.AreEqual("noise_measured_permille", pipeline.GetHealthCounterName(2));
        Assert.AreEqual(48L, pipeline.GetHealthCounterValue(2));
    }

    [TestMethod]
    public void BelowTheMicrophonesSelfNoiseIsFlagged()
    {
        var source = new SimulatedI2sMicrophone(48000) { LevelDb = 25 };
        var pipeline = new NoisePipeline(new Mic(source, -26f, 0f, 33f, 120f, 4096, 1000), null);
        pipeline.Run(0);
        var report = new TelemetryReport();
        pipeline.Contribute(report);
        Assert.IsTrue(report.HasNoise);
        Assert.IsTrue(report.NoiseRangeFlag);
    }

    [TestMethod]
    public void NoWordClockIsAFaultNotSilence()
    {
        var source = new SimulatedI2sMicrophone(16000) { Silent = true };
        var mic = new Mic(source, -26f, 0f, 33f, 120f, 2048, 2000);
        var pipeline = new NoisePipeline(mic, null);
        pipeline.Run(0);
        var report = new TelemetryReport();
        pipeline.Contribute(report);
        Assert.IsFalse(report.HasNoise);
        Assert.AreEqual(FaultReason.NotResponding, report.GetFaultReason(0));
        Assert.AreEqual(FaultReason.NotResponding, mic.LastFault);
    }

    [TestMethod]
    public void ABurstLongerThanThePeriodIsRefused()
    {
        var source = new SimulatedI2sMicrophone(16000);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Mic(source, -26f, 0f, 33f, 120f, 16000, 1000));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Mic(source, -26f, 0f, 33f, 120f, 100, 1000));
    }

    [TestMethod]
    public void SteadyStateBurstsAllocateNothing()
    {
        var source = new SimulatedI2sMicrophone(16000) { LevelDb = 60 };
        var mic = new Mic(source, -26f, 0f, 33f, 120f, 2048, 2000);
        var statistics = new LevelStatistics(mic.ValidMinDb, mic.ValidMaxDb);
        mic.Measure(statistics);

        // The simulated microphone computes its tone with Math only; everything measured is the front end.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            mic.Measure(statistics);
        }

        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
