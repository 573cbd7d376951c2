using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Link;
using CityEdge.Host.Tests.Network;
using CityEdge.Hal;

namespace CityEdge.Host.Tests.Reports;

/// <summary>
/// The command centre scales out with MQTT 5 shared subscriptions (issue 19): members of one group
/// each get part of the telemetry (MQTT 5 section 4.8.2: each message to one member), and because
/// they tally together, nothing shows as missing or duplicated. MQTTnet.Server 5.2 (the embedded
/// broker) refuses shared subscriptions, so the group runs against mosquitto, which has them.
/// </summary>
[TestClass]
public sealed class SharedSubscriptionTests
{
    [TestMethod]
    public async Task TwoMembersOnMosquittoGetEveryReportOnceBetweenThem()
    {
        var broker = SharedBroker.Get();
        await using var receiver = await TelemetryReceiver.ConnectAsync(broker.CommandCentre, MosquittoBroker.TopicRoot, new ReceiverOptions { ShareGroup = "centre" }, CancellationToken.None);
        await receiver.AddMemberAsync(CancellationToken.None);
        int raised = 0;
        receiver.ReportReceived += _ => Interlocked.Increment(ref raised);
        await using var node = await MqttNetLink.ConnectAsync(broker.Node("n-a"), "n-a", MosquittoBroker.TopicRoot + "/n-a/status", [], CancellationToken.None);

        const int reports = 40;
        for (int sequence = 0; sequence < reports; sequence++)
        {
            Assert.IsTrue(await node.PublishAndWaitAsync(MosquittoBroker.TopicRoot + "/n-a/telemetry", TestPublisher.Heartbeat(sequence), MessageQos.AtLeastOnce, retain: false));
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (receiver.Nodes.Sum(n => n.Received + n.Sequences.Duplicates) < reports && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        var tally = receiver.Nodes.Single(n => n.NodeId == "n-a");
        Assert.AreEqual(reports, tally.Received, "every report, through either member");
        Assert.AreEqual(0, tally.Sequences.Missing, "the members' halves make one sequence");
        Assert.AreEqual(0, tally.Sequences.Duplicates, "a shared subscription hands each message to one member only");
        Assert.AreEqual(reports, Volatile.Read(ref raised), "the member's reports are raised by the receiver it joined");
    }

    [TestMethod]
    public async Task TheEmbeddedBrokerRefusesASharedSubscriptionAndTheReceiverSaysSo()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        var refused = await Assert.ThrowsExactlyAsync<MQTTnet.Exceptions.MqttCommunicationException>(() =>
            TelemetryReceiver.ConnectAsync(MqttClientSettings.Plain(broker.Address), "t/shared", new ReceiverOptions { ShareGroup = "centre" }, CancellationToken.None));
        StringAssert.Contains(refused.Message, "$share/centre/t/shared/+/telemetry (SharedSubscriptionsNotSupported)");
    }
}
