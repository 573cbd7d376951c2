// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.Device.Gpio, Version=1.1.62.0
// package: nanoFramework.System.Device.Gpio 1.1.62
// source: nanoframework/System.Device.Gpio @ cd99158280e0f5c24102981c26baf69facda4d17, System.Device.Gpio/GpioController.cs, GpioPin.cs, PinMode.cs, PinValue.cs
namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    public readonly struct PinValue
    {
        public static PinValue High => throw null;
        public static PinValue Low => throw null;
        public static implicit operator PinValue(int value) => throw null;
        public static implicit operator PinValue(bool value) => throw null;
        public static explicit operator byte(PinValue value) => throw null;
        public static explicit operator int(PinValue value) => throw null;
        public static explicit operator bool(PinValue value) => throw null;
        public bool Equals(PinValue other) => throw null;
        public override bool Equals(object obj) => throw null;
        public static bool operator ==(PinValue a, PinValue b) => throw null;
        public static bool operator !=(PinValue a, PinValue b) => throw null;
        public override int GetHashCode() => throw null;
        public override string ToString() => throw null;
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public int PinCount => throw null;
        public GpioPin OpenPin(int pinNumber) => throw null;
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw null;
        public void ClosePin(int pinNumber) => throw null;
        public void Dispose() => throw null;
        public PinMode GetPinMode(int pinNumber) => throw null;
        public bool IsPinModeSupported(int pinNumber, PinMode mode) => throw null;
        public bool IsPinOpen(int pinNumber) => throw null;
        public PinValue Read(int pinNumber) => throw null;
        public void SetPinMode(int pinNumber, PinMode mode) => throw null;
        public void Write(int pinNumber, PinValue value) => throw null;
    }

    public sealed class GpioPin : IDisposable
    {
        public TimeSpan DebounceTimeout { get => throw null; set => throw null; }
        public int PinNumber => throw null;
        public PinMode GetPinMode() => throw null;
        public bool IsPinModeSupported(PinMode pinMode) => throw null;
        public void SetPinMode(PinMode value) => throw null;
        public PinValue Read() => throw null;
        public void Write(PinValue value) => throw null;
        public void Toggle() => throw null;
        public void Dispose() => throw null;
    }
}
