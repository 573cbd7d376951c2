using System.Text.Json;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed class BenchParkingCommandTests
{
    [TestMethod]
    public async Task ASetOfSeedsPrintsEachSeedAndTheirPooledFigures()
    {
        var (exit, output, error) = await CliRun.RunAsync("bench", "parking", "--seed", "3", "--count", "2", "--bays", "3", "--days", "0.5", "--format", "json");

        Assert.AreEqual(0, exit, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.HasCount(3, lines);
        Assert.AreEqual(3, lines[0].GetProperty("seed").GetInt32());
        Assert.AreEqual(4, lines[1].GetProperty("seed").GetInt32());
        Assert.AreEqual("3-4", lines[2].GetProperty("seeds").GetString());
        CollectionAssert.AreEqual(new[] { "seed", "seed", "summary" }, lines.Select(l => l.GetProperty("kind").GetString()).ToArray());
        long scored(int i) => lines[i].GetProperty("scored_s").GetInt64();
        Assert.AreEqual(scored(0) + scored(1), scored(2));
        Assert.AreEqual(3.0, lines[2].GetProperty("bay_days").GetDouble(), 1e-9, "2 seeds x 3 bays x 0.5 days");
    }

    [TestMethod]
    public async Task WritingFilesForASetIsRefusedNamingTheOption()
    {
        var (exit, _, error) = await CliRun.RunAsync("bench", "parking", "--count", "2", "--write", Path.GetTempPath());

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(error, "--write");
    }
}
