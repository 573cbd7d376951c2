using System.Collections;
using CityEdge.Config;
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

        RunUntil(node, clock, 30_000);
        bay1.ZUt -= 30f;
        RunUntil(node, clock, 35_000);

        var events = link.Messages.Where(m => m.Topic == node.Topics.Events).ToList();
        Assert.AreEqual(3, events.Count, "two bays learned (free), then bay 1 occupied");
        byte[] frame = events[2].Payload;
        int type = EventFrame.Decode(frame, 0, frame.Length, out _, out uint timestamp, out int length);
        Assert.AreEqual(ParkingEvents.TypeBayStateChanged, type);
        int bay = ParkingEvents.DecodeBayStateChanged(frame, EventFrame.HeaderLength, length, out var state, out _, out int ageS, out int deviation);
        Assert.AreEqual((1, ParkingBayState.Occupied), (bay, state));
        Assert.AreEqual(1, ageS);
        Assert.AreEqual(300, deviation, 2);
        Assert.AreEqual((uint)(new DateTime(2026, 3, 2, 8, 0, 33, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds, timestamp, "sent at the decision, 1 s after the change began");
        Assert.IsFalse(link.Messages.Any(m => m.Topic == node.Topics.Telemetry), "no report yet: the event did not wait for it");

        RunUntil(node, clock, 60_000);
        var report = new TelemetryReport();
        byte[] telemetry = link.Messages.Last(m => m.Topic == node.Topics.Telemetry).Payload;
        TelemetryCodec.Decode(telemetry, 0, telemetry.Length, report);
        Assert.AreEqual(2, report.ParkingBayCount);
        Assert.AreEqual(ParkingBayState.Free, report.GetBayState(0));
        Assert.AreEqual(ParkingBayState.Occupied, report.GetBayState(1));
        Assert.AreEqual(0, report.HealthEntryCount);
    }

    private static void RunUntil(NodeRuntime node, SimulatedClock clock, long endMs)
    {
        while (node.Scheduler.NextDueMs <= endMs)
        {
            clock.AdvanceTo(Math.Max(node.Scheduler.NextDueMs, clock.MonotonicMs()));
            node.Scheduler.RunDue();
        }
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

    private sealed class RecordingLink : INetworkLink
    {
        public List<(string Topic, byte[] Payload)> Messages { get; } = [];

        public bool IsConnected => true;

        public event MessageReceivedHandler? MessageReceived
        {
            add { }
            remove { }
        }

        public bool Publish(string topic, byte[] payload, MessageQos qos, bool retain)
        {
            Messages.Add((topic, payload));
            return true;
        }

        public bool Subscribe(string topicFilter, MessageQos qos) => true;
    }
}
