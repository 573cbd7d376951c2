using System.Globalization;
using System.Text;
using System.Text.Json;
using CityEdge.Cli;
using CityEdge.Host.Parking;
using CityEdge.Host.Simulation;
using CityEdge.Telemetry;
using Cause = CityEdge.Parking.BayChangeCause;
using CityEdge.Host.Tests.Cli;

namespace CityEdge.Host.Tests.Parking;

[TestClass]
public sealed class ReplayParkingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ReplayPrintsOneJsonObjectPerStateChangeAndScoresAgainstTheTruth()
    {
        // Bay 0: empty 30 s, a car (z -25 µT) from t = 30 to 90, empty again. Bay 1 stays empty.
        var csv = new StringBuilder("t,bay,x_ut,y_ut,z_ut\n");
        for (int t = 0; t < 150; t++)
        {
            double wobble = t % 2 == 0 ? 0.2 : -0.2;
            double z = t >= 30 && t < 90 ? -69 : -44;
            csv.Append(CultureInfo.InvariantCulture, $"{t},0,{20 + wobble},{wobble},{z}\n");
            csv.Append(CultureInfo.InvariantCulture, $"{t},1,{-5 - wobble},{12 + wobble},-41\n");
        }

        string readings = Write("readings.csv", csv.ToString());
        string truth = Write("truth.csv", "t,bay,occupied\n30,0,1\n90,0,0\n");
        var (code, output, error) = await CliRun.RunAsync("replay", "parking", readings, "--truth", truth, "--format", "json");

        Assert.AreEqual(ExitCodes.Ok, code, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var bay0 = lines.Where(l => l.TryGetProperty("bay", out var b) && b.GetInt32() == 0).Select(l => (l.GetProperty("t").GetDouble(), l.GetProperty("state").GetString())).ToList();
        // Free once the baseline is learned (10th reading), occupied 1 s after the first settled reading
        // (t = 31), free 1 s after the field dropped (t = 90).
        CollectionAssert.AreEqual(new[] { (9.0, "free"), (32.0, "occupied"), (91.0, "free") }, bay0);

        var summary = lines.Last();
        Assert.AreEqual("summary", summary.GetProperty("kind").GetString());
        Assert.AreEqual(2, summary.GetProperty("true_changes").GetInt32());
        Assert.AreEqual(0, summary.GetProperty("false_events").GetInt32());
        // Latencies: arrival 32 - 30 = 2 s, departure 91 - 90 = 1 s; nearest-rank median of [1, 2] is 1.
        Assert.AreEqual(1.0, summary.GetProperty("latency_median_s").GetDouble());
        // Scored: bay 0 150 s minus 5 s after each of its 2 true changes = 140, bay 1 (never in the truth:
        // free all along) 150. Wrong: t = 0..8 of each bay, unknown while the baseline is learned.
        Assert.AreEqual(290, summary.GetProperty("scored_s").GetInt32());
        Assert.AreEqual(18, summary.GetProperty("unknown_s").GetInt32());
        Assert.AreEqual(Math.Round(100.0 * 272 / 290, 3), summary.GetProperty("accuracy_pct").GetDouble());
    }

    [TestMethod]
    public async Task BadCsvNamesTheLineAndColumn()
    {
        string readings = Write("bad.csv", "t,bay,x_ut,y_ut,z_ut\n0,0,1,2,3\n1,0,1,two,3\n");

        var (code, _, error) = await CliRun.RunAsync("replay", "parking", readings);

        Assert.AreEqual(ExitCodes.InvalidInput, code);
        StringAssert.Contains(error, "bad.csv:3");
        StringAssert.Contains(error, "column 'y_ut'");
        StringAssert.Contains(error, "'two' is not a number");
    }

    [TestMethod]
    public async Task TimeGoingBackWithinABayIsRejected()
    {
        string readings = Write("back.csv", "t,bay,x_ut,y_ut,z_ut\n5,0,1,2,3\n5,1,1,2,3\n4,0,1,2,3\n");

        var (code, _, error) = await CliRun.RunAsync("replay", "parking", readings);

        Assert.AreEqual(ExitCodes.InvalidInput, code);
        StringAssert.Contains(error, "back.csv:4");
        StringAssert.Contains(error, "column 't'");
    }

    /// <summary>Issue 18, item 12: input the replay used to take without a word.</summary>
    [TestMethod]
    [DataRow("readings", "t,bay,x_ut,y_ut,z_ut\n", "no-rows.csv:1", "no readings after the header")]
    [DataRow("readings", "t,bay,x_ut,y_ut,z_ut\n0,16,1,2,3\n", "bay16.csv:2", "'16' is not a bay number 0..15")]
    [DataRow("truth", "t,bay,occupied\n30,0,1\n20,0,0\n", "backwards.csv:3", "20 s is not after bay 0's previous change at 30 s")]
    [DataRow("truth", "t,bay,occupied\n30,16,1\n", "truth16.csv:2", "'16' is not a bay number 0..15")]
    [DataRow("readings", "t,bay,x_ut,y_ut,z_ut\n3.3e280,0,1,2,3\n5,0,1,2,3\n", "huge-time.csv:3", "5 s is not after bay 0's previous reading at 3.3E+280 s")]
    public async Task InputTheReplayMustRefuse(string which, string text, string where, string expected)
    {
        string good = Write("good.csv", "t,bay,x_ut,y_ut,z_ut\n0,0,1,2,3\n");
        string name = where.Split(':')[0];
        string bad = Write(name, text);
        string[] args = which == "readings" ? ["replay", "parking", bad] : ["replay", "parking", good, "--truth", bad];

        var (code, output, error) = await CliRun.RunAsync(args);

        Assert.AreEqual(ExitCodes.InvalidInput, code, output);
        StringAssert.Contains(error, where);
        StringAssert.Contains(error, expected);
    }

    /// <summary>A megabyte without a line break (a binary file given by mistake) is refused at its line, quoted briefly.</summary>
    [TestMethod]
    public async Task AHugeLineIsRefusedWithAShortExcerpt()
    {
        string bad = Write("binary.csv", "t,bay,x_ut,y_ut,z_ut\n0,0,1,2," + new string('\u0001', 1_000_000));

        var (code, _, error) = await CliRun.RunAsync("replay", "parking", bad);

        Assert.AreEqual(ExitCodes.InvalidInput, code);
        StringAssert.Contains(error, "binary.csv:2");
        Assert.IsLessThan(400, error.Length, error);
    }

    [TestMethod]
    public void MetricsFollowTheirDefinitionOnAHandMadeDay()
    {
        // One bay, 1000 s. Truth: occupied 100..400. Detector: occupied at 103, free at 402, then a false
        // occupied at 600 and free at 620.
        var truth = new List<TruthChange> { new(0, 0, false, null), new(100, 0, true, VehicleKind.SmallCar), new(400, 0, false, VehicleKind.SmallCar) };
        var detected = new List<DetectedChange>
        {
            new(10, 0, ParkingBayState.Free, 10, Cause.Recalibration),
            new(103, 0, ParkingBayState.Occupied, 102, Cause.Detection),
            new(402, 0, ParkingBayState.Free, 401, Cause.Detection),
            new(600, 0, ParkingBayState.Occupied, 599, Cause.Detection),
            new(620, 0, ParkingBayState.Free, 619, Cause.Detection),
        };

        var f = ParkingMetrics.Compute(truth, detected, [(0, 0.0, 1000.0)]);

        // Scored seconds: 0..1000 minus 5 s after each of the three truth entries (0, 100, 400) = 1001 - 15 = 986.
        // Wrong: 5..9 (unknown before the baseline, 5 s), 600..619 (false occupied, 20 s); 100..102 and 400..401 are in the ignored windows.
        Assert.AreEqual(986, f.ScoredSeconds);
        Assert.AreEqual(5, f.UnknownSeconds);
        Assert.AreEqual(986 - 5 - 20, f.CorrectSeconds);
        Assert.AreEqual(2, f.TrueChanges);
        Assert.AreEqual(3.0, f.ArrivalLatencyMedianS);
        Assert.AreEqual(2.0, f.DepartureLatencyMedianS);
        Assert.AreEqual(2, f.FalseEvents);
        Assert.AreEqual(2 / (1000 / 86400.0), f.FalseEventsPerBayDay, 1e-9);
    }

    [TestMethod]
    public void PoolingRunsAddsTheirSecondsAndTakesPercentilesOverAllLatencies()
    {
        // Run A: 1000 scored s, 990 correct, latencies 1, 2 (arrivals) and 3 (departure), 1 false event,
        // 1 bay-day. Run B: 3000 scored s, 2940 correct, latencies 4 and 10 (arrivals), 3 false events,
        // 2 bay-days. Pooled: (990 + 2940) / 4000 = 98.25 % (not the 98.5 % mean of 99 % and 98 %);
        // latencies 1, 2, 3, 4, 10: nearest-rank median 3, p95 10; 4 false events over 3 bay-days.
        var a = new ParkingFigures
        {
            Bays = 1, BayDays = 1, ScoredSeconds = 1000, CorrectSeconds = 990, TrueChanges = 3, DetectedInTime = 3,
            ArrivalLatenciesS = [1, 2], DepartureLatenciesS = [3], FalseEvents = 1,
            WrongSecondsByTruth = new Dictionary<string, long> { ["free"] = 10 },
        };
        var b = new ParkingFigures
        {
            Bays = 2, BayDays = 2, ScoredSeconds = 3000, CorrectSeconds = 2940, TrueChanges = 3, DetectedInTime = 2, Missed = 1,
            ArrivalLatenciesS = [4, 10], FalseEvents = 3,
            WrongSecondsByTruth = new Dictionary<string, long> { ["free"] = 20, ["motorbike"] = 40 },
            MissedByKind = new Dictionary<string, int> { ["motorbike"] = 1 },
        };

        var pooled = ParkingMetrics.Pool([a, b]);

        Assert.AreEqual(3, pooled.Bays);
        Assert.AreEqual(4000, pooled.ScoredSeconds);
        Assert.AreEqual(0.9825, pooled.Accuracy, 1e-12);
        Assert.AreEqual(3.0, pooled.LatencyMedianS);
        Assert.AreEqual(10.0, pooled.LatencyP95S);
        Assert.AreEqual(2.0, pooled.ArrivalLatencyMedianS, "arrivals 1, 2, 4, 10: nearest rank 2 of 4");
        Assert.AreEqual(4 / 3.0, pooled.FalseEventsPerBayDay, 1e-12);
        Assert.AreEqual(1, pooled.Missed);
        Assert.AreEqual(30, pooled.WrongSecondsByTruth["free"]);
        Assert.AreEqual(40, pooled.WrongSecondsByTruth["motorbike"]);
        Assert.AreEqual(1, pooled.MissedByKind["motorbike"]);
    }

    [TestMethod]
    public void SecondsOfASilentSensorAreCountedApartFromTheAccuracy()
    {
        // One bay, 1000 s, free throughout. The sensor gives no reading from 400 (its last valid reading)
        // to 600; the detector holds its state 30 s, is unknown from 430 and free again at 602.
        var truth = new List<TruthChange> { new(0, 0, false, null) };
        var detected = new List<DetectedChange>
        {
            new(10, 0, ParkingBayState.Free, 10, Cause.Recalibration),
            new(430, 0, ParkingBayState.Unknown, 430, Cause.SensorFault),
            new(602, 0, ParkingBayState.Free, 601, Cause.Detection),
        };

        var f = ParkingMetrics.Compute(truth, detected, [(0, 0.0, 1000.0)], [new SensorSilence(0, 400, 600)]);

        // Scored: 0..1000 minus 0..4 = 996. Silent: more than 30 s after 400 and before 600, 431..599 = 169 s,
        // all of them unknown. Unknown elsewhere: 5..9 (baseline) and 430, 600, 601 = 8 s.
        Assert.AreEqual(996, f.ScoredSeconds);
        Assert.AreEqual(169, f.SilentSeconds);
        Assert.AreEqual(169, f.SilentUnknownSeconds);
        Assert.AreEqual(169 + 8, f.UnknownSeconds);
        Assert.AreEqual((996.0 - 169 - 8) / (996 - 169), f.Accuracy, 1e-12);
        Assert.AreEqual((996.0 - 169 - 8) / 996, f.StrictAccuracy, 1e-12);
    }

    [TestMethod]
    public void ReplayFindsTheSilencesInTheReadings()
    {
        var replay = new BayReplay();
        for (int t = 0; t < 200; t++)
        {
            bool valid = t < 50 || (t >= 120 && t < 150);
            replay.Add(new MagnetometerRow(t, 0, valid, 20, 0, -44));
        }

        // Silent after the last valid reading at 49 until 120, and after 149 to the end (199).
        CollectionAssert.AreEqual(new[] { new SensorSilence(0, 49, 120), new SensorSilence(0, 149, 199) }, replay.Silences.ToArray());
    }

    private string Write(string name, string text)
    {
        string dir = Path.Combine(Path.GetTempPath(), "cityedge-parking-" + TestContext.TestName);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

}
