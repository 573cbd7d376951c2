using CityEdge.Link;

namespace CityEdge.Core.Tests.Link;

/// <summary>When and with which MQTT version the node connects (formerly M2MqttLink's loop and fallback).</summary>
[TestClass]
public sealed class ConnectionPolicyTests
{
    [TestMethod]
    public void FailuresBackOffByDoublingWithEqualJitterUpToTwoMinutes()
    {
        // Hand-computed ceilings d = 5 s · 2^(k-1), capped at 120 s; each wait lies in [d/2, d].
        long[] ceilings = [5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000];
        var policy = new ConnectionPolicy(seed: 7);
        long now = 0;
        foreach (long d in ceilings)
        {
            policy.OnFailed(ConnectOutcome.Unreachable, 0, now);
            long wait = policy.NextAttemptMs - now;
            Assert.IsTrue(wait >= d / 2 && wait <= d, $"wait {wait} ms outside [{d / 2}, {d}]");
            now = policy.NextAttemptMs;
        }

        Assert.AreEqual(8, policy.ConsecutiveFailures);
        policy.OnConnected(MqttProtocol.Version5);
        policy.OnFailed(ConnectOutcome.Unreachable, 0, now);
        Assert.IsTrue(policy.NextAttemptMs - now <= 5_000, "a success starts the backoff over");
    }

    [TestMethod]
    public void NodesThatFailTogetherSpreadOut()
    {
        var waits = Enumerable.Range(1, 50).Select(seed =>
        {
            var policy = new ConnectionPolicy(seed);
            for (int i = 0; i < 6; i++)
            {
                policy.OnFailed(ConnectOutcome.Unreachable, 0, 0);
            }

            return policy.NextAttemptMs;
        }).ToList();

        Assert.IsTrue(waits.All(w => w >= 60_000 && w <= 120_000));
        Assert.IsGreaterThan(40, waits.Distinct().Count(), "fifty nodes do not come back in lock step");
        Assert.IsGreaterThan(45_000L, waits.Max() - waits.Min(), "they spread over most of the jitter window");
    }

    [TestMethod]
    public void ADroppedConnectionIsRetriedWithinFiveSeconds()
    {
        var policy = new ConnectionPolicy(3);
        policy.OnLost(1_000);
        Assert.IsTrue(policy.NextAttemptMs >= 1_000 && policy.NextAttemptMs <= 6_000);
        Assert.AreEqual(MqttProtocol.Version5, policy.Version);
    }

    [TestMethod]
    [DataRow(ConnectOutcome.Refused, 0x84, DisplayName = "v5 CONNACK 0x84 Unsupported Protocol Version")]
    [DataRow(ConnectOutcome.Refused, 0x01, DisplayName = "3.1.1 CONNACK 0x01 unacceptable protocol version")]
    [DataRow(ConnectOutcome.NoValidAnswer, 0, DisplayName = "a CONNACK the v5 parser cannot read")]
    public void ABrokerThatRefusesMqtt5IsAskedAgainAtOnceIn311AndKeepsIt(ConnectOutcome outcome, int code)
    {
        var policy = new ConnectionPolicy(1);
        Assert.AreEqual(MqttProtocol.Version5, policy.Version, "MQTT 5 first");

        bool atOnce = policy.OnFailed(outcome, code, 10_000);

        Assert.IsTrue(atOnce);
        Assert.AreEqual(10_000, policy.NextAttemptMs);
        Assert.AreEqual(MqttProtocol.Version311, policy.Version);
        policy.OnConnected(MqttProtocol.Version311);
        policy.OnLost(20_000);
        Assert.AreEqual(MqttProtocol.Version311, policy.Version, "3.1.1 is kept for the boot once accepted");
    }

    [TestMethod]
    [DataRow(ConnectOutcome.Unreachable, 0, DisplayName = "TCP/TLS failure")]
    [DataRow(ConnectOutcome.Refused, 0x86, DisplayName = "v5 bad user name or password")]
    [DataRow(ConnectOutcome.Refused, 0x87, DisplayName = "v5 not authorized")]
    public void OtherFailuresSayNothingAboutTheVersion(ConnectOutcome outcome, int code)
    {
        var policy = new ConnectionPolicy(1);

        bool atOnce = policy.OnFailed(outcome, code, 0);

        Assert.IsFalse(atOnce);
        Assert.AreEqual(MqttProtocol.Version5, policy.Version);
        Assert.IsGreaterThanOrEqualTo(2_500L, policy.NextAttemptMs);
    }

    [TestMethod]
    public void AFailed311RetryBacksOffAndStartsAgainWithMqtt5()
    {
        var policy = new ConnectionPolicy(1);
        policy.OnFailed(ConnectOutcome.Refused, 0x84, 0);
        Assert.AreEqual(MqttProtocol.Version311, policy.Version);

        bool atOnce = policy.OnFailed(ConnectOutcome.Unreachable, 0, 0);

        Assert.IsFalse(atOnce);
        Assert.AreEqual(MqttProtocol.Version5, policy.Version);
        Assert.IsGreaterThanOrEqualTo(2_500L, policy.NextAttemptMs);
    }

    [TestMethod]
    public void ProtocolVersionRefusalCodesAreThoseOfBothStandards()
    {
        Assert.IsTrue(MqttProtocol.RefusesProtocolVersion(0x01));
        Assert.IsTrue(MqttProtocol.RefusesProtocolVersion(0x84));
        Assert.IsFalse(MqttProtocol.RefusesProtocolVersion(0x00));
        Assert.IsFalse(MqttProtocol.RefusesProtocolVersion(0x04), "3.1.1 bad user name or password");
        Assert.IsFalse(MqttProtocol.RefusesProtocolVersion(0x85), "v5 client identifier not valid");
    }

    [TestMethod]
    public void SubackCodesBelow0x80GrantTheSubscription()
    {
        Assert.IsTrue(MqttProtocol.SubscriptionGranted(0x00));
        Assert.IsTrue(MqttProtocol.SubscriptionGranted(0x01));
        Assert.IsTrue(MqttProtocol.SubscriptionGranted(0x02));
        Assert.IsFalse(MqttProtocol.SubscriptionGranted(0x80), "3.1.1 failure / v5 unspecified error");
        Assert.IsFalse(MqttProtocol.SubscriptionGranted(0x87), "v5 not authorized (an ACL)");
    }
}
