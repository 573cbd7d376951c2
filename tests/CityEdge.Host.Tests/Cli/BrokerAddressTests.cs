using CityEdge.Host.Mqtt;

namespace CityEdge.Host.Tests.Cli;

[TestClass]
public sealed class BrokerAddressTests
{
    [TestMethod]
    [DataRow("127.0.0.1:1884", "127.0.0.1", 1884)]
    [DataRow("broker.city", "broker.city", 1883)]
    [DataRow("[::1]:8883", "::1", 8883)]
    public void ParsesHostAndPort(string text, string host, int port)
    {
        var address = BrokerAddress.Parse(text);
        Assert.AreEqual(host, address.Host);
        Assert.AreEqual(port, address.Port);
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow(":1883", "host is empty")]
    [DataRow("host:0", "port '0'")]
    [DataRow("[::1", "without ']'")]
    public void RejectsWithAReason(string text, string reason)
    {
        var ex = Assert.ThrowsExactly<FormatException>(() => BrokerAddress.Parse(text));
        StringAssert.Contains(ex.Message, reason);
    }
}
