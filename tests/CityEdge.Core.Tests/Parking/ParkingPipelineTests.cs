using System.Collections;
using CityEdge.Config;
using CityEdge.Health;
using CityEdge.Node;
using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Parking;

[TestClass]
public sealed class ParkingPipelineTests
{
    [TestMethod]
    public void ArrivalSendsABayStateEventWithItsAgeAndDeviation()
    {
        var sensors = new[] { new ScriptedMagnetometer(), new ScriptedMagnetometer() };
        var events = new RecordingEventSink();
        var pipeline = new ParkingPipeline(sensors, 2, new BayDetectorSettings(), events, null, null);
        long now = 0;
        for (int i = 0; i < 20; i++)
        {
            pipeline.Run(now += 1000);
        }

        Assert.AreEqual(2, events.Count, "each bay announced its learned baseline (free)");
        events.Clear();
        sensors[1].ZUt -= 23.4f;
        for (int i = 0; i < 3; i++)
        {
            pipeline.Run(now += 1000);
        }

        Assert.AreEqual(1, events.Count);
        Assert.AreEqual(ParkingEvents.TypeBayStateChanged, events.Types[0]);
        // bay 1, occupied, cause detection, 1 s ago (first settled reading), 23.4 µT = 234 = 0x00EA.
        CollectionAssert.AreEqual(new byte[] { 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0xEA }, events.Payloads[0]);
    }

    [TestMethod]
    public void AWeakStepNextToABayWithADeadSensorIsNotTakenForAVehicle()
    {
        // Bay 1's sensor is dead, so a car arriving there goes unreported; its field shifts bays 0 and 2
        // by 3 µT each. Both sit next to the unknown bay 1, so neither runs the slow test for weak signatures.
        var sensors = new[] { new ScriptedMagnetometer(), new ScriptedMagnetometer { Broken = true }, new ScriptedMagnetometer() };
        var events = new RecordingEventSink();
        var pipeline = new ParkingPipeline(sensors, 3, new BayDetectorSettings(), events, null, null);
        long now = 0;
        for (int i = 0; i < 60; i++)
        {
            pipeline.Run(now += 1000);
        }

        sensors[0].XUt += 3f;
        sensors[2].XUt -= 3f;
        for (int i = 0; i < 600; i++)
        {
            pipeline.Run(now += 1000);
        }

        Assert.AreEqual(ParkingBayState.Free, pipeline.GetDetector(0).State);
        Assert.AreEqual(ParkingBayState.Free, pipeline.GetDetector(2).State);

        // With bay 1's sensor back (and free), the same kind of unexplained weak step is a vehicle.
        sensors[1].Broken = false;
        for (int i = 0; i < 60; i++)
        {
            pipeline.Run(now += 1000);
        }

        sensors[0].XUt += 3f;
        for (int i = 0; i < 200; i++)
        {
            pipeline.Run(now += 1000);
        }

        Assert.AreEqual(ParkingBayState.Occupied, pipeline.GetDetector(0).State);
    }

    [TestMethod]
    public void ReportCarriesEveryBayAndAFailingSensorIsUnknownWithAHealthEntry()
    {
        var sensors = new[] { new ScriptedMagnetometer(), new ScriptedMagnetometer { Broken = true } };
        var events = new RecordingEventSink();
        var pipeline = new ParkingPipeline(sensors, 3, new BayDetectorSettings(), events, null, null);
        long now = 0;
        for (int i = 0; i < 40; i++)
        {
            pipeline.Run(now += 1000);
        }

        var report = new TelemetryReport();
        pipeline.Contribute(report);

        Assert.AreEqual(3, report.ParkingBayCount);
        Assert.AreEqual(ParkingBayState.Free, report.GetBayState(0));
        Assert.AreEqual(ParkingBayState.Unknown, report.GetBayState(1), "sensor not responding");
        Assert.AreEqual(ParkingBayState.Unknown, report.GetBayState(2), "no sensor fitted for bay 2");
        Assert.AreEqual(1, report.HealthEntryCount);
        Assert.AreEqual(FaultSource.Parking, report.GetFaultSource(0));
        Assert.AreEqual(FaultReason.NotResponding, report.GetFaultReason(0));
        Assert.AreEqual(40, pipeline.ReadErrorCount);
    }

    [TestMethod]
    public void ReadingAtFullScaleIsOutOfRangeNotAValue()
    {
        var sensor = new ScriptedMagnetometer();
        var pipeline = new ParkingPipeline(new IMagnetometer[] { sensor }, 1, new BayDetectorSettings(), new RecordingEventSink(), null, null);
        long now = 0;
        for (int i = 0; i < 20; i++)
        {
            pipeline.Run(now += 1000);
        }

        sensor.ZUt = -sensor.FullScaleUt;
        for (int i = 0; i < 31; i++)
        {
            pipeline.Run(now += 1000);
        }

        Assert.AreEqual(ParkingBayState.Unknown, pipeline.GetDetector(0).State);
        Assert.AreEqual(FaultReason.OutOfRange, pipeline.GetDetector(0).Fault);
    }

