using System.Text;
using System.Text.Json;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Network;

namespace CityEdge.Host.Tests.Reports;

/// <summary>The command centre keeps a node's whole status from its full messages and the delta after them (docs/mqtt.md).</summary>
[TestClass]
public sealed class StatusDeltaTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task TheLatestDeltaAppliedToTheLastFullIsTheStatus()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var receiver = await TelemetryReceiver.ConnectAsync(broker.Address, "t/s", CancellationToken.None);
        await using var publisher = await TestPublisher.ConnectAsync(broker.Address);

        await publisher.PublishAsync("t/s/n1/status", Encoding.UTF8.GetBytes("""{"state":"online","status_seq":3,"node":"n1","uptime_s":900,"reports":15,"queue_dropped":0,"loop_max_ms":40,"first_sequence":64}"""));
        await publisher.PublishAsync("t/s/n1/status", Encoding.UTF8.GetBytes("""{"status_seq":4,"uptime_s":1200,"reports":20,"queue_dropped":2,"loop_max_ms":90}"""));
        await publisher.PublishAsync("t/s/n1/status", Encoding.UTF8.GetBytes("""{"status_seq":5,"uptime_s":1500,"reports":25,"queue_dropped":2}"""));
        var tally = await WaitForAsync(receiver, "n1", json => json.Contains("1500", StringComparison.Ordinal));

        var status = JsonDocument.Parse(tally.LastStatusJson!).RootElement;
        Assert.AreEqual("online", status.GetProperty("state").GetString());
        Assert.AreEqual("n1", status.GetProperty("node").GetString(), "kept from the full");
        Assert.AreEqual(1500, status.GetProperty("uptime_s").GetInt32(), "the latest delta's");
        Assert.AreEqual(25, status.GetProperty("reports").GetInt32());
        Assert.AreEqual(2, status.GetProperty("queue_dropped").GetInt32());
        Assert.AreEqual(40, status.GetProperty("loop_max_ms").GetInt32(), "absent from the latest delta: the full's value again, not the delta before's");
        Assert.AreEqual(64, status.GetProperty("first_sequence").GetInt32());
        Assert.AreEqual(5, status.GetProperty("status_seq").GetInt32());
        Assert.IsTrue(tally.StatusComplete);
        Assert.AreEqual("online", tally.State);

        // Status message 6 never came: nothing is lost, 7 says all that differs from the full.
        await publisher.PublishAsync("t/s/n1/status", Encoding.UTF8.GetBytes("""{"status_seq":7,"uptime_s":4800,"reports":80,"queue_dropped":2}"""));
        tally = await WaitForAsync(receiver, "n1", json => json.Contains("4800", StringComparison.Ordinal));
        Assert.IsTrue(tally.StatusComplete);

        // The node restarted its numbering and its new full has not come: fields may be stale.
        await publisher.PublishAsync("t/s/n1/status", Encoding.UTF8.GetBytes("""{"status_seq":1,"uptime_s":300,"reports":5}"""));
        tally = await WaitForAsync(receiver, "n1", json => json.Contains("\"uptime_s\":300", StringComparison.Ordinal));
        Assert.IsFalse(tally.StatusComplete);

        // Its next full makes it whole again.
        await publisher.PublishAsync("t/s/n1/status", Encoding.UTF8.GetBytes("""{"state":"online","status_seq":2,"node":"n1","uptime_s":600,"reports":10,"queue_dropped":0,"loop_max_ms":30,"first_sequence":200}"""));
        tally = await WaitForAsync(receiver, "n1", json => json.Contains("\"uptime_s\":600", StringComparison.Ordinal));
        Assert.IsTrue(tally.StatusComplete);
    }

    private static async Task<NodeTally> WaitForAsync(TelemetryReceiver receiver, string nodeId, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (receiver.Nodes.FirstOrDefault(n => n.NodeId == nodeId) is { LastStatusJson: { } json } tally && done(json))
            {
                return tally;
            }

            await Task.Delay(20);
        }

        throw new AssertFailedException("the status did not arrive within 30 s");
    }
}
