using System.Text.Json;
using System.Text.RegularExpressions;
using CityEdge.Cli;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed partial class ProvisionCommandTests
{
    /// <summary>
    /// nanoff's options as its tool declares them (nanoframework/nanoFirmwareFlasher @ baccab8dd8309aa58af4c7287bb2f866292fb22d,
    /// nanoFirmwareFlasher.Tool/Options.cs; README.md "ESP32 usage examples" and "Deploy file to device storage"):
    /// true for an option that takes a value, false for a switch.
    /// </summary>
    private static readonly Dictionary<string, bool> NanoffOptions = new()
    {
        ["serialport"] = true, ["baud"] = true, ["target"] = true, ["platform"] = true, ["image"] = true, ["address"] = true,
        ["filedeployment"] = true, ["networkdeployment"] = true, ["clrfile"] = true, ["binfile"] = true, ["fwversion"] = true,
        ["update"] = false, ["deploy"] = false, ["masserase"] = false, ["reset"] = false, ["preview"] = false, ["nofitcheck"] = false,
        ["nobackupconfig"] = false, ["listports"] = false, ["listtargets"] = false, ["devicedetails"] = false,
    };

    /// <summary>ESP32 firmware names in nanoframework/nf-interpreter @ a3e8139a README.md, "Firmware for reference boards".</summary>
    private static readonly string[] PublishedTargets =
    [
        "ESP32_REV0", "ESP32_PSRAM_REV0", "ESP32_BLE_REV0", "ESP32_REV3", "ESP32_PSRAM_REV3", "ESP32_BLE_REV3", "ESP32_ETHERNET_KIT_1.2",
        "ESP32_OLIMEX", "ESP32_OLIMEX_WROVER", "ESP32_WT32_ETH01", "ESP32_WESP32", "ESP32_LILYGO", "ESP32_S3_QUAD", "ESP32_S3_OCTAL",
    ];

    [TestMethod]
    [DataRow("esp32-devkitc", "ESP32_REV0")]
    [DataRow("esp32-s3-devkitc-1", "ESP32_S3_OCTAL")]
    [DataRow("esp32-poe", "ESP32_OLIMEX")]
    public async Task DryRunPrintsNanoffLinesThatUseOnlyNanoffsDocumentedOptions(string board, string target)
    {
        using var folder = Node(board, out string config, out string key);
        var (exit, output, error) = await CliRun.RunAsync("provision", "--config", config, "--board", board, "--port", "COM5", "--key-file", key,
            "--dry-run", "--format", "json");

        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(output);
        string[] commands = json.RootElement.GetProperty("commands").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.AreEqual(3, commands.Length);
        foreach (string line in commands)
        {
            string[] tokens = Tokens(line);
            Assert.AreEqual("nanoff", tokens[0], line);
            for (int i = 1; i < tokens.Length; i++)
            {
                Assert.IsTrue(tokens[i].StartsWith("--", StringComparison.Ordinal), $"{line}: '{tokens[i]}' is not an option");
                Assert.IsTrue(NanoffOptions.TryGetValue(tokens[i][2..], out bool takesValue), $"{line}: nanoff has no {tokens[i]}");
                if (takesValue)
                {
                    Assert.IsTrue(i + 1 < tokens.Length && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal), $"{line}: {tokens[i]} needs a value");
                    i++;
                }
            }
        }

        // Firmware with the board's image (a published target), then the app, then the files (README's examples).
        CollectionAssert.AreEqual(new[] { "nanoff", "--update", "--target", target, "--serialport", "COM5", "--masserase" }, Tokens(commands[0]));
        CollectionAssert.Contains(PublishedTargets, target);
        StringAssert.StartsWith(commands[1], $"nanoff --target {target} --serialport COM5 --deploy --image ");
        Assert.AreEqual("nanoff --filedeployment " + json.RootElement.GetProperty("deploy_json").GetString(), commands[2].Replace("\"", string.Empty));
        Assert.IsFalse(File.Exists(json.RootElement.GetProperty("deploy_json").GetString()), "a dry run writes nothing");
    }

    [TestMethod]
    public async Task TheDeploymentJsonIsWhatNanoffReadsAndHoldsNoSecret()
    {
        using var folder = Node("esp32-devkitc", out string config, out string key);
        var (exit, output, error) = await CliRun.RunAsync("provision", "--config", config, "--board", "esp32-devkitc", "--port", "/dev/ttyUSB0", "--key-file", key);

        Assert.AreEqual(0, exit, error);
        string jsonPath = Path.Combine(folder.Path, "deploy-lp-0042.json");
        string text = File.ReadAllText(jsonPath);

        // nanoff reads it with System.Text.Json, case-insensitively, into FileDeploymentConfiguration { SerialPort, Files[] { DestinationFilePath, SourceFilePath } }.
        var deployment = JsonSerializer.Deserialize<FileDeploymentConfiguration>(text, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.AreEqual("/dev/ttyUSB0", deployment.SerialPort);
        CollectionAssert.AreEqual(new[] { "I:\\cityedge.conf", "I:\\board.board", "I:\\command.key", "I:\\ca.pem" },
            deployment.Files.Select(f => f.DestinationFilePath).ToArray());
        Assert.IsTrue(deployment.Files.All(f => File.Exists(f.SourceFilePath)), text);
        Assert.AreEqual(32, File.ReadAllBytes(deployment.Files[2].SourceFilePath).Length, "the node reads the key as 32 raw bytes");
        if (!OperatingSystem.IsWindows())
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(deployment.Files[2].SourceFilePath));
        }

        foreach (string secret in new[] { "hunter2-broker", "hunter2-wifi", File.ReadAllText(key).Trim() })
        {
            Assert.IsFalse(output.Contains(secret, StringComparison.OrdinalIgnoreCase) || error.Contains(secret, StringComparison.OrdinalIgnoreCase)
                || text.Contains(secret, StringComparison.OrdinalIgnoreCase), "a secret reached the output or the JSON");
        }
    }

    [TestMethod]
    public async Task AConfigTheNodeWouldRefuseIsNotProvisioned()
    {
        using var folder = Node("esp32-poe", out string config, out _);
        File.Delete(Path.Combine(folder.Path, "ca.pem"));
        var (exit, output, error) = await CliRun.RunAsync("provision", "--config", config, "--board", "esp32-poe", "--port", "COM5");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "mqtt.tls: true, but ca.pem is missing");
        Assert.IsFalse(output.Contains("nanoff") || output.Contains("Wrote"), output);
        CollectionAssert.AreEquivalent(new[] { "cityedge.conf", "lp-0042.key" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName).ToArray(), "nothing written");

        (exit, _, error) = await CliRun.RunAsync("provision", "--config", config, "--board", "esp32-poe", "--port", "COM5 --masserase");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--port: 'COM5 --masserase' is not a serial port name");
    }

    [TestMethod]
    public async Task ANodeInServiceGetsTheSignedSetConfigLineWhichTheCommandAccepts()
    {
        using var folder = Node("esp32-devkitc", out string config, out string key);
        var (exit, output, error) = await CliRun.RunAsync("provision", "--config", config, "--board", "esp32-devkitc", "--port", "COM5", "--key-file", key,
            "--network", "mqtt.city.example:8883", "--format", "json");

        Assert.AreEqual(0, exit, error);
        using var json = JsonDocument.Parse(output);
        string line = json.RootElement.GetProperty("commands")[0].GetString()!;
        StringAssert.StartsWith(line, "cityedge command lp-0042 set-config ");
        var parse = CityEdgeCli.Build(CliConsole.ForTest(new StringWriter(), new StringWriter())).Parse(Tokens(line)[1..]);
        Assert.AreEqual(0, parse.Errors.Count, string.Join("; ", parse.Errors.Select(e => e.Message)));
    }

    private static TempFolder Node(string board, out string config, out string key)
    {
        var folder = new TempFolder();
        folder.Write("ca.pem", TempFolder.CaPem());
        key = folder.Write("lp-0042.key", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
        config = folder.Write("cityedge.conf", "node.id = lp-0042\nmqtt.host = mqtt.city.example\nmqtt.port = 8883\nmqtt.tls = true\nmqtt.password = hunter2-broker\n"
            + (board == "esp32-poe" ? string.Empty : "wifi.ssid = CityIoT\nwifi.password = hunter2-wifi\n"));
        return folder;
    }

    /// <summary>A command line split as a shell would: spaces separate, double quotes group.</summary>
    private static string[] Tokens(string line) => TokenPattern().Matches(line).Select(m => m.Value.Trim('"')).ToArray();

    [GeneratedRegex("\"[^\"]*\"|\\S+")]
    private static partial Regex TokenPattern();

    private sealed class FileDeploymentConfiguration
    {
        public string SerialPort { get; set; } = string.Empty;

        public List<DeploymentFile> Files { get; set; } = [];
    }

    private sealed class DeploymentFile
    {
        public string DestinationFilePath { get; set; } = string.Empty;

        public string SourceFilePath { get; set; } = string.Empty;
    }
}
