using CityEdge.Host.Simulation;
using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Parking;

/// <summary>A node that reboots under parked vehicles is right again from its first readings (issue 16:
/// within 10 s), because each bay's baseline and state were kept in flash.</summary>
[TestClass]
public sealed class ParkingRebootTests
{
    private sealed class Node(ScriptedMagnetometer[] sensors, MemoryStore? store)
    {
        public ParkingPipeline Pipeline { get; } = new(sensors, sensors.Length, new BayDetectorSettings(), new RecordingEventSink(), null, store);

        public long NowMs { get; private set; }

        public void RunFor(int seconds)
        {
            for (int i = 0; i < seconds; i++)
            {
                Pipeline.Run(NowMs += 1000);
            }
        }

        public ParkingBayState[] States => Enumerable.Range(0, sensors.Length).Select(b => Pipeline.GetDetector(b).State).ToArray();
    }

    /// <summary>Four bays: 0 stays empty, 1 gets a car, 2 a motorbike too weak for the occupy threshold (found by
    /// the slow test), 3 a car that leaves again. The node runs long enough to have saved.</summary>
    private static ScriptedMagnetometer[] StreetBeforeTheReboot(MemoryStore store)
    {
        var sensors = new[]
        {
            new ScriptedMagnetometer(),
            new ScriptedMagnetometer { XUt = -6f, YUt = 22f },
            new ScriptedMagnetometer { XUt = 3f, YUt = -15f, ZUt = -47f },
            new ScriptedMagnetometer { XUt = 20f, YUt = 5f, ZUt = -38f },
        };
        var node = new Node(sensors, store);
        node.RunFor(60);
        sensors[1].ZUt -= 24f;
        sensors[3].YUt += 15f;
        node.RunFor(60);
        sensors[2].XUt += 2.6f; // later than the car next door, or its change would explain this weak step
        node.RunFor(300);
        sensors[3].YUt -= 15f;
        node.RunFor(900);
        CollectionAssert.AreEqual(new[] { ParkingBayState.Free, ParkingBayState.Occupied, ParkingBayState.Occupied, ParkingBayState.Free }, node.States);
        return sensors;
    }

    [TestMethod]
    public void AfterARebootUnderParkedVehiclesEveryBayIsRightWithinTenSeconds()
    {
        var store = new MemoryStore();
        var sensors = StreetBeforeTheReboot(store);
        sensors[3].YUt += 15f; // a car came while the node was down

        var rebooted = new Node(sensors, store);
        rebooted.RunFor(10);

        CollectionAssert.AreEqual(new[] { ParkingBayState.Free, ParkingBayState.Occupied, ParkingBayState.Occupied, ParkingBayState.Occupied }, rebooted.States);
    }

    [TestMethod]
    public void WithoutTheSavedStatesTheParkedCarsWouldBeLearnedAsEmptyBays()
    {
        // The control: the same reboot with a node that keeps nothing takes every parked car for the empty field.
        var sensors = StreetBeforeTheReboot(new MemoryStore());
        var rebooted = new Node(sensors, null);
        rebooted.RunFor(10);

        CollectionAssert.AreEqual(new[] { ParkingBayState.Free, ParkingBayState.Free, ParkingBayState.Free, ParkingBayState.Free }, rebooted.States);
    }

    [TestMethod]
    public void VehiclesThatLeftDuringTheRebootAreGoneAndTheOnesStillThereLeaveAsBefore()
    {
        var store = new MemoryStore();
        var sensors = StreetBeforeTheReboot(store);
        sensors[2].XUt -= 2.6f; // the motorbike left while the node was down

        var rebooted = new Node(sensors, store);
        rebooted.RunFor(10);
        CollectionAssert.AreEqual(new[] { ParkingBayState.Free, ParkingBayState.Occupied, ParkingBayState.Free, ParkingBayState.Free }, rebooted.States);

        sensors[1].ZUt += 24f; // the car leaves after the reboot: its departure is seen as ever
        rebooted.RunFor(3);
        Assert.AreEqual(ParkingBayState.Free, rebooted.Pipeline.GetDetector(1).State);
    }

    [TestMethod]
    public void AWeakVehicleStillThereAfterTheRebootIsReleasedWhenItLeaves()
    {
        var store = new MemoryStore();
        var sensors = StreetBeforeTheReboot(store);
        var rebooted = new Node(sensors, store);
        rebooted.RunFor(60);
        sensors[2].XUt -= 2.6f;
        rebooted.RunFor(150);

        Assert.AreEqual(ParkingBayState.Free, rebooted.Pipeline.GetDetector(2).State, "a weak vehicle leaves after the weak hold, as before the reboot");
    }
}
