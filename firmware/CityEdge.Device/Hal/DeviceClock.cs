using System;
using CityEdge.Hal;
using nanoFramework.Hardware.Esp32;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// The node's clock on an ESP32. Monotonic time comes from HighResTimer.GetCurrent()
    /// (nanoFramework.Hardware.Esp32: "number of micro seconds since boot"; natively esp_timer_get_time()),
    /// which SNTP never adjusts. Wall-clock time is DateTime.UtcNow, set by the firmware's SNTP client.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        /// <summary>The threshold System.Net's NetworkHelper uses for "valid DateTime"
        /// (NetworkHelperInternal.WaitForValidDateTime: UtcNow.Year &lt; 2021 means not set).</summary>
        public const int FirstValidYear = 2021;

        public long MonotonicMs()
        {
            return (long)(HighResTimer.GetCurrent() / 1000UL);
        }

        public DateTime UtcNow()
        {
            return DateTime.UtcNow;
        }

        public bool IsUtcValid()
        {
            return DateTime.UtcNow.Year >= FirstValidYear;
        }
    }
}
