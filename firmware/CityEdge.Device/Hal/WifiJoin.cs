using System.Device.Wifi;
using System.Threading;
using CityEdge.Diagnostics;
using nanoFramework.Networking;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// Joins the Wi-Fi network with System.Device.Wifi's WifiNetworkHelper.ConnectDhcp (DHCP, with
    /// WifiReconnectionKind.Automatic so the platform rejoins by itself after a drop). ConnectDhcp is
    /// documented as retryable, so a join that failed at boot (access point down) is retried by the
    /// link's connect thread through <see cref="EnsureJoined"/> until it succeeds once.
    /// </summary>
    public sealed class WifiJoin
    {
        private const string LogTag = "wifi";
        private readonly string _ssid;
        private readonly string _password;
        private readonly ILogSink _log;
        private bool _joined;

        public WifiJoin(string ssid, string password, ILogSink log)
        {
            _ssid = ssid;
            _password = password;
            _log = log;
        }

        /// <summary>True once a join has succeeded (afterwards the platform reconnects on its own).</summary>
        public bool IsJoined
        {
            get { return _joined; }
        }

        /// <summary>
        /// Joins if no join has succeeded yet; blocks at most <paramref name="timeoutMs"/>. With
        /// <paramref name="waitForTime"/> the helper also waits for SNTP to set the clock; running out of
        /// time while only the clock is missing still counts as joined (the clock reports NotSet itself).
        /// </summary>
        public bool EnsureJoined(int timeoutMs, bool waitForTime)
        {
            if (_joined)
            {
                return true;
            }

            if (_ssid == null || _ssid.Length == 0)
            {
                // No SSID: a wired board (its firmware brings Ethernet up), or a network profile stored on the
                // device (Device Explorer / nanoff --networkdeployment); either way the platform connects by itself.
                _joined = true;
                _log.Write(LogLevel.Info, LogTag, "no Wi-Fi to join: the network comes up by itself (Ethernet, or the device's stored Wi-Fi profile)");
                return true;
            }

            CancellationTokenSource cts = new CancellationTokenSource(timeoutMs);
            bool ok = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, requiresDateTime: waitForTime, token: cts.Token);
            NetworkHelperStatus status = WifiNetworkHelper.Status;
            cts.Dispose();
            if (ok || status == NetworkHelperStatus.TokenExpiredWaitingDateTime)
            {
                _joined = true;
                _log.Write(LogLevel.Info, LogTag, ok ? "joined '" + _ssid + "', clock set" : "joined '" + _ssid + "', clock not set yet");
                return true;
            }

            _log.Write(LogLevel.Warning, LogTag, "join '" + _ssid + "' failed, status " + (int)status
                + (WifiNetworkHelper.HelperException != null ? ", " + WifiNetworkHelper.HelperException.Message : string.Empty));
            return false;
        }
    }
}
