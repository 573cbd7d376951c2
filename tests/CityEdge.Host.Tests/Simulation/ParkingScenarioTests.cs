using System.Security.Cryptography;
using CityEdge.Host.Simulation;

namespace CityEdge.Host.Tests.Simulation;

[TestClass]
public sealed class ParkingScenarioTests
{
    /// <summary>SHA-256 of every row's time, bay, validity and the bits of its three axes.</summary>
    private static string Hash(IEnumerable<MagnetometerRow> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[8];
        foreach (var row in rows)
        {
            foreach (double value in new[] { row.T, row.Bay, row.Valid ? 1 : 0, row.XUt, row.YUt, row.ZUt })
            {
                BitConverter.TryWriteBytes(buffer, BitConverter.DoubleToInt64Bits(value));
                sha.AppendData(buffer);
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [TestMethod]
    public void TheSideStreetEvaluationDataNeverChanges()
    {
        // The side street's seeds are the evaluation sets of docs/parking.md: their figures are only
        // comparable while the generator makes the same readings. Pinned with the generator of 814fbc4.
        var scenario = ParkingScenario.Generate(new ParkingScenarioOptions { Seed = 7, Bays = 4, Days = 0.5 });

        Assert.AreEqual("0571B0E1401C2599AA42D8CC24AC7311720980E76E7FCCE1A13B2E921458CD5C", Hash(scenario.Samples()));
    }

    [TestMethod]
    public void ABusyLanePassesHeavyVehiclesOneToThreeMetresFromTheSensorsBunchedAtRushHour()
    {
        var scenario = ParkingScenario.Generate(new ParkingScenarioOptions { Seed = 1003, Bays = 8, Days = 1, Street = ParkingStreet.BusyLane });
        var near = scenario.LanePasses.Where(p => p.NearLane).ToList();
        var heavy = near.Where(p => p.Kind is VehicleKind.Bus or VehicleKind.Lorry).ToList();

        Assert.IsTrue(scenario.LaneGapM is >= 1 and <= 3, $"gap {scenario.LaneGapM} m");
        Assert.IsTrue(heavy.Count is >= 150 and <= 450, $"{heavy.Count} heavy vehicles a day (200-400 drawn, Poisson spread)");
        double rushShare = heavy.Count(p => scenario.LocalHour(p.StartS) is (>= 7 and < 9) or (>= 16 and < 18)) / (double)heavy.Count;
        Assert.IsTrue(rushShare > 0.3, $"{rushShare:P0} of heavy vehicles in the 4 rush hours (1/6 if spread evenly)");
        Assert.IsTrue(near.Count(p => p.StoodBesideRowS > 0) > 100, "the light's queue reaches back along the bays");
        Assert.IsTrue(near.Where(p => p.StoodBesideRowS > 0).Max(p => p.StoodBesideRowS) > 30, "some stand there for a red phase");
        Assert.AreEqual(0, scenario.LanePasses.Count(p => !p.NearLane && p.StoodBesideRowS > 0), "the far lane does not queue here");
    }

    [TestMethod]
    public void APassingHeavyVehicleMovesABaySensorsFieldByAFewToAboutTwelveMicrotesla()
    {
        // Issue 16: a heavy vehicle 1-3 m from the sensor gives a pulse of a few to ~12 uT; a car far less.
        var scenario = ParkingScenario.Generate(new ParkingScenarioOptions { Seed = 1003, Bays = 8, Days = 0.25, Street = ParkingStreet.BusyLane });
        var heavy = scenario.LanePasses.Where(p => p.NearLane && p.Kind is VehicleKind.Bus or VehicleKind.Lorry).Select(scenario.PeakFieldUt).ToList();
        var cars = scenario.LanePasses.Where(p => p.NearLane && p.Kind == VehicleKind.PassingCar).Take(100).Select(scenario.PeakFieldUt).ToList();

        Assert.IsTrue(scenario.LaneGapM < 1.5, "this seed's lane is close: the strongest case");
        Assert.IsTrue(heavy.Min() > 3 && heavy.Max() < 20, $"heavy {heavy.Min():F1}-{heavy.Max():F1} uT");
        double median = heavy.Order().ElementAt(heavy.Count / 2);
        Assert.IsTrue(median is > 6 and < 14, $"heavy median {median:F1} uT");
        Assert.IsTrue(cars.Max() < 6, $"cars up to {cars.Max():F1} uT");
    }

    [TestMethod]
    public void ASideStreetHasNoBusyLane()
    {
        var scenario = ParkingScenario.Generate(new ParkingScenarioOptions { Seed = 7, Bays = 2, Days = 0.1 });

        Assert.AreEqual(0, scenario.LanePasses.Count);
    }
}
