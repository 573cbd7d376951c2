using System.Text.Json;
using CityEdge.Tests;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed class ConfigNewAndShowTests
{
    private static readonly string[] Boards = ["esp32-devkitc", "esp32-s3-devkitc-1", "esp32-poe"];
    private static readonly string[] Kits = ["air", "noise", "parking", "lighting", "air,noise,parking,lighting"];

    public static IEnumerable<object[]> BoardsAndKits => Boards.SelectMany(b => Kits.Select(k => new object[] { b, k }));

    [TestMethod]
    [DynamicData(nameof(BoardsAndKits))]
    public async Task WhatConfigNewWritesPassesConfigCheck(string board, string kit)
    {
        using var folder = new TempFolder();
        string ca = folder.Write("city-ca.pem", TempFolder.CaPem());
        string output = Path.Combine(folder.Path, "node");
        var (exit, _, error) = await CliRun.RunAsync("config", "new", "--board", board, "--kit", kit, "--node-id", "lp-0042", "--ca-file", ca, "--out", output);
        Assert.AreEqual(0, exit, error);

        (exit, var checkOutput, error) = await CliRun.RunAsync("config", "check", Path.Combine(output, "cityedge.conf"), "--board", Path.Combine(output, "board.board"));
        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(checkOutput, "cityedge.conf: ok");
        Assert.IsFalse(error.Split('\n').Any(l => l.Contains("warning") && !l.Contains("setup_button.pin")), "only the BOOT button's strapping warning: " + error);

        // The kit's parts are live in the board file, the others commented out.
        string boardText = File.ReadAllText(Path.Combine(output, "board.board"));
        Assert.AreEqual(kit.Contains("lighting"), boardText.Contains("\nlamp.pwm.pin = "), boardText);
        Assert.AreEqual(kit.Contains("air"), boardText.Contains("\npms5003.uart = "));
        Assert.AreEqual(kit.Contains("parking"), boardText.Contains("\nbay0.qmc5883l.bus = "));
        Assert.AreEqual(kit.Contains("noise"), boardText.Contains("\nsen0232.pin = "));
    }

    [TestMethod]
    public async Task ConfigNewRefusesToOverwriteAndNamesBadArguments()
    {
        using var folder = new TempFolder();
        string output = Path.Combine(folder.Path, "node");
        Assert.AreEqual(0, (await CliRun.RunAsync("config", "new", "--board", "esp32-devkitc", "--out", output)).Exit);

        var (exit, _, error) = await CliRun.RunAsync("config", "new", "--board", "esp32-devkitc", "--out", output);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "cityedge.conf, board.board already in");

        (exit, _, error) = await CliRun.RunAsync("config", "new", "--board", "esp32-devkit", "--out", output, "--force");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "'esp32-devkit' is neither a file nor a known board (esp32-devkitc, esp32-poe, esp32-s3-devkitc-1)");

        (exit, _, error) = await CliRun.RunAsync("config", "new", "--board", "esp32-poe", "--kit", "air,parkng", "--out", output, "--force");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--kit: 'parkng' is not one of air, noise, parking, lighting");

        (exit, _, error) = await CliRun.RunAsync("config", "new", "--board", "esp32-poe", "--node-id", "Lamp 7", "--out", output, "--force");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--node-id: character 'L' at position 1 is not one of a-z, 0-9, '-'");
    }

    [TestMethod]
    public async Task ConfigShowGivesTheWiringAndTheChangedSettingsButNoPassword()
    {
        using var folder = new TempFolder();
        folder.Write("ca.pem", TempFolder.CaPem());
        string config = folder.Write("cityedge.conf",
            "node.id = lp-7\nmqtt.host = mqtt.city.example\nmqtt.port = 8883\nmqtt.tls = true\nmqtt.password = hunter2-broker\nwifi.ssid = CityIoT\n"
            + "wifi.password = hunter2-wifi\nparking.bays = 2\n");
        var (exit, output, error) = await CliRun.RunAsync("config", "show", config, "--board", "esp32-devkitc");

        Assert.AreEqual(0, exit, error);
        Assert.IsFalse(output.Contains("hunter2") || error.Contains("hunter2"));
        string[] rows = output.Split('\n');
        Assert.IsTrue(rows.Any(r => Cells(r).SequenceEqual(["BME280", "SDA", "J3-6 \"IO21\"", "21", "I2C1", "0x76"])), output);
        Assert.IsTrue(rows.Any(r => Cells(r).SequenceEqual(["PMS5003", "5 TX", "J3-12 \"IO16\"", "16", "COM2 RX", ""])), output);
        Assert.IsTrue(rows.Any(r => Cells(r).SequenceEqual(["SEN0232", "A (blue)", "J2-3 \"VP\"", "36", "ADC1 channel 0", ""])), output);
        Assert.IsTrue(rows.Any(r => Cells(r).SequenceEqual(["Bay 1 HMC5883L", "SCL", "J3-8 \"IO19\"", "19", "I2C2", "0x1E"])), output);
        Assert.IsTrue(rows.Any(r => Cells(r).SequenceEqual(["mqtt.password", "(set)", "(empty)"])), output);
        Assert.IsTrue(rows.Any(r => Cells(r).SequenceEqual(["wifi.ssid", "CityIoT", "(empty)"])), output);
        Assert.IsFalse(rows.Any(r => Cells(r).FirstOrDefault() == "mqtt.port"), "8883 and TLS are the defaults, not changed settings");

        (exit, output, _) = await CliRun.RunAsync("config", "show", config, "--board", "esp32-poe", "--format", "json");
        Assert.AreEqual(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("ethernet", json.RootElement.GetProperty("network").GetString());
        var sda = json.RootElement.GetProperty("wiring").EnumerateArray().First(w => w.GetProperty("part").GetString() == "BME280" && w.GetProperty("part_pin").GetString() == "SDA");
        Assert.AreEqual(13, sda.GetProperty("gpio").GetInt32());
        Assert.AreEqual("UEXT-6 \"GPIO13\" (EXT2-10)", sda.GetProperty("board_pin").GetString());
    }

    /// <summary>The cells of a table row drawn with box characters.</summary>
    private static string[] Cells(string row) =>
        row.Split('│').Select(c => c.Trim()).Skip(1).SkipLast(1).ToArray();
}
