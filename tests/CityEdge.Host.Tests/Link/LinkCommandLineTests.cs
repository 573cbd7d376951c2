using System.Text.Json;
using CityEdge.Cli;
using CityEdge.Link;

namespace CityEdge.Host.Tests.Link;

/// <summary>`cityedge command` against the test mosquitto, and `cityedge simulate --outage`.</summary>
[TestClass]
public sealed class LinkCommandLineTests
{
    [TestMethod]
    public async Task CommandSignsSendsAndExitsByResult()
    {
        var broker = SharedBroker.Get();
        await using var harness = await LinkHarness.StartAsync(broker);
        var node = await harness.AddNodeAsync("n-cli");
        string folder = Directory.CreateTempSubdirectory("cityedge-cli-").FullName;
        string keyFile = Path.Combine(folder, "n-cli.key");
        string wrongKeyFile = Path.Combine(folder, "wrong.key");
        string caFile = Path.Combine(folder, "ca.pem");
        await File.WriteAllTextAsync(keyFile, Convert.ToHexStringLower(LinkHarness.KeyFor("n-cli")) + "\n");
        await File.WriteAllTextAsync(wrongKeyFile, Convert.ToHexStringLower(LinkHarness.KeyFor("n-other")));
        await File.WriteAllTextAsync(caFile, broker.CaPem);
        string[] common = ["--broker", broker.Address.ToString(), "--topic-root", MosquittoBroker.TopicRoot, "--ca-file", caFile,
            "--username", MosquittoBroker.CommandCentreUser, "--password", MosquittoBroker.CommandCentrePassword, "--format", "json"];
        try
        {
            var status = await RunWhileNodesRun(harness, ["command", "n-cli", "request-status", "--key-file", keyFile, "--timeout", "20s", .. common]);
            var lamp = await RunWhileNodesRun(harness, ["command", "n-cli", "lamp-level", "40", "--key-file", keyFile, "--timeout", "20s", .. common]);
            var forged = await RunWhileNodesRun(harness, ["command", "n-cli", "request-status", "--key-file", wrongKeyFile, "--timeout", "3s", .. common]);
            var badArgument = await RunWhileNodesRun(harness, ["command", "n-cli", "lamp-level", "140", "--key-file", keyFile, "--timeout", "20s", .. common]);

            Assert.AreEqual(ExitCodes.Ok, status.Exit, status.Out + status.Error);
            Assert.AreEqual("ok", Result(status.Out));
            Assert.AreEqual((ExitCodes.Ok, "ok"), (lamp.Exit, Result(lamp.Out)), lamp.Out + lamp.Error);
            Assert.AreEqual(40f, node.Runtime.Lighting.AppliedLevelPct, 0.5f, "the virtual lamp took the signed level");
            Assert.AreEqual(ExitCodes.AckNotVerified, forged.Exit, "an ack signed with the node's key does not verify under the wrong key");
            StringAssert.Contains(forged.Error, "does not verify under");
            StringAssert.Contains(forged.Error, "'bad-signature'");
            Assert.AreEqual(ExitCodes.InvalidInput, badArgument.Exit);
            StringAssert.Contains(badArgument.Error, "PERCENT '140' is not a whole number in 0..100");
            Assert.IsTrue(ulong.Parse(await File.ReadAllTextAsync(keyFile + ".counter")) > 1_700_000_000_000UL, "counter kept next to the key, from Unix milliseconds");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task SimulateRidesOutAnOutage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await CityEdgeCli.RunAsync(["simulate", "--nodes", "2", "--speed", "0", "--outage-at", "5m", "--outage", "2h"], CliConsole.ForTest(output, error));

        string text = output.ToString();
        Assert.AreEqual(ExitCodes.Ok, exit, text + error);
        StringAssert.Contains(text, "backlog drained, 0 dropped");
        StringAssert.Contains(text, "0 missing, 0 duplicate(s), 0 bad frame(s), 0 unsent");
        StringAssert.Contains(text, "Run extended to");
    }

    [TestMethod]
    public async Task SimulateGivesItsOutageFiguresInJson()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await CityEdgeCli.RunAsync(["simulate", "--nodes", "2", "--speed", "0", "--outage-at", "5m", "--outage", "2h", "--format", "json"], CliConsole.ForTest(output, error));

        Assert.AreEqual(ExitCodes.Ok, exit, output.ToString() + error);
        Json.CliSchemas.AssertValid("simulate", output.ToString());
        var summary = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(l => l.GetProperty("kind").GetString() == "summary");
        var outage = summary.GetProperty("outage");

        // Two hours at the default report.period_s = 60 is 120 reports per node, all waiting at the end of the
        // outage; the nodes' parking and lighting events wait with them.
        int backlog = outage.GetProperty("peak_backlog_frames").GetInt32();
        Assert.IsInRange(2 * 120, (2 * 120) + summary.GetProperty("events").GetInt32() + 2, backlog);
        Assert.AreEqual(0, outage.GetProperty("unsent").GetInt32());
        Assert.AreEqual(0, outage.GetProperty("dropped").GetInt32());

        // At most link.outbox_frames = 32 per node stay in RAM, the rest go to flash; a queued report costs its frame (13 B for
        // climate alone up to TelemetryFrame.MaxLength = 44 B) plus an 8 B record header (docs/mqtt.md).
        int inFlash = outage.GetProperty("peak_flash_frames").GetInt32();
        Assert.IsInRange(backlog - (2 * 32), backlog, inFlash);
        double bytesPerReport = outage.GetProperty("bytes_per_queued_report").GetDouble();
        Assert.IsInRange(13 + 8, 44 + 8, bytesPerReport);
        Assert.AreEqual(bytesPerReport, (double)outage.GetProperty("peak_flash_bytes").GetInt64() / inFlash, 0.05);

        // 128 KiB is 32 segments of 4 KiB, of which 31 always hold data; a record never straddles two.
        long holds = 31 * (4096 / (long)Math.Ceiling(bytesPerReport));
        Assert.AreEqual(holds, outage.GetProperty("flash_holds_reports").GetInt64());
        Assert.AreEqual(Math.Round(holds / 60.0, 1), outage.GetProperty("flash_holds_hours").GetDouble(), "hours at 60 s a report, to 0.1 h");
    }

