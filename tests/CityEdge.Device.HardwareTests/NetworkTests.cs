using System.Text;
using System.Threading;
using CityEdge.Device.Hal;
using CityEdge.Hal;
using CityEdge.Link;
using nanoFramework.TestFramework;

namespace CityEdge.Tests.Hardware
{
    /// <summary>
    /// Wi-Fi join and an MQTT round trip to the bench broker named in I:\cityedge.conf (plain TCP: set
    /// mqtt.tls = false there, docs/hil.md), through the device's M2MqttLink under the core's contract:
    /// CONNACK, SUBACK, PUBACK and the message echoed back by the broker each arrive in the inbox.
    /// </summary>
    [TestClass]
    public class NetworkTests
    {
        [TestMethod]
        public void TheNodeJoinsWifiAndItsMessageMakesTheRoundTripThroughTheBroker()
        {
            WifiJoin wifi = new WifiJoin(Bench.Config.WifiSsid, Bench.Config.WifiPassword, Bench.Log);
            Assert.IsTrue(wifi.EnsureJoined(60000, true), "joined '" + Bench.Config.WifiSsid + "' within 60 s");


            M2MqttLink link = new M2MqttLink(Bench.Config.MqttHost, Bench.Config.MqttPort, false, null, null, wifi, Bench.Log);
            link.Start();
            LinkInbox inbox = new LinkInbox();
            string topic = Bench.Config.TopicRoot + "/" + Bench.Config.NodeId + "/hil";
            link.BeginConnect(new ConnectRequest(Bench.Config.NodeId + "-hil", Bench.Config.MqttUsername, Bench.Config.MqttPassword, topic, new byte[] { 0x30 }), inbox);
            int value;
            bool ok;
            Assert.AreEqual(LinkInbox.Connected, Await(inbox, 40000, out value, out ok), "CONNACK");

            int subscription = link.Subscribe(topic, MessageQos.AtLeastOnce);
            Assert.AreEqual(LinkInbox.SubscribeDone, Await(inbox, 10000, out value, out ok), "SUBACK");
            Assert.AreEqual(subscription, value, "SUBACK id");
            Assert.IsTrue(ok, "subscription granted");

            byte[] payload = Encoding.UTF8.GetBytes("hil round trip");
            int id = link.Publish(topic, 0, payload, 0, payload.Length, MessageQos.AtLeastOnce, false);
            Assert.AreEqual(LinkInbox.PublishDone, Await(inbox, 10000, out value, out ok), "PUBACK");
            Assert.AreEqual(id, value, "PUBACK id");
            Assert.IsTrue(ok, "delivered");

            LinkMessage echo = null;
            for (int wait = 0; wait < 100 && echo == null; wait++)
            {
                Thread.Sleep(100);
                echo = inbox.TakeMessage();
            }

            link.Drop();
            Assert.IsNotNull(echo, "the broker sent the message back within 10 s");
            Assert.AreEqual(topic, echo.Topic, "topic");
            Assert.AreEqual(Encoding.UTF8.GetString(payload, 0, payload.Length), Encoding.UTF8.GetString(echo.Payload, 0, echo.Payload.Length), "payload");
        }

        /// <summary>The kind of the next event within <paramref name="timeoutMs"/>, with its value and outcome.</summary>
        private static int Await(LinkInbox inbox, int timeoutMs, out int value, out bool ok)
        {
            int kind;
            int outcome;
            string detail;
            for (int waited = 0; waited < timeoutMs; waited += 50)
            {
                if (inbox.TakeEvent(out kind, out value, out outcome, out ok, out detail))
                {
                    return kind;
                }

                Thread.Sleep(50);
            }

            Assert.IsTrue(false, "no answer within " + timeoutMs.ToString() + " ms");
            value = 0;
            ok = false;
            return 0;
        }
    }
}
