using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Link;
using MQTTnet;

namespace CityEdge.Host.Tests.Reports;

/// <summary>
/// A receiver that stops (monitor's --duration or Ctrl+C, simulate's end) leaves no session on the
/// broker: its client ids are its own, so nobody would resume them, and a kept MQTT 5 session queues
/// the fleet's QoS 1 reports for SessionExpiry (10 min) after every run. Checked on mosquitto, the
/// broker docs/mqtt.md has a city run: reconnecting with a stopped receiver's client id and clean start
/// off must find no session. The receiver leaves with a session expiry of 1 s (a 0 is not sent by
/// MQTTnet); mosquitto expires sessions once a second, so the probe waits 5 s (one look: a probe that
/// found the session would take it over and end it itself).
/// </summary>
[TestClass]
public sealed class ReceiverSessionEndTests
{
    [TestMethod]
    public async Task AStoppedReceiverLeavesNoSessionBehind()
    {
        var broker = SharedBroker.Get();
        var receiver = await TelemetryReceiver.ConnectAsync(broker.CommandCentre, MosquittoBroker.TopicRoot, new ReceiverOptions { SeparateTelemetry = true }, CancellationToken.None);
        var clientIds = receiver.ClientIds;
        Assert.HasCount(2, clientIds, "events and status on one connection, telemetry on another");
        await receiver.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));

        foreach (string clientId in clientIds)
        {
            using var probe = new MqttClientFactory().CreateMqttClient();
            var options = broker.CommandCentre.Apply(new MqttClientOptionsBuilder())
                .WithClientId(clientId)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithCleanStart(false)
                .WithSessionExpiryInterval(0)
                .WithTimeout(TimeSpan.FromSeconds(30))
                .Build();
            var connected = await probe.ConnectAsync(options);
            Assert.AreEqual(MqttClientConnectResultCode.Success, connected.ResultCode);
            Assert.IsFalse(connected.IsSessionPresent, clientId + ": the broker still kept the stopped receiver's session");
            await probe.DisconnectAsync();
        }
    }
}
