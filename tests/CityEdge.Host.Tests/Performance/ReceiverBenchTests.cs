using System.Text.Json;
using CityEdge.Host.Tests.Cli;
using CityEdge.Host.Tests.Json;

namespace CityEdge.Host.Tests.Performance;

/// <summary>`bench receiver`: the receiver takes every report of the burst, once, and the line follows its schema.</summary>
[TestClass]
public sealed class ReceiverBenchTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task TheReceiverTakesEveryReportOfTheBurst()
    {
        var (exit, output, error) = await CliRun.RunAsync("bench", "receiver", "--messages", "400", "--nodes", "8", "--format", "json");

        Assert.AreEqual(0, exit, error);
        CliSchemas.AssertValid("bench-receiver", output);
        var line = JsonDocument.Parse(output).RootElement;
        Assert.AreEqual(400, line.GetProperty("published").GetInt32());
        Assert.AreEqual(400, line.GetProperty("received").GetInt32());
        Assert.AreEqual(1000, line.GetProperty("receive_maximum").GetInt32(), "the receiver's own default");
    }

    [TestMethod]
    public async Task MoreReportsPerNodeThanSequenceNumbersIsRefused()
    {
        var (exit, _, error) = await CliRun.RunAsync("bench", "receiver", "--messages", "65536", "--nodes", "1");

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--messages");
    }
}
