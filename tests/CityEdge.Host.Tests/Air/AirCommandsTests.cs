using System.Text.Json;
using CityEdge.Cli;
using CityEdge.Host.Tests.Cli;

namespace CityEdge.Host.Tests.Air;

[TestClass]
public sealed class AirCommandsTests
{
    // PMS5003 data frames built by hand from the data manual V2.3 Appendix I layout (check code = 16-bit sum).
    private const string Frame1 = "42 4D 00 1C 00 05 00 08 00 0A 00 04 00 07 00 09 04 B0 01 5E 00 3C 00 08 00 02 00 01 00 00 02 30";
    private const string Frame2 = "42 4D 00 1C 00 06 00 09 00 0C 00 05 00 08 00 0B 05 14 01 68 00 3D 00 09 00 03 00 02 00 00 01 AB";

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));

    [TestMethod]
    public async Task Replay_air_prints_each_valid_frame_then_the_fault_summary()
    {
        byte[] good1 = Hex(Frame1);
        byte[] good2 = Hex(Frame2);
        byte[] badSum = (byte[])good1.Clone();
        badSum[9] ^= 0x04;
        byte[] badLength = (byte[])good2.Clone();
        badLength[3] = 30;
        byte[] capture = [0xAA, 0x55, 0x42, .. good1, .. badSum, .. badLength, .. good2];
        string path = Path.Combine(Path.GetTempPath(), $"pms-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, capture);
        try
        {
            var (exit, output, _) = await CliRun.RunAsync("replay", "air", path, "--format", "json");

            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.AreEqual(3, lines.Length, output);
            using var first = JsonDocument.Parse(lines[0]);
            Assert.AreEqual(4, first.RootElement.GetProperty("pm1_0_ug_m3").GetInt32());
            Assert.AreEqual(7, first.RootElement.GetProperty("pm2_5_ug_m3").GetInt32());
            Assert.AreEqual(9, first.RootElement.GetProperty("pm10_ug_m3").GetInt32());
            Assert.AreEqual(1200, first.RootElement.GetProperty("counts_0_3um").GetInt32());
            Assert.AreEqual(1, first.RootElement.GetProperty("counts_10um").GetInt32());
            using var second = JsonDocument.Parse(lines[1]);
            Assert.AreEqual(8, second.RootElement.GetProperty("pm2_5_ug_m3").GetInt32());
            using var summary = JsonDocument.Parse(lines[2]);
            Assert.AreEqual(2, summary.RootElement.GetProperty("frames_ok").GetInt32());
            Assert.AreEqual(1, summary.RootElement.GetProperty("checksum_errors").GetInt32());
            Assert.AreEqual(1, summary.RootElement.GetProperty("length_errors").GetInt32());
            Assert.AreEqual(3 + 32 + 32, summary.RootElement.GetProperty("bytes_skipped").GetInt32());
            Assert.AreEqual(ExitCodes.DataProblem, exit, "corrupt frames in the capture");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Replay_air_of_a_missing_file_is_invalid_input()
    {
        var (exit, _, error) = await CliRun.RunAsync("replay", "air", "/nonexistent/capture.bin");

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(error, "file: '/nonexistent/capture.bin' does not exist");
    }

    [TestMethod]
    public async Task Aqi_prints_index_category_dominant_and_sub_indices()
    {
        // HJ 633-2012: PM2.5 90 -> 100 + ceil(50*15/40) = 119; PM10 130 -> 50 + ceil(50*80/100) = 90.
        var (exit, output, _) = await CliRun.RunAsync("aqi", "--pm25", "90", "--pm10", "130", "--standard", "cn", "--format", "json");

        Assert.AreEqual(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(119, json.RootElement.GetProperty("aqi").GetInt32());
        Assert.AreEqual("Lightly Polluted", json.RootElement.GetProperty("category").GetString());
        Assert.AreEqual("pm2_5", json.RootElement.GetProperty("dominant").GetString());
        Assert.AreEqual(119, json.RootElement.GetProperty("pm2_5_sub_index").GetInt32());
        Assert.AreEqual(90, json.RootElement.GetProperty("pm10_sub_index").GetInt32());
    }

    [TestMethod]
    public async Task Aqi_us_uses_the_2024_pm2_5_table()
    {
        // 2024 table: (100-51)/(35.4-9.1)*(12.1-9.1)+51 = 56.59 -> 57 (the 2012 table, 12.1-35.4, gave 51).
        var (_, output, _) = await CliRun.RunAsync("aqi", "--pm25", "12.1", "--pm10", "10", "--format", "json");

        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(57, json.RootElement.GetProperty("aqi").GetInt32());
        Assert.AreEqual("Moderate", json.RootElement.GetProperty("category").GetString());
    }

    [TestMethod]
    public async Task Aqi_rejects_a_negative_concentration()
    {
        var (exit, _, error) = await CliRun.RunAsync("aqi", "--pm25", "-1", "--pm10", "3");

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(error, "--pm25");
    }
}
