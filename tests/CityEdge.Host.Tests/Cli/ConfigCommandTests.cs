using System.Collections;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Host.Simulation;
using CityEdge.Tests;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed class ConfigCommandTests
{
    public static IEnumerable<object?[]> OneLineMistakes => BoardMistakes.OneLineMistakes.Where(m => m[2] != null);

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
            "--board", Path.Combine(root, BoardMistakes.DevKitC));

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "cityedge.conf: ok");
        StringAssert.Contains(output, "esp32-devkitc.board: ok (1 warning)");
        StringAssert.Contains(error, "esp32-devkitc.board: line 32: setup_button.pin: warning: GPIO 0 is a strapping pin");
    }

    [TestMethod]
    public async Task EveryProblemOfEveryFileIsListedInLineOrder()
    {
        using var folder = new TempFolder();
        string config = folder.Write("cityedge.conf", "mqtt.port = 70000\ncolour = red\nparking.bays = 3\nlighting.ambient_off_lux = 5\n");
        string board = folder.Write("board.board", RepoFiles.Read(BoardMistakes.DevKitC).Replace("status_led.pin = 23", "led.pin = 24"));
        var (exit, _, error) = await CliRun.RunAsync("config", "check", config, "--board", board);

        Assert.AreEqual(2, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(
            new[]
            {
                "cityedge.conf: line 1: mqtt.port: 70000 is outside 1..65535",
                "cityedge.conf: line 2: colour: unknown key; the nearest known key is node.id",
                "cityedge.conf: line 4: lighting.ambient_off_lux: lighting.ambient_off_lux 5 must be above lighting.ambient_on_lux 20 (the hysteresis)",
                "cityedge.conf: node.id: required key is missing",
                "board.board: line 27: led.pin: unknown key; the nearest known key is status_led.pin",
                "board.board: line 32: setup_button.pin: warning: GPIO 0 is a strapping pin: held low at reset it starts the serial bootloader instead of the app (the BOOT button)",
                "5 error(s): the node would not start with these files.",
            },
            lines,
            error);
    }

    [TestMethod]
    [DynamicData(nameof(OneLineMistakes))]
    public async Task EachBoardMistakeIsRefusedByConfigCheckAndByTheNodesBootPath(string line, string? replacement, string key, string words, string? reportedAt)
    {
        using var folder = new TempFolder();
        var (text, changed) = BoardMistakes.Mutate(BoardMistakes.DevKitC, line, replacement);
        int expectedLine = BoardMistakes.ExpectedLine(text, changed, replacement, key, reportedAt);
        const string Config = "node.id = lp-1\nparking.bays = 2\n";
        string board = folder.Write("board.board", text);
        var (exit, _, error) = await CliRun.RunAsync("config", "check", folder.Write("cityedge.conf", Config), "--board", board);

        Assert.AreEqual(2, exit, error);
        string expected = "board.board: " + (expectedLine > 0 ? $"line {expectedLine}: " : string.Empty) + (key.Length > 0 ? key + ": " : string.Empty);
        Assert.IsTrue(error.Split('\n').Any(l => l.StartsWith(expected, StringComparison.Ordinal) && l.Contains(words)), $"no '{expected}…{words}' in:\n{error}");

        // The node, given the same files: its boot checks refuse the same line and key, so it never starts.
        var errors = new ArrayList();
        BootCheck.Run(new MemoryStore(), Config, "I:\\cityedge.conf", text, null!, errors, new ArrayList(), out _);
        Assert.IsTrue(errors.Cast<ConfigError>().Any(e => e.Source == BoardProfile.FileName && e.Line == expectedLine && e.Key == key && e.Message.Contains(words)),
            string.Join("\n", errors.Cast<ConfigError>()));
    }

    [TestMethod]
    public async Task TlsWithoutTheCaCertificateIsRefusedByBothToo()
    {
        using var folder = new TempFolder();
        const string Config = "node.id = lp-1\nmqtt.port = 8883\nmqtt.tls = true\n";
        var (exit, _, error) = await CliRun.RunAsync("config", "check", folder.Write("cityedge.conf", Config), "--board", "esp32-devkitc");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "cityedge.conf: line 3: mqtt.tls: true, but ca.pem is missing (deploy the city's CA certificate)");
        var errors = new ArrayList();
        BootCheck.Run(new MemoryStore(), Config, "I:\\cityedge.conf", RepoFiles.Read(BoardMistakes.DevKitC), null!, errors, new ArrayList(), out _);
        Assert.AreEqual("line 3: mqtt.tls: true, but ca.pem is missing (deploy the city's CA certificate)", errors.Cast<ConfigError>().Single().ToString());

        folder.Write("ca.pem", TempFolder.CaPem());
        (exit, _, error) = await CliRun.RunAsync("config", "check", Path.Combine(folder.Path, "cityedge.conf"), "--board", "esp32-devkitc");
        Assert.AreEqual(0, exit, error);
    }

    [TestMethod]
    public async Task ABinaryFileIsRefusedUnreadAndNothingOfItIsEchoed()
    {
        using var folder = new TempFolder();
        string big = Path.Combine(folder.Path, "firmware.bin");
        using (var stream = File.Create(big))
        {
            stream.SetLength(200L * 1024 * 1024);
        }

        var (exit, output, error) = await CliRun.RunAsync("config", "check", big, "--board", "esp32-devkitc");
        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error, "firmware.bin: is 200 MB; a node file is at most 64 KiB (is this the right file?)\n");
        StringAssert.EndsWith(error, "1 error(s): the node would not start with these files.\n");
        StringAssert.Contains(output, "esp32-devkitc.board: ok");

        string small = folder.Write("junk.conf", "node.id = a\n\u0001\u0002\u001b[31mkey\u0007 = x\n" + new string('z', 5000) + "\n");
        (exit, _, error) = await CliRun.RunAsync("config", "check", small);
        Assert.AreEqual(2, exit);
        Assert.IsFalse(error.Any(c => c < ' ' && c != '\n'), "no raw control bytes reach the terminal");
        Assert.IsTrue(error.Split('\n').All(l => l.Length < 600), "each message quotes a bounded excerpt");
        StringAssert.Contains(error, "junk.conf: line 2: the key before '=' must be lower-case letters");

        File.WriteAllBytes(Path.Combine(folder.Path, "nul.conf"), [(byte)'n', 0, (byte)'x']);
        (_, _, error) = await CliRun.RunAsync("config", "check", Path.Combine(folder.Path, "nul.conf"));
        StringAssert.Contains(error, "nul.conf: is not a text file (byte 0x00 at offset 1)");
    }

    [TestMethod]
    public async Task ChecksAreAvailableAsJson()
    {
        using var folder = new TempFolder();
        var (exit, output, _) = await CliRun.RunAsync("config", "check", folder.Write("cityedge.conf", "node.id = a\nmqtt.port = 0\n"), "--board", "esp32-poe",
            "--format", "json");

        Assert.AreEqual(2, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("{\"kind\":\"problem\",\"file\":\"cityedge.conf\",\"line\":2,\"key\":\"mqtt.port\",\"severity\":\"error\",\"message\":\"0 is outside 1..65535\"}", lines[0]);
        Assert.AreEqual("{\"kind\":\"summary\",\"errors\":1,\"warnings\":0}", lines[^1]);
    }
}

/// <summary>A temporary folder for a node's files, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cityedge-test-").FullName;

    public string Write(string name, string text)
    {
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>A real self-signed CA certificate in PEM, standing in for the city's.</summary>
    public static string CaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CityEdge test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem();
    }
}
