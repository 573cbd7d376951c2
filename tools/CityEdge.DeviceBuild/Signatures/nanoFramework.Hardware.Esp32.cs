// Signature-only declarations: API facts (names and types), no library code (../README.md).
// DeviceFunction's values are computed from device-type constants in the source; only names are declared.
// assembly: nanoFramework.Hardware.Esp32, Version=1.6.40.0
// package: nanoFramework.Hardware.Esp32 1.6.40
// source: nanoframework/nanoFramework.Hardware.Esp32 @ 579dbaf231d7fa7ab2672d81176a4a59b7d60bfb, nanoFramework.Hardware.Esp32/Configuration.cs, DeviceTypePins.cs, HighResTimer.cs
namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        I2C1_DATA,
        I2C1_CLOCK,
        I2C2_DATA,
        I2C2_CLOCK,
        COM2_TX,
        COM2_RX,
        COM3_TX,
        COM3_RX,
        PWM1,
        I2S1_BCK,
        I2S1_WS,
        I2S1_MDATA_IN,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) => throw null;
        public static int GetFunctionPin(DeviceFunction function) => throw null;
    }

    public class HighResTimer : System.IDisposable
    {
        public HighResTimer() { }
        public static ulong GetCurrent() => throw null;
        public void Stop() => throw null;
        public void StartOneShot(ulong timeout_us) => throw null;
        public void StartOnePeriodic(ulong period_us) => throw null;
        public void Dispose() => throw null;
    }
}
