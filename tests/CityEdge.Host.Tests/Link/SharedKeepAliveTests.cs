using CityEdge.Host.Mqtt;
using CityEdge.Host.Performance;
using CityEdge.Link;
using CityEdge.Node;

namespace CityEdge.Host.Tests.Link;

/// <summary>A fleet's shared keep-alive: the CONNECT still carries the node's keep-alive, MQTTnet's own
/// per-client loop is off, and the keeper's PINGREQs keep the connection.</summary>
[TestClass]
public sealed class SharedKeepAliveTests
{
    [TestMethod]
    public async Task TheSharedKeeperAloneKeepsTheConnectionWithTheNodesKeepAliveInItsConnect()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var meter = WireMeter.Start(broker.Address, () => 0);
        await using var keeper = new SharedKeepAlive();
        await using var heldStill = new SharedKeepAlive(TimeSpan.FromHours(1));
        await using var kept = MqttNetLink.Create(MqttClientSettings.Plain(meter.Address) with { KeepAlive = keeper });
        await using var unkept = MqttNetLink.Create(MqttClientSettings.Plain(meter.Address) with { KeepAlive = heldStill });
        var keptInbox = new LinkInbox();
        var unkeptInbox = new LinkInbox();

        // Keep-alives of seconds, so that silence matters within seconds (the broker allows 1.5 times it).
        unkept.BeginConnect(new ConnectRequest("n-unkept", null!, null!, "c/n-unkept/status", NodeStatus.Offline(), 1), unkeptInbox);
        Assert.IsTrue(await Until(() => Events(unkeptInbox).Contains(LinkInbox.ConnectionLost)), "the broker closed the link whose keeper never ran");

        // The CONNECT said 1 s: had MQTTnet's own loop run, it would have pinged (every 250 ms it looks).
        Assert.AreEqual(1, meter.KeepAliveS, "the CONNECT carries the node's keep-alive, not 0");
        Assert.AreEqual(0, WirePings(meter), "nothing pinged the link whose keeper never ran");

        kept.BeginConnect(new ConnectRequest("n-kept", null!, null!, "c/n-kept/status", NodeStatus.Offline(), 2), keptInbox);
        Assert.IsTrue(await Until(() => WirePings(meter) >= 3), "the keeper pinged the silent link");
        Assert.AreEqual(2, meter.KeepAliveS);
        Assert.IsTrue(kept.IsConnected, "the broker kept the pinged link");
        CollectionAssert.DoesNotContain(Events(keptInbox), LinkInbox.ConnectionLost);
        Assert.IsTrue(WirePings(meter) <= keeper.Pings, $"{WirePings(meter)} PINGREQs on the wire, {keeper.Pings} from the keeper");
    }

    private static long WirePings(WireMeter meter) => meter.Upstream().FirstOrDefault(c => c.Kind == "pings")?.Packets ?? 0;

    private static List<int> Events(LinkInbox inbox)
    {
        var kinds = new List<int>();
        while (inbox.TakeEvent(out int kind, out _, out _, out _, out _))
        {
            kinds.Add(kind);
        }

        return kinds;
    }

    private static async Task<bool> Until(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
