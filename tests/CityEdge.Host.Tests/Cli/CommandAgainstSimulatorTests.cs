using System.Text.Json;
using CityEdge.Cli;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;

namespace CityEdge.Host.Tests.Cli;

/// <summary>
/// `cityedge command` against the README's simulator, as docs/cli.md tells a new user to try it
/// (issue 18, item 6): the simulator writes every virtual node's key, both tools use the same
/// default topic root, and an ack that does not verify is told apart from no ack.
/// </summary>
[TestClass]
public sealed class CommandAgainstSimulatorTests
{
    [TestMethod]
    public async Task ACommandToAVirtualNodeIsAckedWithTheKeyTheSimulatorWrote()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        string keys = Directory.CreateTempSubdirectory("cityedge-simkeys-").FullName;
        string wrongKey = Path.Combine(keys, "wrong.key");
        File.WriteAllText(wrongKey, new string('b', 64));
        using var stop = new CancellationTokenSource();
        // Real time, as docs/cli.md says to run it for commands: a command expires by the wall clock.
        var simulate = CityEdgeCli.RunAsync(["simulate", "--nodes", "2", "--fleet", "node", "--speed", "1", "--duration", "1h", "--broker", broker.Address.ToString(), "--keys", keys],
            CliConsole.ForTest(new StringWriter(), new StringWriter()), stop.Token);
        try
        {
            // A node subscribes to its commands before it says "online": wait for that, as a user would watch the table.
            string key = Path.Combine(keys, "node-02.key");
            await using (var watcher = await TelemetryReceiver.ConnectAsync(broker.Address, "cityedge", CancellationToken.None))
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (watcher.Nodes.FirstOrDefault(n => n.NodeId == "node-02")?.State != "online" && DateTime.UtcNow < deadline && !simulate.IsCompleted)
                {
                    await Task.Delay(50);
                }
            }

            var ok = await CliRun.RunAsync("command", "node-02", "lamp-override", "on", "5", "--key-file", key, "--broker", broker.Address.ToString(), "--timeout", "60s", "--format", "json");
            var wrong = await CliRun.RunAsync("command", "node-02", "request-status", "--key-file", wrongKey, "--broker", broker.Address.ToString(), "--timeout", "60s");
            var nobody = await CliRun.RunAsync("command", "node-99", "request-status", "--key-file", key, "--broker", broker.Address.ToString(), "--timeout", "2s");

            Assert.AreEqual(ExitCodes.Ok, ok.Exit, ok.Out + ok.Err);
            Assert.AreEqual("ok", JsonDocument.Parse(ok.Out).RootElement.GetProperty("result").GetString());
            Json.CliSchemas.AssertValid("command", ok.Out);
            Assert.AreEqual(ExitCodes.AckNotVerified, wrong.Exit, wrong.Out + wrong.Err);
            StringAssert.Contains(wrong.Err, "'bad-signature'");
            Assert.AreEqual(ExitCodes.NoAck, nobody.Exit, nobody.Out + nobody.Err);
            StringAssert.Contains(nobody.Err, "no ack from node-99 within 2 s");
        }
        finally
        {
            await stop.CancelAsync();
            await simulate.WaitAsync(TimeSpan.FromSeconds(60));
            Directory.Delete(keys, recursive: true);
        }
    }

    [TestMethod]
    public async Task TheToolsShareOneDefaultTopicRoot()
    {
        var roots = new List<string>();
        foreach (string command in new[] { "simulate", "monitor", "command", "bridge" })
        {
            var (_, output, _) = await CliRun.RunAsync(command, "--help");
            string line = output.Split('\n').Single(l => l.Contains("--topic-root", StringComparison.Ordinal));
            roots.Add(line[(line.IndexOf("[default: ", StringComparison.Ordinal) + 10)..line.LastIndexOf(']')]);
        }

        CollectionAssert.AreEqual(new[] { "cityedge", "cityedge", "cityedge", "cityedge" }, roots, "the node's own default mqtt.topic_root");
    }
}
