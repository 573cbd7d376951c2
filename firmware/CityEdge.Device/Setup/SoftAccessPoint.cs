using System.Net;
using System.Net.NetworkInformation;
using CityEdge.Diagnostics;
using Iot.Device.DhcpServer;

namespace CityEdge.Device.Setup
{
    /// <summary>
    /// The setup access point: nanoFramework's Wi-Fi soft AP with a static address and a DHCP server, so a
    /// phone that joins it gets an address and is sent to the setup page. nanoFramework starts the soft AP only
    /// at boot from its stored configuration, so <see cref="Enable"/> and <see cref="Disable"/> take effect
    /// at the next restart (the core's SetupGate plans those restarts).
    /// <para>APIs checked in nanoframework/System.Net @ 713b02c9fea5265e4e70981a9115daa3b5745c4c
    /// (nanoFramework.System.Net 1.11.60): NetworkInterface.GetAllNetworkInterfaces, NetworkInterfaceType,
    /// SpecificConfigId, EnableStaticIPv4(string, string, string), IPv4Address, PhysicalAddress;
    /// WirelessAPConfiguration.GetAllWirelessAPConfigurations, Options (ConfigurationOptions.None, Enable,
    /// AutoStart = 0x04 | Enable), Ssid, MaxConnections, Authentication, Password, SaveConfiguration;
    /// IPAddress.Parse, IPAddress(byte[]). nanoframework/nanoFramework.IoT.Device @ 122ebb1a devices/DhcpServer
    /// (NuGet nanoFramework.Iot.Device.DhcpServer 1.2.987): DhcpServer.CaptivePortalUrl, Start(IPAddress,
    /// IPAddress, ushort = 1200). Usage as in nanoframework/Samples @ 121ef044 samples/WiFiAP.</para>
    /// </summary>
    public static class SoftAccessPoint
    {
        /// <summary>The node's address on its setup network; the page is http://192.168.4.1/.</summary>
        public const string Address = "192.168.4.1";

        private const string Mask = "255.255.255.0";
        private const string LogTag = "setup";

        /// <summary>True when the access point is configured to start at boot (and so is running now).</summary>
        public static bool IsEnabled()
        {
            NetworkInterface ni = Interface();
            if (ni == null)
            {
                return false;
            }

            WirelessAPConfiguration config = Configuration(ni);
            return (config.Options & WirelessAPConfiguration.ConfigurationOptions.AutoStart) == WirelessAPConfiguration.ConfigurationOptions.AutoStart
                && ni.IPv4Address == Address;
        }

        /// <summary>Stores an open access point named <paramref name="ssid"/>, one client at a time, for the next boot.</summary>
        public static bool Enable(string ssid, ILogSink log)
        {
            NetworkInterface ni = Interface();
            if (ni == null)
            {
                log.Write(LogLevel.Error, LogTag, "this firmware has no Wi-Fi access point interface");
                return false;
            }

            ni.EnableStaticIPv4(Address, Mask, Address);
            WirelessAPConfiguration config = Configuration(ni);
            config.Options = WirelessAPConfiguration.ConfigurationOptions.AutoStart;
            config.Ssid = ssid;
            config.MaxConnections = 1;
            config.Authentication = AuthenticationType.Open;
            config.Password = string.Empty;
            config.SaveConfiguration();
            return true;
        }

        /// <summary>Stores "no access point" for the next boot.</summary>
        public static void Disable()
        {
            NetworkInterface ni = Interface();
            if (ni != null)
            {
                WirelessAPConfiguration config = Configuration(ni);
                config.Options = WirelessAPConfiguration.ConfigurationOptions.None;
                config.SaveConfiguration();
            }
        }

        /// <summary>The access point interface's MAC address (for its name), or null.</summary>
        public static byte[] MacAddress()
        {
            NetworkInterface ni = Interface();
            return ni == null ? null : ni.PhysicalAddress;
        }

        /// <summary>Hands out addresses to the phone and points it at the setup page (DHCP option 114,
        /// captive portal, RFC 8910); null when it cannot start.</summary>
        public static DhcpServer StartDhcp(ILogSink log)
        {
            DhcpServer dhcp = new DhcpServer();
            dhcp.CaptivePortalUrl = "http://" + Address + "/";
            if (!dhcp.Start(IPAddress.Parse(Address), new IPAddress(new byte[] { 255, 255, 255, 0 })))
            {
                log.Write(LogLevel.Error, LogTag, "the DHCP server did not start: a phone must set a static address in 192.168.4.x");
                return null;
            }

            return dhcp;
        }

        private static NetworkInterface Interface()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.WirelessAP)
                {
                    return all[i];
                }
            }

            return null;
        }

        private static WirelessAPConfiguration Configuration(NetworkInterface ni)
        {
            return WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ni.SpecificConfigId];
        }
    }
}
