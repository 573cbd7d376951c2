using CityEdge.Cli;
using CityEdge.Cli.Commands;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Network;
using Spectre.Console;

namespace CityEdge.Host.Tests.Cli;

/// <summary>The live table in a terminal of 80 columns, and output to a file (issue 18, item 13).</summary>
[TestClass]
public sealed class FleetViewTests
{
    // Every group: climate, particulates with AQI, noise, 4 bays, lamp; and one with health entries.
    private const string FullFrame = "011f01026b042ac0086661279400803014123ac8044450007d";
    private const string SickFrame = "012101036b042ac008666127940421314151";

    [TestMethod]
    [DataRow(80)]
    [DataRow(100)]
    [DataRow(200)]
    public async Task EveryNodeTakesOneLineAndTheTableFitsTheTerminal(int width)
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var receiver = await TelemetryReceiver.ConnectAsync(broker.Address, "t/view", CancellationToken.None);
        await using (var publisher = await TestPublisher.ConnectAsync(broker.Address))
        {
            foreach (string node in new[] { "lamp-post-0001", "bench-0002", "kiosk-with-a-long-name-0003" })
            {
                await publisher.PublishAsync($"t/view/{node}/telemetry", Convert.FromHexString(node.StartsWith("bench", StringComparison.Ordinal) ? SickFrame : FullFrame));
                await publisher.PublishAsync($"t/view/{node}/events", Convert.FromHexString("0101002A69A5470407030100000200EA"));
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (receiver.Nodes.Count(n => n.LastReport != null && n.LastEvent != null) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(text) });
        console.Profile.Width = width;
        console.Write(FleetView.NodeTable(receiver.Nodes, "Command centre", width));

        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        Assert.IsTrue(lines.All(l => l.Length <= width), string.Join('\n', lines));
        // Title, header, rule, three rows.
        Assert.AreEqual(6, lines.Count, "one line per node: " + text);
        StringAssert.Contains(text.ToString(), "Gap/Dup/Bad");
        if (width >= 200)
        {
            StringAssert.Contains(text.ToString(), "bay 3 occupied", "a wide terminal shows every column");
        }
    }

    /// <summary>A file or pipe has no width: a long line stays one line.</summary>
    [TestMethod]
    public void RedirectedOutputIsNotWrapped()
    {
        var output = new StringWriter();
        var console = CliConsole.ForRedirected(output, new StringWriter());
        string line = string.Concat(Enumerable.Repeat("figure ", 100)).Trim();

        console.Ui.MarkupLine(line);

        Assert.AreEqual(line, output.ToString().TrimEnd());
    }
}
