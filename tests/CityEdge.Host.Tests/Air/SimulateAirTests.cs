using System.Text.RegularExpressions;
using CityEdge.Cli;

namespace CityEdge.Host.Tests.Air;

[TestClass]
public sealed class SimulateAirTests
{
    [TestMethod]
    public async Task Simulate_shows_pm_and_aqi_received_through_the_broker()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        // Two simulated hours: the US NowCast has its two hours from the second hour on.
        int exit = await CityEdgeCli.RunAsync(["simulate", "--nodes", "1", "--fleet", "node", "--duration", "2h", "--speed", "0"], CliConsole.ForTest(output, error));

        Assert.AreEqual(0, exit, error.ToString());
        string[] lines = output.ToString().Split('\n').Where(l => l.Contains("node-01  #", StringComparison.Ordinal)).ToArray();
        Assert.AreEqual(120, lines.Length, output.ToString());
        Assert.IsTrue(lines.All(l => Regex.IsMatch(l, @"PM2\.5 \d+ µg/m³")), "every report line shows PM2.5");
        Assert.IsTrue(lines.Skip(61).All(l => Regex.IsMatch(l, @"AQI \d+ us, [A-Za-z ]+ \((pm2_5|pm10|both)\)")), "AQI once the NowCast has two hours");
        StringAssert.Contains(output.ToString(), "AQI", "the summary table has the AQI column");
    }
}
