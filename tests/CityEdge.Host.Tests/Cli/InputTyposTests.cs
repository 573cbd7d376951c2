using System.Text.Json;
using CityEdge.Cli;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Tests.Noise;

namespace CityEdge.Host.Tests.Cli;

/// <summary>
/// What a technician's typo gets: exit 2 and one line naming the option and the value, never a stack
/// trace (issue 18, items 7 and 8). Each row is a reproduction from the issue.
/// </summary>
[TestClass]
public sealed class InputTyposTests
{
    private static readonly string Wav = WriteTemp(".wav", TestWav.Build(16000, 16, 1, 1, TestWav.Sine(1000, 16000, 0.1, 1.0)));
    private static readonly string Night = Path.Combine(CityEdge.Tests.RepoFiles.Root, "tests", "data", "lighting", "residential-night.csv");
    private static readonly string Folder = Directory.CreateTempSubdirectory("cityedge-typos-").FullName;

    [ClassCleanup]
    public static void DeleteFiles()
    {
        File.Delete(Wav);
        Directory.Delete(Folder, recursive: true);
    }

    [TestMethod]
    [DataRow("--interval 0.5", "--interval", "'0.5'")]
    [DataRow("--interval 1e9", "--interval", "'1e9'")]
    [DataRow("--interval 2h", "--interval", "'2h'")]
    [DataRow("--sensitivity-dbfs abc", "--sensitivity-dbfs", "'abc'")]
    [DataRow("--offset-db NaN", "--offset-db", "'NaN'")]
    [DataRow("--offset-db 200", "--offset-db", "'200'")]
    [DataRow("--valid-max-db Infinity", "--valid-max-db", "'Infinity'")]
    public async Task ReplayNoiseOptions(string options, string option, string value)
    {
        await AssertNamed(["replay", "noise", Wav, .. options.Split(' ')], option, value);
    }

    [TestMethod]
    public async Task ReplayNoiseTakesAnIntervalAsADuration()
    {
        var (exit, output, error) = await CliRun.RunAsync("replay", "noise", Wav, "--interval", "60s", "--format", "json");

        Assert.AreEqual(ExitCodes.Ok, exit, error);
        Assert.AreEqual(1.0, JsonDocument.Parse(output).RootElement.GetProperty("duration_s").GetDouble(), 1e-9);
    }

    [TestMethod]
    [DataRow("astro --lat abc --lon 4.9 --date 2026-06-21", "--lat", "'abc'")]
    [DataRow("astro --lat 5,2 --lon 4.9 --date 2026-06-21", "--lat", "'5,2'")]
    [DataRow("astro --lat 52 --lon 1e400 --date 2026-06-21", "--lon", "'1e400'")]
    [DataRow("astro --lat 52 --lon 4 --date 2026-02-30", "--date", "'2026-02-30'")]
    [DataRow("traffic --date 2026-01-01 --utc-offset 100000", "--utc-offset", "'100000'")]
    [DataRow("traffic --date 2026-01-01 --seed x", "--seed", "'x'")]
    [DataRow("bench parking --count 1.5", "--count", "'1.5'")]
    [DataRow("bench parking --days NaN", "--days", "'NaN'")]
    [DataRow("bench parking --occupy-ut x", "--occupy-ut", "'x'")]
    [DataRow("bench noise --seconds -1", "--seconds", "'-1'")]
    [DataRow("aqi --pm25 1,5 --pm10 3", "--pm25", "'1,5'")]
    [DataRow("simulate --topic-root a/#", "--topic-root", "'a/#'")]
    [DataRow("simulate --duration 99999999999999999999d", "--duration", "'99999999999999999999d'")]
    [DataRow("monitor --broker 127.0.0.1:1 --topic-root +", "--topic-root", "'+'")]
    [DataRow("monitor --broker 127.0.0.1:1 --duration -5s", "--duration", "'-5s'")]
    public async Task NumbersCoordinatesAndTopics(string command, string option, string value)
    {
        await AssertNamed(command.Split(' '), option, value);
    }

    [TestMethod]
    public async Task AnEmptyTopicRootIsNamed()
    {
        await AssertNamed(["simulate", "--topic-root", ""], "--topic-root", "''");
    }

