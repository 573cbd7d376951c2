using CityEdge.Hal;
using CityEdge.Health;

namespace CityEdge.Drivers
{
    /// <summary>
    /// Register access to an I2C sensor: write a register pointer and a value, or a pointer then a
    /// burst read (repeated start). Counts failed transfers and says why the last one failed, so each
    /// driver reports bus trouble the same way. Buffers are preallocated: no allocation per transfer.
    /// </summary>
    public sealed class I2cRegisterPort
    {
        private readonly II2cDevice _device;
        private readonly byte[] _command = new byte[2];

        public I2cRegisterPort(II2cDevice device)
        {
            _device = device;
        }

        /// <summary>Transfers the bus did not complete (no acknowledge, timeout, fault, short transfer).</summary>
        public int BusErrorCount { get; private set; }

        /// <summary>Why the last failed transfer failed: <see cref="FaultReason.NotResponding"/> for no
        /// acknowledge or timeout, <see cref="FaultReason.BadData"/> otherwise.</summary>
        public FaultReason LastBusFault { get; private set; }

        public bool Write(byte register, byte value)
        {
            _command[0] = register;
            _command[1] = value;
            return Check(_device.Write(_command, 0, 2));
        }

        public bool Read(byte register, byte[] buffer, int offset, int count)
        {
            _command[0] = register;
            return Check(_device.WriteRead(_command, 0, 1, buffer, offset, count));
        }

        /// <summary>A 16-bit two's complement value from its two bytes.</summary>
        public static int ToInt16(byte msb, byte lsb)
        {
            int value = (msb << 8) | lsb;
            return value >= 0x8000 ? value - 0x10000 : value;
        }

        private bool Check(BusStatus status)
        {
            if (status == BusStatus.Ok)
            {
                return true;
            }

            BusErrorCount++;
            LastBusFault = status == BusStatus.NoAcknowledge || status == BusStatus.Timeout ? FaultReason.NotResponding : FaultReason.BadData;
            return false;
        }
    }
}
