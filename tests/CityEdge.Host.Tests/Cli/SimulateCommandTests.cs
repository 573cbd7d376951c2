using System.Text.RegularExpressions;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed class SimulateCommandTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task TheDefaultJobShowsThreeNodesReportingThroughTheEmbeddedBroker()
    {
        // Real-time pacing as in the README's command, cut to 3 simulated minutes (3 s at 60x).
        var (exit, output, error) = await CliRun.RunAsync("simulate", "--nodes", "3", "--duration", "3m");

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "Embedded MQTT broker on 127.0.0.1:");
        string fleet = Regex.Match(output, @"Node ids (sim-[a-z0-9]{4})-01 … \1-03\.").Groups[1].Value;
        Assert.AreNotEqual("", fleet, output);

        // The nodes' clocks start 0, 20 and 40 s late (reports spread over the 60 s period).
        foreach (var (node, reports) in new[] { ("01", 3), ("02", 2), ("03", 2) })
        {
            Assert.AreEqual(reports, Regex.Matches(output, $@"  {fleet}-{node}  #\d+  -?\d+\.\d\d °C").Count, output);
        }

        StringAssert.Contains(output, "7 report(s) produced, 7 received, 0 missing, 0 duplicate(s), 0 bad frame(s)");
        StringAssert.Matches(output, new Regex(@"Latency \(report made → received\): p50 \d+ ms, p99 \d+ ms, max \d+ ms over 7 report\(s\)"));
        StringAssert.Matches(output, new Regex(@"Cost: [\d.]+ CPU-s for 0\.133 node-hour\(s\)"));
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task TwoSimulatorsOnOneBrokerKeepTheirConnectionsAndCountOnlyTheirOwnNodes()
    {
        // Before ids were made per run, both fleets were node-01, node-02: each connection threw the
        // other's off (one client id, one connection) and each receiver counted the other's reports.
        await using var broker = await CityEdge.Host.Mqtt.EmbeddedBroker.StartAsync();
        string[] args = ["simulate", "--nodes", "2", "--duration", "5m", "--speed", "60", "--broker", broker.Address.ToString(), "--format", "json"];
        var runs = await Task.WhenAll(CliRun.RunAsync(args), CliRun.RunAsync(args));

        foreach (var (exit, output, error) in runs)
        {
            Assert.AreEqual(0, exit, error);
            string summary = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            StringAssert.Contains(summary, "\"produced\":9,\"unsent\":0,\"not_received\":0,\"received\":9,\"missing\":0");
            StringAssert.Contains(summary, "\"connection_losses\":0");
            Assert.AreEqual(2, Regex.Matches(summary, "\"node\":\"sim-").Count, summary);
        }
    }

    [TestMethod]
    [DataRow("--nodes", "0", "--nodes: '0' is not a whole number in 1..100000")]
    [DataRow("--nodes", "x", "--nodes: 'x' is not a whole number in 1..100000")]
    [DataRow("--fleet", "Lab", "--fleet: 'Lab' is not a fleet name")]
    [DataRow("--fleet", "a-very-long-fleet-name-indeed", "--fleet: 'a-very-long-fleet-name-indeed' is not a fleet name")]
    [DataRow("--duration", "ten", "--duration: 'ten' is not a duration")]
    [DataRow("--speed", "-1", "--speed: '-1' is outside 0..1000000")]
    [DataRow("--speed", "fast", "--speed: 'fast' is not a number")]
    [DataRow("--broker", "localhost:99999", "port '99999' is not 1..65535")]
    public async Task BadOptionsAreNamed(string option, string value, string expected)
    {
        var (exit, _, error) = await CliRun.RunAsync("simulate", option, value);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, expected);
    }

    [TestMethod]
    public async Task AnUnreachableBrokerIsReportedWithItsExitCode()
    {
        var (exit, _, error) = await CliRun.RunAsync("simulate", "--broker", "127.0.0.1:1", "--duration", "1m");

        Assert.AreEqual(3, exit);
        StringAssert.Contains(error, "cannot reach the MQTT broker");
    }
}
