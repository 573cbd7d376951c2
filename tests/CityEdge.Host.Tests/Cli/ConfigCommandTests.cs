using CityEdge.Tests;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed class ConfigCommandTests
{
    [TestMethod]
    public async Task TheKeyReferenceInTheDocsIsTheSchemaTheNodeChecks()
    {
        var (exit, table, _) = await CliRun.RunAsync("config", "keys");

        Assert.AreEqual(0, exit);
        StringAssert.Contains(table, "| `node.id` | identifier | 1 … 32 chars | *required* |");
        string doc = RepoFiles.Read("docs/configuration.md");
        StringAssert.Contains(doc, table, "docs/configuration.md is out of date: paste `cityedge config keys` into it");
    }

    [TestMethod]
    public async Task TheExampleConfigAndTheDevKitBoardPass()
    {
        string root = RepoFiles.Root;
        var (exit, output, error) = await CliRun.RunAsync("config", "check", Path.Combine(root, "docs/examples/cityedge.conf"),
            "--board", Path.Combine(root, "hardware/boards/esp32-devkitc.board"));

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "cityedge.conf: ok");
        StringAssert.Contains(output, "esp32-devkitc.board: ok");
    }

    [TestMethod]
    public async Task EveryProblemIsListedWithItsFileAndLine()
    {
        string config = Path.GetTempFileName();
        string board = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(config, "mqtt.port = 70000\ncolour = red\n");
            await File.WriteAllTextAsync(board, "board.name = x\nled.pin = 24\n");
            var (exit, _, error) = await CliRun.RunAsync("config", "check", config, "--board", board);

            Assert.AreEqual(2, exit);
            string c = Path.GetFileName(config);
            string b = Path.GetFileName(board);
            StringAssert.Contains(error, $"{c}: line 1: mqtt.port: 70000 is outside 1..65535");
            StringAssert.Contains(error, $"{c}: line 2: colour: unknown key");
            StringAssert.Contains(error, $"{c}: node.id: required key is missing");
            StringAssert.Contains(error, $"{b}: line 2: led.pin: GPIO 24 does not exist on an ESP32");
        }
        finally
        {
            File.Delete(config);
            File.Delete(board);
        }
    }
}
