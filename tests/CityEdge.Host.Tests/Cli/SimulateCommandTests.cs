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
        foreach (var node in new[] { "node-01", "node-02", "node-03" })
        {
            Assert.AreEqual(3, Regex.Matches(output, $@"  {node}  #\d+  -?\d+\.\d\d °C").Count, output);
        }

        StringAssert.Contains(output, "9 report(s) produced, 9 received, 0 missing, 0 duplicate(s), 0 bad frame(s)");
    }

    [TestMethod]
    [DataRow("--nodes", "0", "--nodes: '0' is not a whole number in 1..500")]
    [DataRow("--nodes", "x", "--nodes: 'x' is not a whole number in 1..500")]
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
