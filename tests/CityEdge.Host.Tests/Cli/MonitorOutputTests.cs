using System.Text.Json;
using CityEdge.Cli;
using CityEdge.Cli.Commands;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Network;

namespace CityEdge.Host.Tests.Cli;

/// <summary>
/// What `monitor` shows when its output is not a terminal (issue 18, item 3): events, gaps and
/// duplicates are said in the text lines and marked in JSON, and --duration ends with a summary.
/// </summary>
[TestClass]
public sealed class MonitorOutputTests
{
    // docs/parking.md vector 1 with event sequence 42, and docs/lighting.md's lamp failure with sequence 5.
    private static readonly byte[] BayEvent = Convert.FromHexString("0101002A69A5470407030100000200EA");
    private static readonly byte[] LampFault = Convert.FromHexString("011000056B04E1900701018601120006");

    [TestMethod]
    [DataRow("table")]
    [DataRow("json")]
    public async Task EventsGapsDuplicatesAndASummary(string format)
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var tables = new StringWriter();
        var console = new CliConsole(CliConsole.ForTest(tables, new StringWriter()).Ui, TextWriter.Synchronized(output), TextWriter.Synchronized(error), interactive: false);
        var monitor = MonitorCommand.RunAsync(console, MqttClientSettings.Plain(broker.Address), "t/out", format, TimeSpan.FromSeconds(3), new ReceiverOptions(), CancellationToken.None);
        await using (var publisher = await TestPublisher.ConnectAsync(broker.Address))
        {
            // The monitor says when it has subscribed: the banner, or its "connected" line.
            var ready = DateTime.UtcNow.AddSeconds(60);
            while (!tables.ToString().Contains("Watching", StringComparison.Ordinal) && !output.ToString().Contains("\"connected\"", StringComparison.Ordinal) && DateTime.UtcNow < ready)
            {
                await Task.Delay(20);
            }

            await publisher.ReportAsync("t/out", "n1", 3);
            await publisher.ReportAsync("t/out", "n1", 4);
            await publisher.ReportAsync("t/out", "n1", 4);
            await publisher.ReportAsync("t/out", "n1", 7);
            await publisher.PublishAsync("t/out/n1/events", BayEvent);
            await publisher.PublishAsync("t/out/n1/events", LampFault);
        }

        int exit = await monitor.WaitAsync(TimeSpan.FromSeconds(90));
        string text = output.ToString();
        Assert.AreEqual(ExitCodes.DataProblem, exit, "two reports are missing: " + text + error);
        if (format == "table")
        {
            StringAssert.Contains(text, "n1  #4");
            StringAssert.Contains(text, "n1  #4  climate —  ok  (duplicate)");
            StringAssert.Contains(text, "n1: 2 reports missing before #7");
            StringAssert.Contains(text, "n1  event #42  bay 3 occupied (detection, 2 s earlier, 23.4 µT)");
            StringAssert.Contains(text, "n1  event #5  lamp fault lamp_failure raised at 67 %");
            StringAssert.Contains(tables.ToString(), "3 report(s) received from 1 node(s), 2 missing, 1 duplicate(s), 0 bad frame(s); 2 event(s), 0 missing, 0 bad.");
            return;
        }

        Json.CliSchemas.AssertValid("monitor", text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.IsTrue(lines.All(l => l.TryGetProperty("kind", out _)), "every line says its kind");
        var reports = lines.Where(l => l.GetProperty("kind").GetString() == "report").Select(l => (l.GetProperty("sequence").GetInt32(), l.GetProperty("arrival").GetString())).ToList();
        CollectionAssert.AreEqual(new[] { (3, "new"), (4, "new"), (4, "duplicate"), (7, "new") }, reports);
        var gap = lines.Single(l => l.GetProperty("kind").GetString() == "gap" && l.GetProperty("stream").GetString() == "reports");
        Assert.AreEqual(2, gap.GetProperty("missing").GetInt32());
        Assert.AreEqual(7, gap.GetProperty("before_sequence").GetInt32());
        var events = lines.Where(l => l.GetProperty("kind").GetString() == "event").ToList();
        Assert.AreEqual("bay_state_changed", events[0].GetProperty("event").GetString());
        Assert.AreEqual("n1", events[0].GetProperty("node").GetString());
        Assert.AreEqual("lamp_fault", events[1].GetProperty("event").GetString());
        Assert.AreEqual("late", events[1].GetProperty("arrival").GetString(), "event 5 fills the gap before 42");
        var summary = lines[^1];
        Assert.AreEqual("summary", summary.GetProperty("kind").GetString());
        Assert.AreEqual(3, summary.GetProperty("received").GetInt32());
        Assert.AreEqual(2, summary.GetProperty("missing").GetInt32());
        Assert.AreEqual(1, summary.GetProperty("duplicates").GetInt32());
        Assert.AreEqual(2, summary.GetProperty("events").GetInt32());
        Assert.AreEqual(0, summary.GetProperty("events_missing").GetInt32(), "event 5 came before the first one followed, 42: no gap to fill");
    }
}
