using CityEdge.Health;
using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Parking;

[TestClass]
public sealed class BayRowTests
{
    private static readonly float[] Empty = [20f, 0f, -44f];

    [TestMethod]
    public void ACarParkingNextDoorWithdrawsTheSmallStepItMadeHereAndBothChangesAreListed()
    {
        // Bay 0 sees the car pulling into bay 1 as a 4 µT step (over the occupy threshold, under the
        // crosstalk limit and under half of bay 1's 40 µT step): bay 0 is occupied for a moment, then
        // bay 1's arrival withdraws it in the same feed.
        var row = new BayRow(2, new BayDetectorSettings());
        long now = 0;
        for (int s = 0; s < 20; s++)
        {
            now += 1000;
            row.Update(0, now, Empty[0], Empty[1], Empty[2]);
            row.Update(1, now, Empty[0], Empty[1], Empty[2]);
        }

        Assert.AreEqual(ParkingBayState.Free, row.GetDetector(0).State);
        Assert.AreEqual(ParkingBayState.Free, row.GetDetector(1).State);

        bool bay0Occupied = false;
        int withdrawn = 0;
        for (int s = 0; s < 5 && withdrawn == 0; s++)
        {
            now += 1000;
            bay0Occupied |= row.Update(0, now, Empty[0], Empty[1], Empty[2] + 4f) == 1;
            int changed = row.Update(1, now, Empty[0], Empty[1], Empty[2] + 40f);
            if (changed == 2)
            {
                Assert.AreEqual(1, row.GetChangedBay(0), "the bay fed comes first");
                Assert.AreEqual(0, row.GetChangedBay(1));
                withdrawn = changed;
            }
        }

        Assert.IsTrue(bay0Occupied, "bay 0 decided its step before bay 1 decided");
        Assert.AreEqual(2, withdrawn);
        Assert.AreEqual(ParkingBayState.Occupied, row.GetDetector(1).State);
        Assert.AreEqual(ParkingBayState.Free, row.GetDetector(0).State);
    }

    [TestMethod]
    public void EachBayIsToldHowFarItsNeighboursFieldsStandFromTheLevelsTheirStatesExpect()
    {
        // Bay 1 free, its field 3 uT off its baseline (a van standing in the lane beside it, too weak to count);
        // bay 2 occupied by a car, its field 2 uT off the occupied level. Bay 0 hears of bay 1, bay 1 of bay 2.
        var row = new BayRow(3, new BayDetectorSettings());
        long now = 0;
        for (int s = 0; s < 60; s++)
        {
            now += 1000;
            row.Update(0, now, Empty[0], Empty[1], Empty[2]);
            row.Update(1, now, Empty[0], Empty[1], Empty[2]);
            row.Update(2, now, Empty[0], Empty[1], Empty[2] + (s < 20 ? 0f : 30f));
        }

        Assert.AreEqual(ParkingBayState.Occupied, row.GetDetector(2).State);
        for (int s = 0; s < 2; s++)
        {
            now += 1000;
            row.Update(1, now, Empty[0], Empty[1] + 3f, Empty[2]);
            row.Update(2, now, Empty[0], Empty[1] + 2f, Empty[2] + 30f);
            row.Update(0, now, Empty[0], Empty[1], Empty[2]);
        }

        Assert.AreEqual(3f, row.GetDetector(0).NeighbourDisplacementUt, 0.1f);
        row.Update(1, now + 1000, Empty[0], Empty[1] + 3f, Empty[2]);
        Assert.AreEqual(2f, row.GetDetector(1).NeighbourDisplacementUt, 0.1f, "bay 0 stands at its baseline, bay 2 2 uT off its car's level");
        Assert.AreEqual(ParkingBayState.Free, row.GetDetector(1).State);
    }

    [TestMethod]
    public void ABayNeverFedIsNoUnknownNeighbourButAFailingOneIs()
    {
        // A replay file may number its bays sparsely: a bay with no rows is not part of the row, so it
        // must not stop its neighbour's slow test for weak vehicles; a bay whose sensor fails does.
        var sparse = new BayRow(3, new BayDetectorSettings());
        var failing = new BayRow(3, new BayDetectorSettings());
        long now = 0;
        for (int s = 0; s < 60; s++)
        {
            now += 1000;
            sparse.Update(1, now, Empty[0], Empty[1], Empty[2]);
            failing.Fail(0, now, FaultReason.NotResponding);
            failing.Update(1, now, Empty[0], Empty[1], Empty[2]);
        }

        Assert.IsFalse(sparse.GetDetector(1).NeighbourUnknown);
        Assert.AreEqual(ParkingBayState.Unknown, failing.GetDetector(0).State);
        Assert.IsTrue(failing.GetDetector(1).NeighbourUnknown);
    }
}
