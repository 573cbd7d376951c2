using System.Text;
using System.Text.Json.Nodes;
using CityEdge.Cli;
using CityEdge.Cli.Commands;
using CityEdge.Host.Mqtt;
using CityEdge.Host.OpenData;
using CityEdge.Host.Performance;
using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Network;

namespace CityEdge.Host.Tests.Cli;

/// <summary>`monitor --format senml|ngsi-ld`: each report once, as the bridge's open data, one document a line.</summary>
[TestClass]
public sealed class MonitorOpenDataTests
{
    private static readonly GeoPoint Lyon = new(45.76064, 4.85904);

    [TestMethod]
    [DataRow("senml")]
    [DataRow("ngsi-ld")]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task EveryReportIsOneLineOfOpenData(string format)
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(CliConsole.ForTest(new StringWriter(), new StringWriter()).Ui, TextWriter.Synchronized(output), TextWriter.Synchronized(error), interactive: false);
        var options = new OpenDataOptions { DefaultLocation = Lyon };
        using var stop = new CancellationTokenSource();
        // CI once saw no line in 60 s here; a 10 s connect deadline missed on a loaded machine would end
        // the monitor early, so this test (about the output, not deadlines) allows 60 s and says standard error.
        var monitor = MonitorCommand.RunAsync(console, MqttClientSettings.Plain(broker.Address), "t/od", new FleetOpenDataOutput(console, format, options), false,
            Timeout.InfiniteTimeSpan, new ReceiverOptions { Deadline = TimeSpan.FromSeconds(60) }, stop.Token);

        byte[] frame = Convert.FromHexString(PayloadBench.ReferenceFrameHex);
        await using (var publisher = await TestPublisher.ConnectAsync(broker.Address))
        {
            // The same report until the monitor has subscribed and printed it: the copies are duplicates.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (output.ToString().Length == 0 && !monitor.IsCompleted && DateTime.UtcNow < deadline)
            {
                await publisher.PublishAsync("t/od/node-01/telemetry", frame);
                await Task.Delay(200);
            }

            await publisher.PublishAsync("t/od/node-01/telemetry", Convert.FromHexString("0180"));
            // Stop only once the bad frame has been taken: a fixed pause lost that race on a loaded machine.
            while (!error.ToString().Contains("undecodable report", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }

        await stop.CancelAsync();
        int exit = await monitor.WaitAsync(TimeSpan.FromSeconds(60));
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, $"one report, its duplicates left out: {output}\nstandard error: {error}");
        var report = PayloadBench.ReferenceReport();
        string expected = format == "senml"
            ? Encoding.UTF8.GetString(SenmlJson.Encode(ReportSenml.Pack(report, "node-01", options)))
            : new JsonArray(NgsiLdEntities.From(report, "node-01", options, NgsiLdForm.Normalized).Select(e => (JsonNode?)e).ToArray()).ToJsonString();
        Assert.AreEqual(expected, lines[0]);
        StringAssert.Contains(error.ToString(), "node-01: undecodable report", "the bad frame is said on standard error");
        StringAssert.Contains(error.ToString(), "report(s) received from 1 node(s)", "and the summary");
        Assert.AreEqual(ExitCodes.DataProblem, exit, "a bad frame arrived");
    }

    [TestMethod]
    public async Task WithoutAPositionNgsiLdSaysWhyItPrintsNothing()
    {
        var (exit, _, error) = await CliRun.RunAsync("monitor", "--format", "ngsi-ld", "--location", "somewhere", "--broker", "127.0.0.1:1", "--duration", "1s");

        Assert.AreEqual(ExitCodes.InvalidInput, exit, error);
        StringAssert.Contains(error, "somewhere");
    }
}
