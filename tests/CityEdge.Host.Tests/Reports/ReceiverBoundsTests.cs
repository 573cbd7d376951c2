using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Network;

namespace CityEdge.Host.Tests.Reports;

/// <summary>
/// Whatever any client publishes under the topic root, the receiver's state stays bounded (issue 18,
/// item 4): at most MaxNodes node ids, only valid node ids, and a bounded status per node.
/// </summary>
[TestClass]
public sealed class ReceiverBoundsTests
{
    [TestMethod]
    public async Task MadeUpNodeIdsBeyondTheLimitAreCountedNotTracked()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var receiver = await TelemetryReceiver.ConnectAsync(MqttClientSettings.Plain(broker.Address), "t/flood", new ReceiverOptions { MaxNodes = 20 }, CancellationToken.None);
        var notices = new List<string>();
        receiver.Notice += n => { lock (notices) { notices.Add(n); } };
        await using var publisher = await TestPublisher.ConnectAsync(broker.Address);

        for (int i = 0; i < 60; i++)
        {
            await publisher.ReportAsync("t/flood", $"made-up-{i:D3}", 1);
        }

        // Not node ids a node could have (node.id: a-z, 0-9, '-'; at most 32 characters).
        foreach (string id in new[] { "UPPER", "under_score", new string('a', 33), "-dash" })
        {
            await publisher.ReportAsync("t/flood", id, 1);
        }

        await publisher.PublishAsync("t/flood/made-up-000/status", new byte[100_000]);
        await publisher.PublishAsync("t/flood/made-up-001/status", "{\"state\":\"online\",\"first_sequence\":7}"u8.ToArray());
        await publisher.PublishAsync("t/flood/made-up-002/status", "[1,2,3]"u8.ToArray());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((receiver.IgnoredMessages < 44 || receiver.Nodes.FirstOrDefault(n => n.NodeId == "made-up-002")?.State == null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.AreEqual(20, receiver.Nodes.Count);
        Assert.AreEqual(40 + 4, receiver.IgnoredMessages);
        Assert.AreEqual(1, notices.Count, "said once");
        StringAssert.Contains(notices[0], "20 nodes are tracked");
        var nodes = receiver.Nodes.ToDictionary(n => n.NodeId);
        Assert.IsNull(nodes["made-up-000"].LastStatusJson, "a 100 kB status is not kept");
        Assert.AreEqual("unreadable status", nodes["made-up-000"].State);
        Assert.AreEqual("online", nodes["made-up-001"].State);
        Assert.AreEqual("?", nodes["made-up-002"].State, "a status that is not an object is unreadable, not a crash");
    }

    [TestMethod]
    public async Task OtherFleetsRetainedStatusesDoNotTakeTheTrackedSlots()
    {
        // Before, simulate's receiver counted every node id on the broker: retained statuses of earlier
        // runs filled its 10 000 slots and a 10 000-node fleet's own reports were ignored.
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var publisher = await TestPublisher.ConnectAsync(broker.Address);
        for (int i = 1; i <= 5; i++)
        {
            await publisher.PublishAsync($"t/fleets/old-{i:D2}/status", "{\"state\":\"offline\"}"u8.ToArray(), retain: true);
        }

        await using var receiver = await TelemetryReceiver.ConnectAsync(MqttClientSettings.Plain(broker.Address), "t/fleets",
            new ReceiverOptions { MaxNodes = 2, Tracks = id => id.StartsWith("new-", StringComparison.Ordinal) }, CancellationToken.None);
        await publisher.ReportAsync("t/fleets", "new-01", 1);
        await publisher.ReportAsync("t/fleets", "new-02", 1);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (receiver.Nodes.Sum(n => n.Received) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        CollectionAssert.AreEqual(new[] { "new-01", "new-02" }, receiver.Nodes.Select(n => n.NodeId).ToArray());
        Assert.AreEqual(2, receiver.Nodes.Sum(n => n.Received));
    }
}
