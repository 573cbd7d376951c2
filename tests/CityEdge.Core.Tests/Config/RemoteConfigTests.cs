using System.Text;
using CityEdge.Config;
using CityEdge.Core.Tests.Node;
using CityEdge.Host.Simulation;
using CityEdge.Link;

namespace CityEdge.Core.Tests.Config;

/// <summary>
/// What a node accepts by set-config beyond a valid text (issue 17, defects 3 and 7): TLS is not
/// switched off remotely unless the factory config allowed plaintext, and a refusal's text stays small.
/// </summary>
[TestClass]
public sealed class RemoteConfigTests
{
    private const string TlsFactoryConfig = """
        node.id = lp-9
        mqtt.host = broker.city.example
        mqtt.port = 8883
        config.version = 1
        """;

    private static BootingNode Provisioned(string deployed)
    {
        var store = new MemoryStore();
        BootingNode.ProvisionKey(store);
        var node = new BootingNode(store, deployed, new SimulatedClock(new DateTime(2026, 5, 4, 12, 0, 0, DateTimeKind.Utc)));
        Assert.IsTrue(node.Boot(), string.Join("\n", node.BootErrors));
        node.RunFor(2000);
        return node;
    }

    private static string StoredConfig(BootingNode node) => Encoding.UTF8.GetString(node.Store.ReadAll(ConfigSlots.ActiveFile));

    [TestMethod]
    public void TlsIsTheDefault()
    {
        Assert.IsTrue(Provisioned(TlsFactoryConfig).Config!.MqttTls);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("mqtt.allow_plaintext = true\n")]
    public void ANodeProvisionedWithTlsRefusesAConfigThatTurnsItOff(string optIn)
    {
        // The reproduction: a validly signed config moving the node to a plaintext broker was staged.
        var node = Provisioned(TlsFactoryConfig);
        string before = StoredConfig(node);

        var ack = node.SetConfig("node.id = lp-9\nmqtt.host = broker.city.example\nmqtt.port = 1883\nmqtt.tls = false\n" + optIn + "config.version = 2\n");

        Assert.AreEqual(CommandResult.InvalidArgument, ack.Result, ack.Detail);
        StringAssert.Contains(ack.Detail, "mqtt.tls");
        Assert.AreEqual(before, StoredConfig(node), "nothing staged");
        Assert.IsFalse(node.Store.Exists(ConfigSlots.TrialFile));
        Assert.AreEqual(1, node.Boots, "no reboot");
    }

    [TestMethod]
    public void ARemoteConfigCannotGrantItselfPlaintext()
    {
        var node = Provisioned(TlsFactoryConfig);

        var ack = node.SetConfig("node.id = lp-9\nmqtt.host = broker.city.example\nmqtt.allow_plaintext = true\nconfig.version = 2\n");

        Assert.AreEqual(CommandResult.InvalidArgument, ack.Result);
        StringAssert.Contains(ack.Detail, "mqtt.allow_plaintext");
    }

    [TestMethod]
    public void AFactoryConfigThatAllowsPlaintextLetsTheCommandCentreTurnTlsOffAndWithdrawThePermission()
    {
        var node = Provisioned(TlsFactoryConfig + "\nmqtt.allow_plaintext = true\n");

        var off = node.SetConfig("node.id = lp-9\nmqtt.host = broker.city.example\nmqtt.port = 1883\nmqtt.tls = false\nmqtt.allow_plaintext = true\nconfig.version = 2\n");
        Assert.AreEqual(CommandResult.Ok, off.Result, off.Detail);
        node.RunFor(5000);
        Assert.IsFalse(node.Config!.MqttTls);
        Assert.IsFalse(node.Store.Exists(ConfigSlots.TrialFile), "kept after it reconnected");

        var withdraw = node.SetConfig("node.id = lp-9\nmqtt.host = broker.city.example\nconfig.version = 3\n");
        Assert.AreEqual(CommandResult.Ok, withdraw.Result, withdraw.Detail);
        node.RunFor(5000);
        var again = node.SetConfig("node.id = lp-9\nmqtt.host = broker.city.example\nmqtt.tls = false\nmqtt.allow_plaintext = true\nconfig.version = 4\n");

        Assert.AreEqual(CommandResult.InvalidArgument, again.Result, "withdrawn remotely, it cannot be granted back remotely");
        Assert.AreEqual(3, node.Config!.ConfigVersion);
    }

    [TestMethod]
    public void TheNodeIdCannotBeChangedRemotely()
    {
        var node = Provisioned(TlsFactoryConfig);

        var ack = node.SetConfig("node.id = lp-10\nmqtt.host = broker.city.example\n");

        Assert.AreEqual(CommandResult.InvalidArgument, ack.Result);
        StringAssert.StartsWith(ack.Detail, "node.id: cannot be changed remotely");
    }

    [TestMethod]
    public void ARefusalOfTwoKilobytesOfJunkStaysShortInTheAckAndTheLog()
    {
        // Issue 17, defect 7: 2 KB of junk lines built a 37,837-character error text on the device.
        var node = Provisioned(TlsFactoryConfig);
        var junk = new StringBuilder();
        while (junk.Length < CommandFrame.MaxArgumentLength - 2)
        {
            junk.Append("x\n");
        }

        var ack = node.SetConfig(junk.ToString());

        Assert.AreEqual(CommandResult.InvalidArgument, ack.Result);
        Assert.IsTrue(ack.Detail.Length <= CommandAck.MaxDetailLength, ack.Detail);
        StringAssert.StartsWith(ack.Detail, "line 1: not a 'key = value' line");
        StringAssert.Contains(ack.Detail, "more");
        int longest = node.Log.Lines.Max(l => l.Length);
        Assert.IsTrue(longest < 400, $"a log line of {longest} characters");
    }
}
