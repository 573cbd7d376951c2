using System;
using System.IO.Ports;
using CityEdge.Hal;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// IUart over nanoFramework's System.IO.Ports.SerialPort, already opened by the app (pin functions set
    /// with Configuration.SetPinFunction before the port is opened). SerialPort.Read throws TimeoutException
    /// when nothing has arrived and ReadTimeout defaults to infinite (System.IO.Ports/SerialPort.cs), so
    /// reads ask for no more than BytesToRead and never wait. SerialPort has no DiscardInBuffer: input is
    /// discarded by reading it into a scratch buffer.
    /// </summary>
    public sealed class SerialPortUart : IUart
    {
        private readonly SerialPort _port;
        private readonly byte[] _scratch = new byte[64];

        public SerialPortUart(SerialPort port)
        {
            if (port == null)
            {
                throw new ArgumentNullException("port");
            }

            _port = port;
        }

        public int BytesAvailable
        {
            get { return _port.BytesToRead; }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0 || count <= 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, count < available ? count : available);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        public void DiscardInput()
        {
            while (Read(_scratch, 0, _scratch.Length) > 0)
            {
            }
        }
    }
}