    [TestMethod]
    public async Task ReplayLightingPositionAndOffset()
    {
        await AssertNamed(["replay", "lighting", "--lat", "52.37", "--lon", "abc", "--date", "2026-11-23", "--presence", Night], "--lon", "'abc'");
        var (_, _, error) = await AssertNamed(["replay", "lighting", "--lat", "52.37", "--lon", "4.9", "--date", "2026-11-23", "--presence", Night, "--utc-offset", "abc"], "--utc-offset", "'abc'");
        Assert.DoesNotContain("System.", error);
    }

    [TestMethod]
    public async Task FilesThatAreFoldersOrMissing()
    {
        await AssertNamed(["replay", "lighting", "--lat", "52.37", "--lon", "4.9", "--date", "2026-11-23", "--presence", Night, "--timeline", Folder], "--timeline", "is a folder");
        await AssertNamed(["replay", "lighting", "--lat", "52.37", "--lon", "4.9", "--date", "2026-11-23", "--presence", Folder], "--presence", "is a folder");
        await AssertNamed(["monitor", "--broker", "127.0.0.1:1", "--ca-file", Folder], "--ca-file", "is a folder");
        await AssertNamed(["command", "n1", "reboot", "--broker", "127.0.0.1:1", "--key-file", Folder], "--key-file", "is a folder");
        await AssertNamed(["replay", "parking", Folder], "file", "is a folder");
        await AssertNamed(["replay", "air", Path.Combine(Folder, "missing.bin")], "file", "does not exist");
    }

    [TestMethod]
    [DataRow("n#1")]
    [DataRow("n+")]
    [DataRow("Node/1")]
    public async Task ANodeIdTheNodeWouldRefuseIsNamed(string node)
    {
        await AssertNamed(["command", node, "reboot", "--broker", "127.0.0.1:1", "--key-file", Wav], "node", "'" + node + "'");
    }

    [TestMethod]
    public async Task AConfigTooLargeForACommandIsRefusedBeforeItsCounterIsUsed()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        string key = Path.Combine(Folder, "big.key");
        string config = Path.Combine(Folder, "big.conf");
        File.WriteAllText(key, new string('a', 64));
        File.WriteAllText(config, "node.id = n1\n" + string.Concat(Enumerable.Repeat("# a comment line that pads the file to beyond one command\n", 40)));

        var (exit, _, error) = await CliRun.RunAsync("command", "n1", "set-config", config, "--key-file", key, "--broker", broker.Address.ToString(), "--timeout", "1s");

        Assert.AreEqual(ExitCodes.InvalidInput, exit, error);
        StringAssert.Contains(error, "2048");
        Assert.IsFalse(File.Exists(key + ".counter"), "no counter was spent on a command that could not be sent");
    }

    [TestMethod]
    [DataRow("524946462400000057415645666d7420f0ffffff0100010001000100", "chunk size")]
    [DataRow("524946462400000057415645666d7420f0ffff7f", "chunk size")]
    [DataRow("5249464624000000574156454c495354f0ffffff", "chunk size")]
    public async Task ReplayNoiseOnAWavFileWithAnAbsurdChunkSize(string hex, string expected)
    {
        string path = WriteTemp(".wav", Convert.FromHexString(hex));
        try
        {
            var (exit, _, error) = await CliRun.RunAsync("replay", "noise", path);
            Assert.AreEqual(ExitCodes.InvalidInput, exit, error);
            StringAssert.Contains(error, expected);
            Assert.DoesNotContain("   at ", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs the command; asserts exit 2 and an error that names <paramref name="option"/> and <paramref name="value"/>, without a stack trace.</summary>
    private static async Task<(int Exit, string Out, string Err)> AssertNamed(string[] args, string option, string value)
    {
        var result = await CliRun.RunAsync(args);
        Assert.AreEqual(ExitCodes.InvalidInput, result.Exit, string.Join(' ', args) + ": " + result.Out + result.Err);
        string line = result.Err.Split('\n').FirstOrDefault(l => l.Contains(option, StringComparison.Ordinal) && l.Contains(value, StringComparison.Ordinal)) ?? "";
        Assert.AreNotEqual("", line, $"one line names {option} and {value}: {result.Err}");
        Assert.DoesNotContain("   at ", result.Err);
        return result;
    }

    private static string WriteTemp(string extension, byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"cityedge-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
