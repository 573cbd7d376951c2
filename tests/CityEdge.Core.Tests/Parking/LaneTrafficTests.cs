using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Parking;

/// <summary>What the traffic driving past a bay teaches its detector, and how a busy lane 1-3 m away changes
/// what counts as an arrival or a departure (issue 16).</summary>
[TestClass]
public sealed class LaneTrafficTests
{
    private static readonly BayDetectorSettings Settings = new();

    private static readonly FieldVector Settled = new();

    private static FieldVector Vector(float xUt, float yUt, float zUt)
    {
        var v = new FieldVector();
        v.Set(xUt, yUt, zUt);
        return v;
    }

    /// <summary>Feeds one pulse: <paramref name="readings"/> unstable readings of <paramref name="peakUt"/> (along z
    /// unless <paramref name="peak"/> gives the excursion), then a stable one.</summary>
    private static long Pulse(LaneTraffic lane, long nowMs, float peakUt, int readings = 2, FieldVector? peak = null)
    {
        FieldVector excursion = peak ?? Vector(0f, 0f, peakUt);
        for (int i = 0; i < readings; i++)
        {
            nowMs += 1000;
            lane.Observe(nowMs, false, excursion);
        }

        nowMs += 1000;
        lane.Observe(nowMs, true, Settled);
        return nowMs;
    }

    private static long Quiet(LaneTraffic lane, long nowMs, int seconds)
    {
        for (int i = 0; i < seconds; i++)
        {
            nowMs += 1000;
            lane.Observe(nowMs, true, Settled);
        }

        return nowMs;
    }

    /// <summary>A busy lane (envelope 4 uT, 30 pulses an hour) whose pulses move the field here along +z, 20 degrees
    /// either way.</summary>
    private static LaneTraffic LaneAlongZ()
    {
        var lane = new LaneTraffic(Settings);
        long now = 0;
        for (int k = 0; k < 300; k++)
        {
            float sideways = k % 2 == 0 ? 1.4f : -1.4f; // 4 uT at 20 degrees off +z
            now = Pulse(lane, now, 4f, peak: Vector(sideways, 0f, 3.76f));
            now = Quiet(lane, now, 20);
        }

        lane.EnvelopeUt = 4f;
        lane.PulsesPerHour = 30f;
        return lane;
    }

    [TestMethod]
    public void TheEnvelopeSettlesWhereNineInTenPulsesPeakBelowIt()
    {
        // Peaks spread evenly over 0-10 uT (golden-ratio sequence): the 90th percentile is 9 uT.
        var lane = new LaneTraffic(Settings);
        long now = 0;
        for (int k = 0; k < 3000; k++)
        {
            now = Pulse(lane, now, 10f * (float)((k * 0.6180339887) % 1.0));
            now = Quiet(lane, now, 20);
        }

        Assert.AreEqual(9f, lane.EnvelopeUt, 0.3f);
    }

    [TestMethod]
    public void PulsesLongerThanAPassingVehicleAreNotCounted()
    {
        var lane = new LaneTraffic(Settings);
        long now = 0;
        for (int k = 0; k < 200; k++)
        {
            now = Pulse(lane, now, 8f, readings: LaneTraffic.PulseMaxMs / 1000 + 2);
            now = Quiet(lane, now, 20);
        }

        Assert.AreEqual(0f, lane.EnvelopeUt, "a vehicle standing for 12 s is not one driving past");
        Assert.AreEqual(0f, lane.PulsesPerHour);
    }

