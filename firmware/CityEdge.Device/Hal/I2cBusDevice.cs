using System;
using System.Device.I2c;
using CityEdge.Hal;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// II2cDevice over System.Device.I2c.I2cDevice. The app sets the pin functions and creates the
    /// I2cDevice; this class only moves bytes and maps I2cTransferResult.Status to BusStatus.
    /// </summary>
    public sealed class I2cBusDevice : II2cDevice
    {
        private readonly I2cDevice _device;

        public I2cBusDevice(I2cDevice device)
        {
            if (device == null)
            {
                throw new ArgumentNullException("device");
            }

            _device = device;
        }

        public int Address
        {
            get { return _device.ConnectionSettings.DeviceAddress; }
        }

        public BusStatus Write(byte[] buffer, int offset, int count)
        {
            try
            {
                return Map(_device.Write(new SpanByte(buffer, offset, count)));
            }
            catch (Exception)
            {
                return BusStatus.Fault;
            }
        }

        public BusStatus Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Map(_device.Read(new SpanByte(buffer, offset, count)));
            }
            catch (Exception)
            {
                return BusStatus.Fault;
            }
        }

        public BusStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            try
            {
                return Map(_device.WriteRead(new SpanByte(writeBuffer, writeOffset, writeCount), new SpanByte(readBuffer, readOffset, readCount)));
            }
            catch (Exception)
            {
                return BusStatus.Fault;
            }
        }

        /// <summary>I2cTransferStatus (System.Device.I2c/I2cTransferStatus.cs) to the core's BusStatus.</summary>
        public static BusStatus Map(I2cTransferResult result)
        {
            switch (result.Status)
            {
                case I2cTransferStatus.FullTransfer:
                    return BusStatus.Ok;
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return BusStatus.NoAcknowledge;
                case I2cTransferStatus.ClockStretchTimeout:
                    return BusStatus.Timeout;
                case I2cTransferStatus.PartialTransfer:
                    return BusStatus.PartialTransfer;
                default:
                    return BusStatus.Fault;
            }
        }
    }
}
