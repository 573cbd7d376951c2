namespace CityEdge.Hal
{
    /// <summary>
    /// Platform facts for the status message, implemented by the device app (nanoFramework:
    /// nanoFramework.Runtime.Native.GC.Run(false) for free heap, the Wi-Fi interface's RSSI, the ESP32
    /// reset reason) and by the simulator. docs/mqtt.md lists what each must return.
    /// </summary>
    public interface ISystemInfo
    {
        /// <summary>Why the node last started: "power-on", "watchdog", "brownout", "software", "panic", "unknown".</summary>
        string ResetReason { get; }

        /// <summary>Free managed heap in bytes; -1 when unknown.</summary>
        long FreeHeapBytes { get; }

        /// <summary>Received signal strength of the Wi-Fi uplink in dBm; 0 when unknown or not on Wi-Fi.</summary>
        int WifiRssiDbm { get; }
    }

    /// <summary>
    /// What the node may ask of the device app: a planned restart. On nanoFramework
    /// Power.RebootDevice() (nanoFramework.Runtime.Native); the simulator restarts the virtual node.
    /// </summary>
    public interface INodeControl
    {
        /// <summary>Restarts the node soon; the runtime has already flushed its queue and said "offline".</summary>
        void Reboot(string reason);
    }
}
