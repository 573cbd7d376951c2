// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.Net, Version=1.11.60.0
// package: nanoFramework.System.Net 1.11.60
// references: System.Threading
// source: nanoframework/System.Net @ 713b02c9fea5265e4e70981a9115daa3b5745c4c, nanoFramework.System.Net/X509Certificates/X509Certificate.cs, X509Certificate2.cs, NetworkHelper/NetworkHelperStatus.cs, NetworkHelper/NetworkHelper.cs, IPAddress.cs, NetworkInformation/NetworkInterface.cs, NetworkInterfaceType.cs, WirelessAPConfiguration.cs, AuthenticationType.cs
namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate() { }
        public X509Certificate(byte[] certificate) { }
        public X509Certificate(string certificate) { }
        public virtual string Issuer => throw null;
        public virtual string Subject => throw null;
        public virtual DateTime GetEffectiveDate() => throw null;
        public virtual DateTime GetExpirationDate() => throw null;
        public virtual byte[] GetRawCertData() => throw null;
    }

    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2() { }
        public X509Certificate2(byte[] rawData) { }
        public X509Certificate2(string certificate) { }
        public X509Certificate2(string rawData, string key, string password) { }
        public X509Certificate2(byte[] rawData, string key, string password) { }
        public X509Certificate2(byte[] rawData, byte[] key, string password) { }
        public bool HasPrivateKey => throw null;
        public DateTime NotAfter => throw null;
        public DateTime NotBefore => throw null;
    }
}

namespace System.Net
{
    public class IPAddress
    {
        public IPAddress(long newAddress) { }
        public IPAddress(byte[] address) { }
        public static IPAddress Parse(string ipString) => throw null;
    }
}

namespace System.Net.NetworkInformation
{
    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }

    public enum AuthenticationType : byte
    {
        None = 0,
        EAP,
        PEAP,
        WCN,
        Open,
        Shared,
        WEP,
        WPA,
        WPA2,
    }

    public class NetworkInterface
    {
        public static NetworkInterface[] GetAllNetworkInterfaces() => throw null;
        public void EnableStaticIPv4(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress) => throw null;
        public void EnableDhcp() => throw null;
        public string IPv4Address => throw null;
        public bool IsDhcpEnabled => throw null;
        public byte[] PhysicalAddress { get => throw null; set => throw null; }
        public NetworkInterfaceType NetworkInterfaceType => throw null;
        public uint SpecificConfigId => throw null;
    }

    public class WirelessAPConfiguration
    {
        public WirelessAPConfiguration(uint id) { }
        public AuthenticationType Authentication { get => throw null; set => throw null; }
        public string Password { get => throw null; set => throw null; }
        public string Ssid { get => throw null; set => throw null; }
        public ConfigurationOptions Options { get => throw null; set => throw null; }
        public byte Channel { get => throw null; set => throw null; }
        public byte MaxConnections { get => throw null; set => throw null; }
        public void SaveConfiguration() => throw null;
        public static WirelessAPConfiguration[] GetAllWirelessAPConfigurations() => throw null;

        public enum ConfigurationOptions : byte
        {
            None = 0,
            Enable = 0x02,
            AutoStart = 0x04 | Enable,
        }
    }
}

namespace nanoFramework.Networking
{
    public static class NetworkHelper
    {
        public static NetworkHelperStatus Status => throw null;
        public static bool SetupAndConnectNetwork(System.Threading.CancellationToken token = default, bool requiresDateTime = false) => throw null;
    }

    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
        Reconnecting,
    }
}
