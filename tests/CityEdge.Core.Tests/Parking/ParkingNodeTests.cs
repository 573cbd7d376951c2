using System.Collections;
using CityEdge.Config;
using CityEdge.Core.Tests.Node;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Parking;

/// <summary>The parking pipeline inside a whole node: created from parking.* keys and NodeHardware,
/// its events published on the events topic at once, its bays in the next report.</summary>
[TestClass]
public sealed class ParkingNodeTests
{
    [TestMethod]
    public void ArrivalIsPublishedAsAnEventFrameBeforeTheReportAndTheReportCarriesTheBays()
    {
        var errors = new ArrayList();
        var config = NodeConfig.Parse("node.id = kerb-7\nparking.bays = 2\nreport.period_s = 60\n", errors)!;
        var clock = new SimulatedClock(new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc));
        var bay1 = new StillMagnetometer();
        var link = new RecordingLink();
        var node = new NodeRuntime(config, new NodeHardware { Magnetometers = new IMagnetometer[] { new StillMagnetometer(), bay1 } }, clock, new MemoryStore(), link, null);

        clock.RunUntil(node.Scheduler, 30_000);
        bay1.ZUt -= 30f;
        clock.RunUntil(node.Scheduler, 35_000);

        var events = link.On(node.Topics.Events);
        Assert.AreEqual(3, events.Count, "two bays learned (free), then bay 1 occupied");
        byte[] frame = events[2];
        int type = EventFrame.Decode(frame, 0, frame.Length, out _, out uint timestamp, out int length);
        Assert.AreEqual(ParkingEvents.TypeBayStateChanged, type);
        int bay = ParkingEvents.DecodeBayStateChanged(frame, EventFrame.HeaderLength, length, out var state, out _, out int ageS, out int deviation);
        Assert.AreEqual((1, ParkingBayState.Occupied), (bay, state));
        Assert.AreEqual(1, ageS);
        Assert.AreEqual(300, deviation, 2);
        Assert.AreEqual((uint)(new DateTime(2026, 3, 2, 8, 0, 33, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds, timestamp, "sent at the decision, 1 s after the change began");
        Assert.IsFalse(link.On(node.Topics.Telemetry).Count > 0, "no report yet: the event did not wait for it");

        clock.RunUntil(node.Scheduler, 60_000);
        var report = new TelemetryReport();
        byte[] telemetry = link.On(node.Topics.Telemetry)[^1];
        TelemetryCodec.Decode(telemetry, 0, telemetry.Length, report);
        Assert.AreEqual(2, report.ParkingBayCount);
        Assert.AreEqual(ParkingBayState.Free, report.GetBayState(0));
        Assert.AreEqual(ParkingBayState.Occupied, report.GetBayState(1));
        Assert.AreEqual(0, report.HealthEntryCount);
    }

    [TestMethod]
    public void ASignedRecalibrateCommandRelearnsTheBayAndABadBayIsRefused()
    {
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var store = new MemoryStore();
        store.WriteAll(CityEdge.Link.CommandProcessor.KeyFile, key, 0, key.Length);
        var errors = new ArrayList();
        var config = NodeConfig.Parse("node.id = kerb-8\nmqtt.topic_root = t\nparking.bays = 2\n", errors)!;
        var clock = new SimulatedClock(new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc));
        var link = new RecordingLink();
        var node = new NodeRuntime(config, new NodeHardware { Magnetometers = new IMagnetometer[] { new StillMagnetometer(), new StillMagnetometer() } }, clock, store, link, null);
        clock.RunUntil(node.Scheduler, 30_000);
        int eventsBefore = link.On(node.Topics.Events).Count;

        link.Deliver("t/kerb-8/command", new CityEdge.Link.CommandFrame { Action = CityEdge.Link.CommandAction.ParkingRecalibrateBay, Counter = 1, NodeId = "kerb-8", Arguments = [1] }.Sign(key));
        link.Deliver("t/kerb-8/command", new CityEdge.Link.CommandFrame { Action = CityEdge.Link.CommandAction.ParkingRecalibrateBay, Counter = 2, NodeId = "kerb-8", Arguments = [5] }.Sign(key));
        clock.RunUntil(node.Scheduler, 60_000);

        var acks = link.On(node.Topics.CommandAck).Select(a => CityEdge.Link.CommandAck.Decode(a, key)!).ToList();
        Assert.AreEqual(CityEdge.Link.CommandResult.Ok, acks[0].Result);
        Assert.AreEqual(CityEdge.Link.CommandResult.InvalidArgument, acks[1].Result);
        Assert.AreEqual("bay: 5 is not a bay of this node", acks[1].Detail);

        var states = link.On(node.Topics.Events).Skip(eventsBefore).Select(frame =>
        {
            EventFrame.Decode(frame, 0, frame.Length, out _, out _, out int length);
            int bay = ParkingEvents.DecodeBayStateChanged(frame, EventFrame.HeaderLength, length, out var state, out _, out _, out _);
            return (bay, state);
        }).ToList();
        CollectionAssert.AreEqual(new[] { (1, ParkingBayState.Unknown), (1, ParkingBayState.Free) }, states, "unknown while relearning, then free");
    }

    [TestMethod]
    public void ANodeRebootedUnderAParkedCarReportsItOccupiedFromItsFirstReadings()
    {
        var errors = new ArrayList();
        var config = NodeConfig.Parse("node.id = kerb-9\nparking.bays = 2\nreport.period_s = 60\n", errors)!;
        var store = new MemoryStore();
        var bay1 = new StillMagnetometer();
        var clock = new SimulatedClock(new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc));
        var node = new NodeRuntime(config, new NodeHardware { Magnetometers = new IMagnetometer[] { new StillMagnetometer(), bay1 } }, clock, store, new RecordingLink(), null);
        clock.RunUntil(node.Scheduler, 30_000);
        bay1.ZUt -= 30f;
        clock.RunUntil(node.Scheduler, 15 * 60_000);

        var rebootClock = new SimulatedClock(clock.StartUtc.AddMinutes(16));
        var link = new RecordingLink();
        var rebooted = new NodeRuntime(config, new NodeHardware { Magnetometers = new IMagnetometer[] { new StillMagnetometer(), bay1 } }, rebootClock, store, link, null);
        rebootClock.RunUntil(rebooted.Scheduler, 10_000);

        Assert.AreEqual(ParkingBayState.Free, rebooted.Parking.GetDetector(0).State);
        Assert.AreEqual(ParkingBayState.Occupied, rebooted.Parking.GetDetector(1).State, "not learned as the empty bay");
        var states = link.On(rebooted.Topics.Events).Select(frame =>
        {
            EventFrame.Decode(frame, 0, frame.Length, out _, out _, out int length);
            int bay = ParkingEvents.DecodeBayStateChanged(frame, EventFrame.HeaderLength, length, out var state, out _, out _, out _);
            return (bay, state);
        }).ToList();
        CollectionAssert.AreEquivalent(new[] { (0, ParkingBayState.Free), (1, ParkingBayState.Occupied) }, states, "each bay announces its state once");
    }

    private sealed class StillMagnetometer : IMagnetometer
    {
        private int _n;

        public float ZUt { get; set; } = -44f;

        public FaultReason LastFault => FaultReason.None;

        public float FullScaleUt => 800f;

        public bool TryRead(MagneticSample sample)
        {
            float wobble = ++_n % 2 == 0 ? 0.1f : -0.1f;
            sample.XUt = 10f + wobble;
            sample.YUt = 18f - wobble;
            sample.ZUt = ZUt;
            return true;
        }
    }

}
