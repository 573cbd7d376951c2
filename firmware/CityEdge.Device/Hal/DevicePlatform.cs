using System;
using System.Text;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using nanoFramework.Runtime.Native;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// ISystemInfo and INodeControl of the ESP32 node.
    /// <list type="bullet">
    /// <item>Free heap: nanoFramework.Runtime.Native GC.Run(false) ("the amount of free memory, in bytes,
    /// after the garbage collection"); it runs a collection, which is fine once per status message.</item>
    /// <item>RSSI: 0 (unknown). System.Device.Wifi reports RSSI only for scan results
    /// (WifiAvailableNetwork.NetworkRssiInDecibelMilliwatts after WifiAdapter.ScanAsync), and scanning
    /// while connected would interrupt the uplink; nothing reports the connected AP's RSSI.</item>
    /// <item>Reset reason: no managed API exposes the ESP32's reset reason (nanoFramework.Runtime.Native:
    /// Power, GC, SystemInfo, Rtc, ExecutionConstraint; nanoFramework.Hardware.Esp32 only has the deep-sleep
    /// wake-up cause). The app therefore writes the reason of every restart it causes itself ("software",
    /// "watchdog") to <see cref="ReasonFile"/> just before rebooting; a boot without that file reports
    /// "unknown" (power-on, brownout, panic and the ESP-IDF watchdogs cannot be told apart).</item>
    /// </list>
    /// </summary>
    public sealed class DevicePlatform : ISystemInfo, INodeControl
    {
        public const string ReasonFile = "reset.reason";
        private const string LogTag = "platform";

        private readonly IPersistentStore _store;
        private readonly ILogSink _log;

        /// <summary>Reads and removes the reason the previous run left, once per boot.</summary>
        public DevicePlatform(IPersistentStore store, ILogSink log)
        {
            _store = store;
            _log = log;
            string reason = "unknown";
            try
            {
                byte[] recorded = store.ReadAll(ReasonFile);
                if (recorded != null)
                {
                    reason = Encoding.UTF8.GetString(recorded, 0, recorded.Length);
                    store.Delete(ReasonFile);
                }
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Warning, LogTag, "cannot read " + ReasonFile + ": " + ex.Message);
            }

            ResetReason = reason;
        }

        public string ResetReason { get; }

        public long FreeHeapBytes
        {
            get { return nanoFramework.Runtime.Native.GC.Run(false); }
        }

        public int WifiRssiDbm
        {
            get { return 0; }
        }

        /// <summary>Called by the runtime after it has flushed its queue to flash and said "offline".</summary>
        public void Reboot(string reason)
        {
            RebootFor("software", reason);
        }

        /// <summary>Records <paramref name="kind"/> ("software", "watchdog") for the next boot and restarts.</summary>
        public void RebootFor(string kind, string why)
        {
            _log.Write(LogLevel.Warning, LogTag, "restart (" + kind + "): " + why);
            try
            {
                byte[] data = Encoding.UTF8.GetBytes(kind);
                _store.WriteAll(ReasonFile, data, 0, data.Length);
            }
            catch (Exception ex)
            {
                // The restart matters more than the label: reboot anyway.
                _log.Write(LogLevel.Error, LogTag, "cannot record the reset reason: " + ex.Message);
            }

            Power.RebootDevice();
        }
    }
}