    [TestMethod]
    public void RecalibrateCommandAnnouncesUnknownThenFree()
    {
        var sensor = new ScriptedMagnetometer();
        var events = new RecordingEventSink();
        var pipeline = new ParkingPipeline(new IMagnetometer[] { sensor }, 1, new BayDetectorSettings(), events, null, null);
        long now = 0;
        for (int i = 0; i < 20; i++)
        {
            pipeline.Run(now += 1000);
        }

        events.Clear();
        Assert.IsFalse(pipeline.Recalibrate(1, now), "bay 1 does not exist");
        Assert.IsTrue(pipeline.Recalibrate(0, now));
        for (int i = 0; i < 10; i++)
        {
            pipeline.Run(now += 1000);
        }

        Assert.AreEqual(2, events.Count);
        CollectionAssert.AreEqual(new byte[] { 0x00, 0x02, 0x02, 0x00, 0x00 }, events.Payloads[0][..5], "bay 0 unknown, cause recalibration, now");
        CollectionAssert.AreEqual(new byte[] { 0x00, 0x00, 0x02 }, events.Payloads[1][..3], "bay 0 free, cause recalibration");
    }

    [TestMethod]
    public void EventPayloadsMatchTheHexVectorsOfTheSpec()
    {
        // docs/parking.md, "Telemetry and events", vectors 1 and 2.
        var buffer = new byte[ParkingEvents.BayStateChangedLength];
        ParkingEvents.EncodeBayStateChanged(3, ParkingBayState.Occupied, BayChangeCause.Detection, 2000, 23.4f, buffer, 0);
        Assert.AreEqual("0301000002" + "00EA", Convert.ToHexString(buffer));
        ParkingEvents.EncodeBayStateChanged(0, ParkingBayState.Unknown, BayChangeCause.SensorFault, 30500, -1f, buffer, 0);
        Assert.AreEqual("000201001EFFFF", Convert.ToHexString(buffer), "30.5 s -> 30 = 0x001E");

        var frame = new byte[EventFrame.GetLength(buffer.Length)];
        ParkingEvents.EncodeBayStateChanged(3, ParkingBayState.Occupied, BayChangeCause.Detection, 2000, 23.4f, buffer, 0);
        EventFrame.Encode(ParkingEvents.TypeBayStateChanged, 0x2A, 1772439300, buffer, 0, buffer.Length, frame, 0);
        Assert.AreEqual("0101002A69A54704070301000002" + "00EA", Convert.ToHexString(frame), "2026-03-02T08:15:00Z = 0x69A54704");

        var longStay = new byte[ParkingEvents.LongStayLength];
        ParkingEvents.EncodeLongStay(5, 73L * 3600 * 1000 + 5000, 4.56f, longStay, 0);
        Assert.AreEqual("050049002E", Convert.ToHexString(longStay));

        int bay = ParkingEvents.DecodeBayStateChanged(Convert.FromHexString("0301000002" + "00EA"), 0, 7, out var state, out var cause, out int age, out int deviation);
        Assert.AreEqual((3, ParkingBayState.Occupied, BayChangeCause.Detection, 2, 234), (bay, state, cause, age, deviation));
    }

    [TestMethod]
    public void DecodingRejectsAReservedStateNamingTheField()
    {
        var ex = Assert.ThrowsExactly<FrameFormatException>(() =>
            ParkingEvents.DecodeBayStateChanged(Convert.FromHexString("0303000002" + "00EA"), 0, 7, out _, out _, out _, out _));
        StringAssert.Contains(ex.Message, "bay_state.state");
    }

    [TestMethod]
    public void ConfigRejectsAReleaseThresholdNotBelowTheOccupyThresholdNamingBothKeys()
    {
        var errors = new ArrayList();
        var config = NodeConfig.Parse("node.id = n1\nparking.bays = 4\nparking.occupy_dut = 60\nparking.release_dut = 60\n", errors);

        Assert.IsNull(config);
        var error = (ConfigError)errors[0]!;
        Assert.AreEqual(4, error.Line);
        StringAssert.Contains(error.ToString(), "parking.release_dut");
        StringAssert.Contains(error.ToString(), "parking.occupy_dut");
    }

    [TestMethod]
    public void ConfigParkingKeysReachTheDetectorSettings()
    {
        var errors = new ArrayList();
        var config = NodeConfig.Parse("node.id = n1\nparking.bays = 4\nparking.occupy_dut = 95\nparking.release_dut = 45\nparking.max_stay_h = 24\n", errors);

        var settings = BayDetectorSettings.From(config!);

        Assert.AreEqual(4, config!.ParkingBays);
        Assert.AreEqual(9.5f, settings.OccupyUt);
        Assert.AreEqual(4.5f, settings.ReleaseUt);
        Assert.AreEqual(24L * 3600 * 1000, settings.MaxStayMs);
    }
}
