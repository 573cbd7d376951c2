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

    [TestMethod]
    public async Task NeitherOrBothInputsIsAnError()
    {
        Assert.AreEqual(2, (await CliRun.RunAsync("decode")).Exit);
        Assert.AreEqual(2, (await CliRun.RunAsync("decode", ReferenceFrame, "--file", "x.bin")).Exit);
    }
}
