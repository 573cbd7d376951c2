using System.Text.Json;
using CityEdge.Cli;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using CityEdge.Host.Tests.Cli;

namespace CityEdge.Host.Tests.Lighting;

[TestClass]
public sealed class LightingCommandTests
{

    [TestMethod]
    public async Task AstroPrintsUtcEventsAsJson()
    {
        var (code, output, _) = await CliRun.RunAsync("astro", "--lat", "37.35", "--lon", "-121.95", "--date", "2024-01-28", "--format", "json");
        Assert.AreEqual(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        // NOAA: sunrise 07:14 PST = 15:14Z (see SolarCalculatorTests for the source).
        var sunrise = DateTime.Parse(json.RootElement.GetProperty("sunrise_utc").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.AreEqual(0, (sunrise - new DateTime(2024, 1, 28, 15, 14, 0)).TotalMinutes, 2.0);
        StringAssert.EndsWith(json.RootElement.GetProperty("civil_dusk_utc").GetString(), "Z");
    }

    [TestMethod]
    public async Task AstroPrintsNullOnAPolarNight()
    {
        var (code, output, _) = await CliRun.RunAsync("astro", "--lat", "69.65", "--lon", "18.96", "--date", "2024-12-21", "--format", "json");
        Assert.AreEqual(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(JsonValueKind.Null, json.RootElement.GetProperty("sunrise_utc").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, json.RootElement.GetProperty("sunset_utc").ValueKind);
        Assert.AreEqual("always_below", json.RootElement.GetProperty("sun").GetString());
        Assert.AreEqual(JsonValueKind.String, json.RootElement.GetProperty("civil_dawn_utc").ValueKind);
    }

    [TestMethod]
    public async Task AstroRejectsABadLatitude()
    {
        var (code, _, error) = await CliRun.RunAsync("astro", "--lat", "95", "--lon", "0", "--date", "2024-12-21");
        Assert.AreNotEqual(ExitCodes.Ok, code);
        StringAssert.Contains(error, "--lat");
    }

    [TestMethod]
    public async Task ReplayLightingReportsTheNightAndWritesATimeline()
    {
        string timeline = Path.Combine(Path.GetTempPath(), $"cityedge-timeline-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, output, error) = await CliRun.RunAsync("replay", "lighting", "--lat", "52.37", "--lon", "4.90", "--date", "2026-11-23", "--utc-offset", "60",
                "--presence", Path.Combine(CityEdge.Tests.RepoFiles.Root, "tests", "data", "lighting", "residential-night.csv"), "--timeline", timeline, "--format", "json");
            Assert.AreEqual(ExitCodes.Ok, code, error);
            using var json = JsonDocument.Parse(output);
            JsonElement r = json.RootElement;
            Assert.AreEqual(27, r.GetProperty("profile").GetProperty("class_minimum_pct").GetDouble());
            Assert.AreEqual(0, r.GetProperty("under_lit_s").GetInt32());
            Assert.IsTrue(r.GetProperty("saving_vs_always_on_pct").GetDouble() >= 55);
            double energy = r.GetProperty("energy_wh").GetDouble();

            string[] lines = File.ReadAllLines(timeline);
            Assert.AreEqual("t_utc,level_pct,power_w", lines[0]);
            Assert.AreEqual("2026-11-23T15:37:51Z,40.0,", lines[1][..26], "switch-on at sunset at the evening level");
            double sum = lines.Skip(1).Sum(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.AreEqual(energy, sum / 3600, 0.1, "the timeline's watts add up to the reported energy");
        }
        finally
        {
            File.Delete(timeline);
        }
    }

    [TestMethod]
    public async Task ReplayNamesTheBadLineOfThePresenceFile()
    {
        string file = Path.Combine(Path.GetTempPath(), $"cityedge-presence-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "t_utc,source\n2026-11-23T20:00:00Z,car\n2026-11-23 21:00,pedestrian\n");
        try
        {
            var (code, _, error) = await CliRun.RunAsync("replay", "lighting", "--lat", "52.37", "--lon", "4.90", "--date", "2026-11-23", "--presence", file);
            Assert.AreEqual(ExitCodes.InvalidInput, code);
            StringAssert.Contains(error, "line 3");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    [DataRow(90.0, "always_above")]
    [DataRow(-90.0, "always_below")]
    public async Task AstroAtThePoleOnTheJuneSolstice(double latitude, string expected)
    {
        var (code, output, error) = await CliRun.RunAsync("astro", "--lat", latitude.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lon", "0", "--date", "2026-06-21", "--format", "json");
        Assert.AreEqual(ExitCodes.Ok, code, error);
        Assert.AreEqual(expected, JsonDocument.Parse(output).RootElement.GetProperty("sun").GetString());
    }

    /// <summary>Tromsø on the June solstice: the sun never sets, the lamp never lights (issue 18, item 9).</summary>
    [TestMethod]
    [DataRow("json")]
    [DataRow("table")]
    public async Task ReplayLightingOnAMidnightSunDateSaysThereIsNoNight(string format)
    {
        string presence = Path.Combine(Path.GetTempPath(), $"cityedge-presence-{Guid.NewGuid():N}.csv");
        string timeline = Path.Combine(Path.GetTempPath(), $"cityedge-timeline-{Guid.NewGuid():N}.csv");
        File.WriteAllText(presence, "t_utc,source\n2026-06-21T22:00:00Z,car\n");
        try
        {
            var (code, output, error) = await CliRun.RunAsync("replay", "lighting", "--lat", "69.65", "--lon", "18.96", "--date", "2026-06-21",
                "--presence", presence, "--timeline", timeline, "--format", format);

            Assert.AreEqual(ExitCodes.Ok, code, output + error);
            Assert.DoesNotContain("NaN", output);
            StringAssert.Contains(error, "the sun does not set");
            Assert.AreEqual("t_utc,level_pct,power_w", File.ReadAllText(timeline).Trim(), "no second of the night is lit");
            if (format == "json")
            {
                var r = JsonDocument.Parse(output).RootElement;
                Assert.AreEqual(0, r.GetProperty("energy_wh").GetDouble());
                Assert.AreEqual(0, r.GetProperty("always_on_wh").GetDouble());
                Assert.AreEqual(JsonValueKind.Null, r.GetProperty("saving_vs_always_on_pct").ValueKind, "no saving against nothing");
                Assert.AreEqual(r.GetProperty("lit_from_utc").GetString(), r.GetProperty("lit_until_utc").GetString());
            }
        }
        finally
        {
            File.Delete(presence);
            File.Delete(timeline);
        }
    }

    [TestMethod]
    public async Task ReplayLightingRefusesAPresenceFileOfAnotherNight()
    {
        var (code, output, error) = await CliRun.RunAsync("replay", "lighting", "--lat", "52.37", "--lon", "4.90", "--date", "2026-12-23",
            "--presence", Path.Combine(CityEdge.Tests.RepoFiles.Root, "tests", "data", "lighting", "residential-night.csv"));

        Assert.AreEqual(ExitCodes.InvalidInput, code, output);
        StringAssert.Contains(error, "--presence");
        StringAssert.Contains(error, "none of its 897 detections");
        StringAssert.Contains(error, "2026-11-23");
    }

    [TestMethod]
    public async Task ReplayRejectsAnInvalidSetting()
    {
        var (code, _, error) = await CliRun.RunAsync("replay", "lighting", "--lat", "52.37", "--lon", "4.90", "--date", "2026-11-23",
            "--presence", Path.Combine(CityEdge.Tests.RepoFiles.Root, "tests", "data", "lighting", "residential-night.csv"), "--set", "lighting.road_class=P1");
        Assert.AreEqual(ExitCodes.InvalidInput, code);
        StringAssert.Contains(error, "lighting.road_class");
    }
}
