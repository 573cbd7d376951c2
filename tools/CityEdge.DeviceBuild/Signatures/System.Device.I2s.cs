// Signature-only declarations: API facts (names and types), no library code (../README.md).
// The commit behind 1.0.28 was not identified; this is the newest stored one of the 1.0 line (version.json "1.0").
// assembly: System.Device.I2s, Version=1.0.28.0
// package: nanoFramework.System.Device.I2s 1.0.28
// source: nanoframework/System.Device.I2s @ d0510b0 (newest snapshot), System.Device.I2s/I2sDevice.cs, I2sConnectionSettings.cs, I2sMode.cs, I2sCommunicationFormat.cs, I2sChannelFormat.cs, I2sBitsPerSample.cs
namespace System.Device.I2s
{
    public enum I2sMode
    {
        Master = 1 << 0,
        Slave = 1 << 1,
        Tx = 1 << 2,
        Rx = 1 << 3,
        DacBuiltIn = 1 << 4,
        AdcBuiltIn = 1 << 5,
        Pdm = 1 << 6,
    }

    public enum I2sCommunicationFormat
    {
        I2S = 0x01,
        Msb = 0x03,
        PcmShort = 0x04,
        PcmLong = 0x0C,
        Max,
    }

    public enum I2sChannelFormat
    {
        RightLeft = 0x00,
        AllRight,
        AllLeft,
        OnlyRight,
        OnlyLeft,
    }

    public enum I2sBitsPerSample
    {
        Bit8 = 8,
        Bit16 = 16,
        Bit24 = 24,
        Bit32 = 32,
    }

    public sealed class I2sConnectionSettings
    {
        public I2sConnectionSettings(int busId) { }
        public int BusId => throw null;
        public I2sMode Mode { get => throw null; set => throw null; }
        public I2sBitsPerSample BitsPerSample { get => throw null; set => throw null; }
        public I2sChannelFormat ChannelFormat { get => throw null; set => throw null; }
        public I2sCommunicationFormat CommunicationFormat { get => throw null; set => throw null; }
        public int SampleRate { get => throw null; set => throw null; }
        public int BufferSize { get => throw null; set => throw null; }
    }

    public class I2sDevice : IDisposable
    {
        public I2sDevice(I2sConnectionSettings settings) { }
        public I2sConnectionSettings ConnectionSettings => throw null;
        public void Read(SpanByte buffer) => throw null;
        public void Write(SpanByte buffer) => throw null;
        public static I2sDevice Create(I2sConnectionSettings settings) => throw null;
        public void Dispose() => throw null;
    }
}
