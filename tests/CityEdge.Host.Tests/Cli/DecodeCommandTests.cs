using System.Text.Json;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed class DecodeCommandTests
{
    private const string ReferenceFrame = "011f01026b042ac0086661279400803014123ac8044450007d";

    [TestMethod]
    public async Task DecodesTheReferenceFrameToJson()
    {
        var (exit, output, error) = await CliRun.RunAsync("decode", ReferenceFrame, "--format", "json");

        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.AreEqual(258, root.GetProperty("sequence").GetInt32());
        Assert.AreEqual("2026-11-23T12:00:00Z", root.GetProperty("timestamp").GetString());
        Assert.AreEqual(21.5, root.GetProperty("climate").GetProperty("temperature_c").GetDouble());
        Assert.AreEqual(48.5, root.GetProperty("climate").GetProperty("humidity_pct").GetDouble());
        Assert.AreEqual(1013.2, root.GetProperty("climate").GetProperty("pressure_hpa").GetDouble());
        Assert.AreEqual(12, root.GetProperty("particulates").GetProperty("pm2_5_ug_m3").GetInt32());
        Assert.AreEqual(58.3, root.GetProperty("noise").GetProperty("laeq_db").GetDouble());
        Assert.AreEqual(71.2, root.GetProperty("noise").GetProperty("lafmax_db").GetDouble());
        Assert.AreEqual(2, root.GetProperty("parking").GetProperty("occupied").GetInt32());
        Assert.AreEqual("occupied,free,occupied,free", string.Join(",", root.GetProperty("parking").GetProperty("bays").EnumerateArray().Select(b => b.GetString())));
        Assert.AreEqual(40.0, root.GetProperty("lamp").GetProperty("level_pct").GetDouble());
        Assert.AreEqual(12.5, root.GetProperty("lamp").GetProperty("energy_wh").GetDouble());
        Assert.IsFalse(root.TryGetProperty("health", out _));
    }

    [TestMethod]
    public async Task ShowsATableByDefaultAndAcceptsSeparators()
    {
        var (exit, output, _) = await CliRun.RunAsync("decode", "0x01:21:ff:ff:6b:49:bc:e8 fd21bb2692 0121");

        Assert.AreEqual(0, exit);
        StringAssert.Contains(output, "-7.35 °C");
        StringAssert.Contains(output, "particulates:not_responding");
    }

    [TestMethod]
    public async Task AMangledFrameExitsWithInvalidInputAndNamesTheOffset()
    {
        var (exit, output, error) = await CliRun.RunAsync("decode", ReferenceFrame[..^2]);

        Assert.AreEqual(2, exit);
        Assert.AreEqual("", output);
        StringAssert.Contains(error, "byte 24 (lamp.energy)");
    }

    [TestMethod]
    [DataRow("01zz", "character 'z' at position 3")]
    [DataRow("011", "3 digits")]
    public async Task BadHexIsExplained(string hex, string expected)
    {
        var (exit, _, error) = await CliRun.RunAsync("decode", hex);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, expected);
    }

    [TestMethod]
    public async Task ReadsRawBytesFromAFile()
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, Convert.FromHexString(ReferenceFrame));
            var (exit, output, _) = await CliRun.RunAsync("decode", "--file", path, "--format", "json");
            Assert.AreEqual(0, exit);
            StringAssert.Contains(output, "\"sequence\":258");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>docs/parking.md vector 1: bay 3 occupied by detection, 2 s ago, 23.4 µT, event 42 at 2026-03-02T08:15:00Z.</summary>
    [TestMethod]
    public async Task DecodesAParkingEventFrame()
    {
        var (exit, output, error) = await CliRun.RunAsync("decode", "01 01 00 2A 69 A5 47 04 07 03 01 00 00 02 00 EA", "--format", "json");

        Assert.AreEqual(0, exit, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.AreEqual("event", root.GetProperty("kind").GetString());
        Assert.AreEqual("bay_state_changed", root.GetProperty("event").GetString());
        Assert.AreEqual(1, root.GetProperty("event_type").GetInt32());
        Assert.AreEqual(42, root.GetProperty("sequence").GetInt32());
        Assert.AreEqual("2026-03-02T08:15:00Z", root.GetProperty("timestamp").GetString());
        var payload = root.GetProperty("payload");
        Assert.AreEqual(3, payload.GetProperty("bay").GetInt32());
        Assert.AreEqual("occupied", payload.GetProperty("state").GetString());
        Assert.AreEqual("detection", payload.GetProperty("cause").GetString());
        Assert.AreEqual(2, payload.GetProperty("age_s").GetInt32());
        Assert.AreEqual(23.4, payload.GetProperty("deviation_ut").GetDouble());
    }

    /// <summary>docs/lighting.md: lamp failure raised at 67 %, expected 27.37 W (274), measured 0.6 W, event 5 at 2026-11-24T01:00:00Z.</summary>
    [TestMethod]
    public async Task DecodesALampFaultEventAsATable()
    {
        var (exit, output, error) = await CliRun.RunAsync("decode", "01 10 0005 6B04E190 07 01018601120006");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "lamp_fault");
        StringAssert.Contains(output, "lamp fault lamp_failure raised at 67 %, expected 27.4 W, 0.6 W measured");
        StringAssert.Contains(output, "2026-11-24T01:00:00Z");
    }

    /// <summary>The bytes the issue tried: a type 1 event whose 2-byte payload is not a bay state change (7 bytes).</summary>
    [TestMethod]
    public async Task AFrameThatIsNeitherSaysWhatItIsNotAsEither()
    {
        var (exit, _, error) = await CliRun.RunAsync("decode", "010100106b042ac0020201");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "telemetry frame v1: byte 11 (climate.pressure)");
        StringAssert.Contains(error, "event frame v1: byte 11 (bay_state.length)");
    }

    [TestMethod]
    public async Task FrameKindCanBeForced()
    {
        var (exit, output, error) = await CliRun.RunAsync("decode", "01 01 00 2A 69 A5 47 04 07 03 01 00 00 02 00 EA", "--frame", "telemetry");

        Assert.AreEqual(2, exit, output);
        Assert.DoesNotContain("event frame", error);
    }

    /// <summary>A device file that never ends is read no further than the largest frame (issue 18, item 11).</summary>
    [TestMethod]
    public async Task AnEndlessFileIsNotReadToTheEnd()
    {
        var (exit, _, error) = await Task.Run(() => CliRun.RunAsync("decode", "--file", "/dev/zero")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "longer than any frame");
    }

    [TestMethod]
    public async Task NeitherOrBothInputsIsAnError()
    {
        Assert.AreEqual(2, (await CliRun.RunAsync("decode")).Exit);
        Assert.AreEqual(2, (await CliRun.RunAsync("decode", ReferenceFrame, "--file", "x.bin")).Exit);
    }
}
