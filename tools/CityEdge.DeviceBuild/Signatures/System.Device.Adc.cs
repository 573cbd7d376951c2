// Signature-only declarations: API facts (names and types), no library code (../README.md).
// Base classes (AdcControllerBase, AdcChannelBase) are left out; their members are declared here.
// assembly: System.Device.Adc, Version=1.1.24.44037
// package: nanoFramework.System.Device.Adc 1.1.24
// source: nanoframework/System.Device.Adc @ a5c84958416bc16aa03524251b4fec6af62adb44, System.Device.Adc/AdcController.cs, AdcChannel.cs
namespace System.Device.Adc
{
    public class AdcController
    {
        public AdcController() { }
        public int ChannelCount => throw null;
        public int MaxValue => throw null;
        public int MinValue => throw null;
        public int ResolutionInBits => throw null;
        public AdcChannel OpenChannel(int channelNumber) => throw null;
    }

    public class AdcChannel : IDisposable
    {
        public int ReadValue() => throw null;
        public void Dispose() => throw null;
    }
}
