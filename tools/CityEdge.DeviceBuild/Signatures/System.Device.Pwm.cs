// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.Device.Pwm, Version=1.1.23.36628
// package: nanoFramework.System.Device.Pwm 1.1.23
// source: nanoframework/System.Device.Pwm @ 8a237a345cb104d9cd464ef890a720113ac88f8d, System.Device.Pwm/PwmChannel.cs
namespace System.Device.Pwm
{
    public sealed class PwmChannel : IDisposable
    {
        public PwmChannel(int chip, int channel, int frequency = 400, double dutyCyclePercentage = 0.5) { }
        public int Frequency { get => throw null; set => throw null; }
        public double DutyCycle { get => throw null; set => throw null; }
        public void Start() => throw null;
        public void Stop() => throw null;
        public static PwmChannel Create(int chip, int channel, int frequency = 400, double dutyCyclePercentage = 0.5) => throw null;
        public static PwmChannel CreateFromPin(int pin, int frequency = 400, double dutyCyclePercentage = 0.5) => throw null;
        public void Dispose() => throw null;
    }
}
