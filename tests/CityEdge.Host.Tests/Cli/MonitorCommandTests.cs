using System.Text.Json;
using CityEdge.Cli;
using CityEdge.Cli.Commands;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Simulation;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed class MonitorCommandTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task PrintsEveryNodesReportsAsJsonLines()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var output = new StringWriter();
        var console = CliConsole.ForTest(output, new StringWriter());
        using var stop = new CancellationTokenSource();
        var monitor = MonitorCommand.RunAsync(console, MqttClientSettings.Plain(broker.Address), "it/monitor", "json", Timeout.InfiniteTimeSpan, new ReceiverOptions(), stop.Token);
        await Task.Delay(300);

        var options = new FleetOptions { Nodes = 2, Duration = TimeSpan.FromMinutes(3), Speed = 0, TopicRoot = "it/monitor", StartUtc = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc) };
        await using (var fleet = await Fleet.StartAsync(options, broker.Address, CancellationToken.None))
        {
            await fleet.RunAsync(CancellationToken.None);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Reports(output).Count < 6 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        Assert.AreEqual(ExitCodes.Ok, await monitor);

        var reports = Reports(output);
        Assert.AreEqual(6, reports.Count, output.ToString());
        foreach (var node in new[] { "node-01", "node-02" })
        {
            var mine = reports.Where(r => r.GetProperty("node").GetString() == node).ToList();
            CollectionAssert.AreEqual(new[] { 0, 1, 2 }, mine.Select(r => r.GetProperty("sequence").GetInt32()).ToArray());
            Assert.AreEqual("2026-03-01T00:01:00Z", mine[0].GetProperty("timestamp").GetString());
            Assert.IsTrue(mine[0].GetProperty("climate").GetProperty("pressure_hpa").GetDouble() is > 950 and < 1050);
        }
    }

    private static List<JsonElement> Reports(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.GetProperty("kind").GetString() == "report").ToList();
}
