// Signature-only declarations: API facts (names and types), no library code (../README.md).
// Read in a January 2026 snapshot; 1.2.987 is the July 2026 package the Samples use (docs/device-app.md "Not verified").
// assembly: Iot.Device.DhcpServer, Version=1.2.0.0
// package: nanoFramework.Iot.Device.DhcpServer 1.2.987
// references: System.Net
// source: nanoframework/nanoFramework.IoT.Device @ 122ebb1a7aa12f29df2c177a8f79dca963fa4c1e, devices/DhcpServer/DhcpServer.cs
namespace Iot.Device.DhcpServer
{
    using System.Net;

    public class DhcpServer : System.IDisposable
    {
        public DhcpServer() { }
        public string CaptivePortalUrl { get => throw null; set => throw null; }
        public IPAddress DnsServer { get => throw null; set => throw null; }
        public IPAddress Gateway { get => throw null; set => throw null; }
        public bool Start(IPAddress address, IPAddress mask, ushort timeToLeave = 1200) => throw null;
        public void Stop() => throw null;
        public void Dispose() => throw null;
    }
}
