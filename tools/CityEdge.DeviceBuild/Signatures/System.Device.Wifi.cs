// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.Device.Wifi, Version=1.5.149.0
// package: nanoFramework.System.Device.Wifi 1.5.149
// references: System.Net, System.Threading
// source: nanoframework/System.Device.Wifi @ 282a90676d5b2b7fa583a4efeb47ec5cac77fa0e, System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs, WifiReconnectionKind.cs
namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}

namespace nanoFramework.Networking
{
    using System.Device.Wifi;
    using System.Threading;

    public static class WifiNetworkHelper
    {
        public static NetworkHelperStatus Status => throw null;
        public static System.Exception HelperException => throw null;
        public static void Disconnect() => throw null;
        public static bool ConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw null;
        public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw null;
        public static void Reset() => throw null;
    }
}