    [TestMethod]
    public void AnOddBusOrManoeuvreDoesNotMakeALaneBusyButHeavyTrafficDoes()
    {
        var lane = new LaneTraffic(Settings);
        long now = 0;
        for (int k = 0; k < 60; k++)
        {
            now = Pulse(lane, now, 6f);
            now = Quiet(lane, now, 597); // one every 10 minutes
        }

        Assert.IsTrue(lane.EnvelopeUt * LaneTraffic.EnvelopeShare >= Settings.OccupyUt, $"envelope {lane.EnvelopeUt}");
        Assert.AreEqual(6f, lane.PulsesPerHour, 0.5f);
        Assert.IsFalse(lane.IsBusy, "6 pulses an hour");

        for (int k = 0; k < 120; k++)
        {
            now = Pulse(lane, now, 6f);
            now = Quiet(lane, now, 57); // one a minute, for two hours
        }

        Assert.AreEqual(60f * (1 - Math.Exp(-2)) + (6f * Math.Exp(-2)), lane.PulsesPerHour, 2f, "an hour's exponential average");
        Assert.IsTrue(lane.IsBusy);
    }

    [TestMethod]
    public void BesideABusyLaneSmallStepsAndStepsANeighbourSharesAreLaneLike()
    {
        // No pulses' direction learned yet: the size of the step and the neighbours decide.
        var lane = new LaneTraffic(Settings) { EnvelopeUt = 4f, PulsesPerHour = 30f };

        Assert.IsFalse(lane.KnowsDirection);
        Assert.IsTrue(lane.IsLaneLikeArrival(Vector(6f, 0f, 0f), 6f, 0f, 0f), "up to 1.5 x the envelope");
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(6.5f, 0f, 0f), 6.5f, 0f, 0f));
        Assert.IsTrue(lane.IsLaneLikeArrival(Vector(12f, 0f, 0f), 12f, 3f, 0f), "a neighbour moved by a quarter of the step");
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(12f, 0f, 0f), 12f, 2.9f, 0f));
        Assert.IsTrue(lane.IsLaneLikeDeparture(Vector(6f, 0f, 0f), 6f, 0f));
        Assert.IsFalse(lane.IsLaneLikeDeparture(Vector(6.5f, 0f, 0f), 6.5f, 0f));

        lane.PulsesPerHour = 5f;
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(6f, 0f, 0f), 6f, 6f, 6f), "beside a quiet lane nothing is lane-like");
        Assert.IsFalse(lane.IsLaneLikeDeparture(Vector(6f, 0f, 0f), 6f, 6f));
    }

    [TestMethod]
    public void ThePulsesTeachWhichWayAVehicleInTheLaneMovesTheFieldHere()
    {
        LaneTraffic lane = LaneAlongZ();

        Assert.IsTrue(lane.KnowsDirection);
        Assert.AreEqual(0.94f, lane.PulseDirection.Z, 0.03f, "cos 20 degrees: the mean of unit vectors 20 degrees either side of +z");
        Assert.AreEqual(0f, lane.PulseDirection.X, 0.05f);

        // Pulses that point every which way (a lane too far off to show a pattern, or none) teach no direction.
        var scattered = new LaneTraffic(Settings);
        long now = 0;
        for (int k = 0; k < 300; k++)
        {
            float sign = k % 2 == 0 ? 1f : -1f;
            now = Pulse(scattered, now, 4f, peak: k % 3 == 0 ? Vector(4f * sign, 0f, 0f) : k % 3 == 1 ? Vector(0f, 4f * sign, 0f) : Vector(0f, 0f, 4f * sign));
            now = Quiet(scattered, now, 20);
        }

        Assert.IsFalse(scattered.KnowsDirection, $"direction {scattered.PulseDirection.Magnitude}");
    }

    [TestMethod]
    public void AStepWithinTheLanesReachThatPointsAwayFromItsPulsesIsNotTheLanesUnlessTheNeighboursStandOffToo()
    {
        LaneTraffic lane = LaneAlongZ();

        Assert.IsTrue(lane.IsLaneLikeArrival(Vector(0f, 0f, 5f), 5f, 0f, 0f), "along the pulses: a vehicle queueing beside the sensor");
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(0f, 0f, -5f), 5f, 0f, 0f), "against them: a motorbike over the sensor");
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(5f, 0f, 0f), 5f, 0f, 0f), "across them, less than half an envelope along");
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(8.5f, 0f, 3f), 9f, 3f, 0f), "two envelopes across, though a neighbour moved");
        Assert.IsTrue(lane.IsLaneLikeArrival(Vector(0f, 0f, -5f), 5f, 0f, 0.8f), "a neighbour's field stands 0.15 x the step off its level");
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(0f, 0f, -5f), 5f, 0f, 0.7f));
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(0f, 0f, -13f), 13f, 4f, 6f), "beyond three envelopes no displaced neighbour holds it");
    }

    [TestMethod]
    public void ALargerStepCloseToThePulsesAxisIsTheLanesWhereNoNeighbourCanTell()
    {
        // A lorry stopping 1 m from the sensor at the row's end: 2.25 envelopes, no neighbour on that side.
        LaneTraffic lane = LaneAlongZ();

        Assert.IsTrue(lane.IsLaneLikeArrival(Vector(0f, 2f, 8.8f), 9f, 0f, 0f), "along the axis, 2 uT across");
        Assert.IsTrue(lane.IsLaneLikeArrival(Vector(0f, 0f, -9f), 9f, 0f, 0f), "the other way along it: a queue moving up");
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(0f, 3.5f, 8.3f), 9f, 0f, 0f), "3.5 uT across");
        Assert.IsFalse(lane.IsLaneLikeArrival(Vector(0f, 0f, 12.5f), 12.5f, 0f, 0f), "beyond three envelopes");
    }

    [TestMethod]
    public void ADepartureStepFarAcrossTheLanesPulsesIsTheVehicleLeaving()
    {
        LaneTraffic lane = LaneAlongZ();

        Assert.IsTrue(lane.IsLaneLikeDeparture(Vector(0f, 0f, -5f), 5f, 0f), "against the pulses: a lorry cancelling the car's field");
        Assert.IsTrue(lane.IsLaneLikeDeparture(Vector(3.8f, 0f, -3.2f), 5f, 0f), "less than an envelope across");
        Assert.IsFalse(lane.IsLaneLikeDeparture(Vector(4.2f, 0f, -2.7f), 5f, 0f), "an envelope across");
        Assert.IsFalse(lane.IsLaneLikeDeparture(Vector(12f, 0f, 0f), 12f, 5f), "within reach by a standing neighbour, but across");
    }

    [TestMethod]
    public void TrafficThatMovesTheFieldByAWeakVehiclesWorthOftenHidesWeakSteps()
    {
        var lane = new LaneTraffic(Settings);
        long now = 0;
        for (int i = 0; i < 20000; i++)
        {
            now += 1000;
            lane.Observe(now, i % 10 != 0, i % 10 == 0 ? Vector(0f, 3f, 0f) : Settled); // one reading in ten 3 uT off
        }

        Assert.IsTrue(lane.HidesWeakSteps, $"busy {lane.BusyUt}");

        for (int i = 0; i < 20000; i++)
        {
            now += 1000;
            lane.Observe(now, i % 50 != 0, i % 50 == 0 ? Vector(0f, 3f, 0f) : Settled); // one in fifty
        }

        Assert.IsFalse(lane.HidesWeakSteps, $"busy {lane.BusyUt}");
    }

    /// <summary>An empty bay beside a busy lane whose traffic makes pulses of up to ~6 uT here.</summary>
    private static BayDetector BusyLaneBay(out BayTrace trace)
    {
        var detector = new BayDetector(new BayDetectorSettings());
        trace = new BayTrace(detector);
        Assert.AreEqual(ParkingBayState.Free, trace.Run(60));
        detector.Lane.EnvelopeUt = 4f;
        detector.Lane.PulsesPerHour = 30f;
        trace.Changes.Clear();
        return detector;
    }

    [TestMethod]
    public void ABusStandingInTheLaneBesideSeveralBaysIsNoArrival()
    {
        BusyLaneBay(out var trace);
        trace.Z += 9f; // the bus stands beside this sensor and the next one
        trace.NeighbourExcursion = 5f;
        Assert.AreEqual(ParkingBayState.Free, trace.Run(5));
        trace.NeighbourExcursion = 0f; // the neighbour's field has settled on the bus since
        Assert.AreEqual(ParkingBayState.Free, trace.Run(85));
        trace.Z -= 9f;

        Assert.AreEqual(ParkingBayState.Free, trace.Run(200));
        Assert.AreEqual(0, trace.Changes.Count);
    }

    [TestMethod]
    public void ACarParkingBesideABusyLaneIsSeenAsFastAsBesideAQuietOne()
    {
        BusyLaneBay(out var trace);
        trace.Z += 20f;

        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(3));
    }

    [TestMethod]
    public void AMotorbikeParkingBesideABusyLaneWhosePulsesPointTheOtherWayIsSeenInSeconds()
    {
        // The lane's vehicles, beside the sensor, move the field here one way; a motorbike over it, the other.
        foreach (bool learned in new[] { false, true })
        {
            var detector = new BayDetector(new BayDetectorSettings());
            var trace = new BayTrace(detector);
            trace.Run(60);
            if (learned)
            {
                for (int k = 0; k < 300; k++)
                {
                    trace.Z += 4f; // a lorry driving past
                    trace.Run(2);
                    trace.Z -= 4f;
                    trace.Run(20);
                }
            }

            detector.Lane.EnvelopeUt = 4f;
            detector.Lane.PulsesPerHour = 30f;
            Assert.AreEqual(learned, detector.Lane.KnowsDirection);
            trace.Changes.Clear();
            trace.Z += 5f; // a van queueing beside the sensor, along the lorries' direction: held either way
            Assert.AreEqual(ParkingBayState.Free, trace.Run(60), learned ? "direction learned" : "no direction");
            trace.Z -= 5f;
            trace.Run(60);

            trace.Z -= 5f;
            Assert.AreEqual(learned ? ParkingBayState.Occupied : ParkingBayState.Free, trace.Run(3), learned ? "direction learned" : "no direction: held");
        }
    }

    [TestMethod]
    public void AStepTheLaneCouldMakeCountsOnceItOutstoodAQueueFromWhenItBegan()
    {
        var detector = BusyLaneBay(out var trace);
        trace.Z += 5f; // a weak car, or a van queueing
        long startedMs = trace.NowMs + 2000;
        Assert.AreEqual(ParkingBayState.Free, trace.Run(60));
        trace.Y += 10f; // a lorry drives past: unsettled readings do not restart the hold
        trace.Run(1);
        trace.Y -= 10f;
        Assert.AreEqual(ParkingBayState.Free, trace.Run(55));
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(10));

        Assert.AreEqual(startedMs, detector.ChangedAtMs, "the change began when the step settled");
        Assert.IsTrue(trace.Changes[0].AtMs - startedMs <= new BayDetectorSettings().WeakHoldMs + 1000);
    }

    [TestMethod]
    public void TheSameStepBesideAQuietLaneIsAnArrivalAtOnce()
    {
        var detector = new BayDetector(new BayDetectorSettings());
        var trace = new BayTrace(detector);
        trace.Run(60);
        trace.Z += 5f;
        trace.NeighbourExcursion = 5f;

        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(3));
    }

    [TestMethod]
    public void ALorryStandingBesideAParkedCarThatCancelsItsFieldIsNoDeparture()
    {
        BusyLaneBay(out var trace);
        trace.Z += 8f;
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(300));

        trace.Z -= 8f; // the lorry's field cancels the car's here and reaches the next sensor
        trace.NeighbourExcursion = 4f;
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(3));
        trace.NeighbourExcursion = 0f;
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(60));
        trace.Z += 8f;

        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(300));
        Assert.AreEqual(1, trace.Changes.Count, "only the arrival");
    }

    [TestMethod]
    public void ALorryDrivingPastThatCancelsAParkedCarsFieldOnlyForAMomentDoesNotLeaveTheBayFree()
    {
        var detector = BusyLaneBay(out var trace);
        float emptyZ = detector.BaselineZUt;
        trace.Z += 15f;
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(300));

        foreach (float cancelUt in new[] { 15f, 9f })
        {
            trace.Z -= cancelUt; // a lorry 1 m away, beside the bay's end sensor (no neighbour to compare)
            trace.Run(1);
            trace.Z += cancelUt;
        }

        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(10), "the car is still there");
        Assert.AreEqual(emptyZ, detector.BaselineZUt, 0.3f, "the car's field did not become the empty bay's");
        Assert.AreEqual(3, trace.Changes.Count, "the arrival, the release and its withdrawal");

        foreach (float cancelUt in new[] { 15f, 9f })
        {
            trace.Z -= cancelUt; // the next lorry: for this car now only settled readings can make a departure
            trace.Run(1);
            trace.Z += cancelUt;
        }

        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(600));
        Assert.AreEqual(3, trace.Changes.Count, "no event for the next lorry");
        trace.Z -= 15f;
        Assert.AreEqual(ParkingBayState.Free, trace.Run(4), "its real departure");
        Assert.AreEqual(ParkingBayState.Free, trace.Run(600));
    }

    [TestMethod]
    public void ALorryQueueingBesideAParkedCarIsNotTakenForALargerVehicle()
    {
        // A lorry standing in the lane for a minute adds its field to the car's; were that taken for a larger vehicle
        // in the bay, the lorry pulling away (back to the car's own field) would read as the departure.
        BusyLaneBay(out var trace);
        trace.Z += 8f;
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(300));
        trace.Z += 12f;
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(60));
        trace.Z -= 12f;

        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(300));
        Assert.AreEqual(1, trace.Changes.Count, "only the arrival");
        trace.Z -= 8f;
        Assert.AreEqual(ParkingBayState.Free, trace.Run(4), "its real departure");
    }

    [TestMethod]
    public void ACarSteppingPastAWronglyHeldEmptyFieldIsNoDepartureAndItsLeavingHealsTheBay()
    {
        // The bay was taken for occupied by a step of 5 uT (a weak vehicle, unseen beside the busy lane, that left):
        // the empty field it holds is 5 uT off the real one. A car parking now moves the field 20 uT the other way,
        // past the held empty field and nearer to it than to the occupied level, but away from the baseline.
        var detector = BusyLaneBay(out var trace);
        trace.Z += 5f;
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(130));
        float realEmptyZ = trace.Z;
        trace.Z -= 20f;

        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(10), "the car is there");
        trace.Run(300); // its field, a vehicle's worth beyond the one held, becomes the one its departure must remove
        trace.Z += 20f;
        Assert.AreEqual(ParkingBayState.Free, trace.Run(4), "the car left");
        trace.Run(600);
        // Re-anchoring brings the baseline within half the release threshold of the field; drift tracking does the rest.
        Assert.AreEqual(realEmptyZ, detector.BaselineZUt, (Settings.ReleaseUt / 2f) + 0.1f, "the baseline found the real empty field");
    }

    [TestMethod]
    public void ACarDrivingAwayPastTheNextSensorIsADepartureAtOnce()
    {
        BusyLaneBay(out var trace);
        trace.Z += 20f;
        trace.Run(300);
        trace.Z -= 20f;
        trace.NeighbourExcursion = 8f; // it passes the next sensor on its way: moving, not standing
        trace.NeighbourSettled = false;

        Assert.AreEqual(ParkingBayState.Free, trace.Run(3));
    }

    [TestMethod]
    public void WhileTheTrafficHidesWeakStepsAWeakStepFromTheEmptyFieldCountsOnlyAfterTenMinutes()
    {
        var detector = BusyLaneBay(out var trace);
        detector.Lane.BusyUt = 5f; // rush hour 1 m from the lane; it sinks by ~0.001 uT a reading, still hiding at the end
        trace.Z += 2.5f; // a weak step: a motorbike, or a car queueing 1 m away

        Assert.AreEqual(ParkingBayState.Free, trace.Run(590), "a queue stands a minute or two, not ten");
        Assert.IsTrue(detector.Lane.HidesWeakSteps);
        Assert.AreEqual(ParkingBayState.Occupied, trace.Run(20), "a motorbike stands on");

        var quiet = new BayDetector(new BayDetectorSettings());
        var control = new BayTrace(quiet);
        control.Run(60);
        control.Z += 2.5f;
        Assert.AreEqual(ParkingBayState.Occupied, control.Run(130), "beside a quiet lane the slow test finds it after 2 minutes");

        // Traffic that hides weak steps at a bay that has not learned a busy lane (no heavy pulses): no weak test.
        var unlearned = new BayDetector(new BayDetectorSettings());
        var noisy = new BayTrace(unlearned);
        noisy.Run(60);
        unlearned.Lane.BusyUt = 5f;
        noisy.Z += 2.5f;
        Assert.AreEqual(ParkingBayState.Free, noisy.Run(900), "no lane learned");
    }

    [TestMethod]
    public void WhileTheTrafficHidesWeakStepsAStepFromAFieldOffTheEmptyOneIsNoArrival()
    {
        // The field stood 1.5 uT off the empty one for ten minutes (too weak to count: whatever stood there, the
        // traffic may have put it there); then it steps 3 uT the other way. Beside a quiet lane that is a weak
        // arrival; while the traffic hides weak steps the field it stepped from may have been a vehicle standing
        // in the lane, so only a step from the empty field counts.
        foreach (bool hidden in new[] { false, true })
        {
            BayDetector detector;
            BayTrace trace;
            if (hidden)
            {
                detector = BusyLaneBay(out trace);
                detector.Lane.BusyUt = 5f;
            }
            else
            {
                detector = new BayDetector(new BayDetectorSettings());
                trace = new BayTrace(detector);
                trace.Run(60);
            }

            trace.Z += 1.5f;
            Assert.AreEqual(ParkingBayState.Free, trace.Run(700));
            trace.Z -= 3f;
            trace.Run(700);

            Assert.AreEqual(hidden ? ParkingBayState.Free : ParkingBayState.Occupied, detector.State, hidden ? "hidden" : "quiet lane");
        }
    }

    [TestMethod]
    public void BesideABusyLaneANeighboursChangeDoesNotMoveTheEmptyFieldUnderAParkedCar()
    {
        // Beside a quiet lane a settled shift after the neighbour's change is that car's field and moves the
        // empty field too; beside a busy lane it may be a lorry standing in the lane, again and again in a long
        // stay: the baseline must not walk with it.
        foreach (bool busy in new[] { false, true })
        {
            var detector = new BayDetector(new BayDetectorSettings());
            var trace = new BayTrace(detector);
            trace.Run(60);
            float baselineY = detector.BaselineYUt;
            trace.Z += 20f;
            trace.Run(600);
            if (busy)
            {
                detector.Lane.EnvelopeUt = 4f;
                detector.Lane.PulsesPerHour = 30f;
            }

            trace.Y += 3f;
            trace.Run(2);
            detector.NeighbourChanged(trace.NowMs, 30f);
            trace.Run(60);

            float moved = detector.BaselineYUt - baselineY;
            Assert.IsTrue(busy ? Math.Abs(moved) < 0.3f : moved > 1.5f, $"{(busy ? "busy" : "quiet")} lane: the baseline moved by {moved} uT");
        }
    }

    [TestMethod]
    public void ABayOccupiedAllMorningStillLearnsItsLane()
    {
        var detector = new BayDetector(new BayDetectorSettings());
        var trace = new BayTrace(detector);
        trace.Run(60);
        trace.Z += 25f;
        trace.Run(60);
        for (int k = 0; k < 400; k++)
        {
            trace.Y += 6f; // a lorry driving past the parked car
            trace.Run(2);
            trace.Y -= 6f;
            trace.Run(20);
        }

        Assert.AreEqual(ParkingBayState.Occupied, detector.State);
        Assert.IsTrue(detector.Lane.IsBusy, $"envelope {detector.Lane.EnvelopeUt}, {detector.Lane.PulsesPerHour} an hour");
    }
}
