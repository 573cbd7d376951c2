using System.CommandLine;
using CityEdge.Cli;
using CityEdge.Host.Tests.Cli;
using CityEdge.Host.Tests.Noise;

namespace CityEdge.Host.Tests.Json;

/// <summary>
/// Every command's --format json output against its schema in docs/schemas (issue 18, item 14):
/// one object per line, each with its "kind", rounded to what it means. monitor, simulate and command
/// are checked where their network tests run (MonitorOutputTests, CommandAgainstSimulatorTests) and here.
/// </summary>
[TestClass]
public sealed class JsonOutputTests
{
    private static readonly string Night = Path.Combine(CityEdge.Tests.RepoFiles.Root, "tests", "data", "lighting", "residential-night.csv");

    [TestMethod]
    [DataRow("decode", "decode 011f01026b042ac0086661279400803014123ac8044450007d --format json")]
    [DataRow("decode", "decode 012101036b042ac008666127940421314151 --format json")]
    [DataRow("decode", "decode 010200076553f100408030140e08 --format json")]
    [DataRow("decode", "decode 014401025e0be10013d3153c4a792ca0b0 --format json")]
    [DataRow("decode", "decode 0101002A69A5470407030100000200EA --format json")]
    [DataRow("decode", "decode 011000056B04E1900701018601120006 --format json")]
    [DataRow("decode", "decode 012a00016b042ac000 --format json")]
    [DataRow("aqi", "aqi --pm25 90.04 --pm10 130 --standard cn --format json")]
    [DataRow("astro", "astro --lat 52.37 --lon 4.9 --date 2026-11-23 --format json")]
    [DataRow("astro", "astro --lat 69.65 --lon 18.96 --date 2026-06-21 --format json")]
    [DataRow("replay-lighting", "replay lighting --lat 52.37 --lon 4.90 --date 2026-11-23 --utc-offset 60 --presence NIGHT --format json")]
    [DataRow("bench-parking", "bench parking --bays 2 --days 0.2 --format json")]
    [DataRow("bench-parking", "bench parking --bays 2 --days 0.2 --count 2 --format json")]
    [DataRow("bench-noise", "bench noise --seconds 0.1 --format json")]
    [DataRow("bench-payload", "bench payload --report fitted --format json")]
    [DataRow("bench-alloc", "bench alloc --warmup 10m --duration 10m --format json")]
    [DataRow("simulate", "simulate --nodes 2 --duration 3m --speed 0 --format json --keys KEYS")]
    public async Task OutputMatchesTheCommandsSchema(string schema, string command)
    {
        string keys = Directory.CreateTempSubdirectory("cityedge-json-").FullName;
        try
        {
            string[] args = command.Replace("NIGHT", Night).Replace("KEYS", keys).Split(' ');
            var (exit, output, error) = await CliRun.RunAsync(args);

            Assert.AreEqual(ExitCodes.Ok, exit, error);
            CliSchemas.AssertValid(schema, output);
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    [TestMethod]
    public async Task ReplaysMatchTheirSchemas()
    {
        string folder = Directory.CreateTempSubdirectory("cityedge-json-").FullName;
        try
        {
            string wav = Path.Combine(folder, "tone.wav");
            File.WriteAllBytes(wav, TestWav.Build(16000, 16, 1, 1, TestWav.Sine(1000, 16000, 0.1, 2.5)));
            string air = Path.Combine(folder, "air.bin");
            File.WriteAllBytes(air, Convert.FromHexString("424D001C00050008000A00040007000904B0015E003C000800020001000002300042"));
            var bench = await CliRun.RunAsync("bench", "parking", "--bays", "2", "--days", "0.2", "--write", folder);
            Assert.AreEqual(ExitCodes.Ok, bench.Exit, bench.Err);
            string bad = Path.Combine(folder, "bad.conf");
            File.WriteAllText(bad, "node.id = N1\nreport.period_s = 5\n");
            string node = Path.Combine(folder, "node");
            string key = Path.Combine(folder, "node.key");
            File.WriteAllText(key, new string('a', 64));
            string ca = Path.Combine(folder, "ca.pem");
            using (var caKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
            {
                File.WriteAllText(ca, Link.MosquittoBroker.CreateCa("City CA", caKey).ExportCertificatePem());
            }

            CliSchemas.AssertValid("replay-noise", (await CliRun.RunAsync("replay", "noise", wav, "--interval", "1", "--format", "json")).Out);
            CliSchemas.AssertValid("replay-air", (await CliRun.RunAsync("replay", "air", air, "--format", "json")).Out);
            CliSchemas.AssertValid("replay-parking", (await CliRun.RunAsync("replay", "parking", Path.Combine(folder, "readings.csv"), "--truth", Path.Combine(folder, "truth.csv"), "--format", "json")).Out);
            var problems = await CliRun.RunAsync("config", "check", bad, "--format", "json");
            Assert.AreEqual(ExitCodes.InvalidInput, problems.Exit);
            CliSchemas.AssertValid("config-check", problems.Out);
            var created = await CliRun.RunAsync("config", "new", "--board", "esp32-devkitc", "--node-id", "lp-0042", "--ca-file", ca, "--out", node, "--format", "json");
            Assert.AreEqual(ExitCodes.Ok, created.Exit, created.Err);
            CliSchemas.AssertValid("config-new", created.Out);
            string config = Path.Combine(node, "cityedge.conf");
            CliSchemas.AssertValid("config-check", (await CliRun.RunAsync("config", "check", config, "--board", "esp32-devkitc", "--format", "json")).Out);
            CliSchemas.AssertValid("config-show", (await CliRun.RunAsync("config", "show", config, "--board", "esp32-devkitc", "--format", "json")).Out);
            var provision = await CliRun.RunAsync("provision", "--config", config, "--board", "esp32-devkitc", "--port", "COM5", "--key-file", key, "--dry-run", "--format", "json");
            CliSchemas.AssertValid("provision", provision.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task BridgeMatchesItsSchema()
    {
        await using var broker = await CityEdge.Host.Mqtt.EmbeddedBroker.StartAsync();
        var bridge = CliRun.RunAsync("bridge", "--broker", broker.Address.ToString(), "--to-topic", "open", "--location", "45.76,4.86", "--duration", "3s", "--format", "json");
        await using (var node = await Network.TestPublisher.ConnectAsync(broker.Address))
        {
            for (int sequence = 0; !bridge.IsCompleted; sequence++)
            {
                await node.PublishAsync("cityedge/node-01/telemetry", Convert.FromHexString("011f" + sequence.ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + "6b042ac0086661279400803014123ac8044450007d"));
                await Task.Delay(200);
            }
        }

        var (exit, output, error) = await bridge;
        Assert.AreEqual(ExitCodes.Ok, exit, error);
        StringAssert.Contains(output, "\"kind\":\"bridged\"");
        CliSchemas.AssertValid("bridge", output);
    }

    /// <summary>The schemas are strict enough to catch drift: an unknown key or a wrong type fails.</summary>
    [TestMethod]
    [DataRow("{\"kind\":\"report\",\"version\":1,\"sequence\":1,\"timestamp\":null,\"extra\":1}")]
    [DataRow("{\"kind\":\"aqi\",\"pm2_5_ug_m3\":1,\"pm10_ug_m3\":1,\"aqi\":57,\"pm2_5_sub_index\":1,\"pm10_sub_index\":1}")]
    [DataRow("{\"version\":1,\"sequence\":1,\"timestamp\":null}")]
    public void TheSchemasRefuseDrift(string line)
    {
        string schema = line.Contains("\"aqi\"", StringComparison.Ordinal) ? "aqi" : "decode";
        Assert.ThrowsExactly<AssertFailedException>(() => CliSchemas.AssertValid(schema, line));
    }

    /// <summary>Every command that prints JSON has its schema, and docs/cli.md names every schema.</summary>
    [TestMethod]
    public void EveryJsonCommandHasADocumentedSchema()
    {
        var withJson = new List<string>();
        Walk(CityEdgeCli.Build(CliConsole.ForTest(new StringWriter(), new StringWriter())), "", withJson);
        string cli = File.ReadAllText(Path.Combine(CityEdge.Tests.RepoFiles.Root, "docs", "cli.md"));

        CollectionAssert.IsSubsetOf(withJson, CliSchemas.Names.ToList(), "a schema file per command");
        foreach (string name in CliSchemas.Names)
        {
            StringAssert.Contains(cli, $"schemas/{name}.schema.json", "docs/cli.md links every schema");
        }
    }

    private static void Walk(Command command, string path, List<string> withJson)
    {
        if (command.Options.FirstOrDefault(o => o.Name == "--format") is { } format
            && format.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Any(c => c.Label == "json"))
        {
            withJson.Add(path);
        }

        foreach (var sub in command.Subcommands)
        {
            Walk(sub, path.Length == 0 ? sub.Name : path + "-" + sub.Name, withJson);
        }
    }
}