    [TestMethod]
    public async Task MonitorWatchesATlsBrokerWithTheCommandCentresCredentials()
    {
        var broker = SharedBroker.Get();
        await using var harness = await LinkHarness.StartAsync(broker);
        // Reports every 10 simulated seconds, climate every 5, so a few seconds of wall time see several.
        await harness.AddNodeAsync("n-mon", harness.ConfigText("n-mon", extra: "report.period_s = 10\nclimate.period_s = 5"));
        string caFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(caFile, broker.CaPem);
            var output = new StringWriter();
            var synchronizedOutput = TextWriter.Synchronized(output);
            var console = new CliConsole(CliConsole.ForTest(new StringWriter(), new StringWriter()).Ui, synchronizedOutput, new StringWriter(), interactive: false);
            using var stop = new CancellationTokenSource();
            var monitor = CityEdgeCli.RunAsync(["monitor", "--broker", broker.Address.ToString(), "--topic-root", MosquittoBroker.TopicRoot,
                "--ca-file", caFile, "--username", MosquittoBroker.CommandCentreUser, "--password", MosquittoBroker.CommandCentrePassword,
                "--format", "json"], console, stop.Token);
            // The synchronized writer locks on itself per call: read under the same lock to never see half a line.
            // Other tests' nodes share this broker and root, so only n-mon's reports count here.
            Func<List<JsonElement>> reports = () =>
            {
                lock (synchronizedOutput)
                {
                    return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
                        .Where(r => r.GetProperty("kind").GetString() == "report" && r.GetProperty("node").GetString() == "n-mon").ToList();
                }
            };
            Assert.IsTrue(await harness.RunUntilAsync(() => reports().Count >= 2, TimeSpan.FromMinutes(30)), "reports arrive over TLS");
            await stop.CancelAsync();

            // Other tests' nodes share this root and may lose reports on purpose: only n-mon's figures count.
            int exit = await monitor;
            Assert.IsTrue(exit is ExitCodes.Ok or ExitCodes.DataProblem, "exit " + exit);
            JsonElement summary;
            lock (synchronizedOutput)
            {
                summary = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]).RootElement;
            }

            var mine = summary.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("node").GetString() == "n-mon");
            Assert.AreEqual(0, mine.GetProperty("missing").GetInt32());
            Assert.AreEqual(0, mine.GetProperty("bad_frames").GetInt32());
            var sequences = reports().Select(r => r.GetProperty("sequence").GetInt32()).ToList();
            CollectionAssert.AreEqual(Enumerable.Range(sequences[0], sequences.Count).ToList(), sequences, "decoded, in order");

            var refused = await RunWhileNodesRun(harness, ["monitor", "--broker", broker.Address.ToString(), "--ca-file", caFile,
                "--username", MosquittoBroker.CommandCentreUser, "--password", "wrong", "--duration", "2s"]);
            Assert.AreEqual(ExitCodes.BrokerUnavailable, refused.Exit);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    private static async Task<(int Exit, string Out, string Error)> RunWhileNodesRun(LinkHarness harness, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = CityEdgeCli.RunAsync(args, CliConsole.ForTest(output, error));
        await harness.RunUntilAsync(() => run.IsCompleted, TimeSpan.FromHours(1));
        int exit = await run;
        return (exit, output.ToString(), error.ToString());
    }

    private static string? Result(string json) =>
        JsonDocument.Parse(json.Trim().Split('\n')[^1]).RootElement.GetProperty("result").GetString();
}
