// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.IO.Ports, Version=1.1.139.0
// package: nanoFramework.System.IO.Ports 1.1.139
// references: System.IO.Streams
// source: nanoframework/System.IO.Ports @ ba564c95c4ab1d444fee8cd5d77482b3df1ffc1b, System.IO.Ports/SerialPort.cs, Parity.cs, StopBits.cs
namespace System.IO.Ports
{
    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { }
        public void Open() => throw null;
        public void Close() => throw null;
        public static string[] GetPortNames() => throw null;
        public int BaudRate { get => throw null; set => throw null; }
        public int DataBits { get => throw null; set => throw null; }
        public Parity Parity { get => throw null; set => throw null; }
        public StopBits StopBits { get => throw null; set => throw null; }
        public string PortName => throw null;
        public bool IsOpen => throw null;
        public int ReadTimeout { get => throw null; set => throw null; }
        public int WriteTimeout { get => throw null; set => throw null; }
        public Stream BaseStream => throw null;
        public int BytesToRead => throw null;
        public int ReadBufferSize { get => throw null; set => throw null; }
        public int WriteBufferSize { get => throw null; set => throw null; }
        public int Read(byte[] buffer, int offset, int count) => throw null;
        public int ReadByte() => throw null;
        public string ReadExisting() => throw null;
        public void Write(byte[] buffer, int offset, int count) => throw null;
        public void WriteByte(byte value) => throw null;
        public void Write(string text) => throw null;
        public void Dispose() => throw null;
    }
}
