using System.Collections.Generic;
using CityEdge.Drivers.Bh1750;
using CityEdge.Hal;

namespace CityEdge.Drivers.Tests.Bh1750
{
    /// <summary>
    /// A BH1750FVI at the wire level: it accepts one-byte instructions, measures on One Time
    /// H-Resolution, powers down afterwards, and answers reads with its data register (high byte
    /// first), as the datasheet's state diagram describes. Reads during power-down return the last
    /// result; a measurement command while powered down is refused here, which is stricter than some
    /// parts but catches a driver that forgets Power On.
    /// </summary>
    internal sealed class SimulatedBh1750 : II2cDevice
    {
        private bool _poweredOn;
        private int _dataRegister;

        public SimulatedBh1750(int address)
        {
            Address = address;
        }

        public int Address { get; }

        /// <summary>Light on the sensor; a measurement latches round(lux × 1.2) counts.</summary>
        public double Lux { get; set; }

        /// <summary>Forces every transfer to fail with this status.</summary>
        public BusStatus FailWith { get; set; } = BusStatus.Ok;

        public List<byte> Instructions { get; } = new List<byte>();

        public int Measurements { get; private set; }

        public BusStatus Write(byte[] buffer, int offset, int count)
        {
            if (FailWith != BusStatus.Ok)
            {
                return FailWith;
            }

            if (count != 1)
            {
                return BusStatus.Fault;
            }

            byte opcode = buffer[offset];
            Instructions.Add(opcode);
            switch (opcode)
            {
                case Bh1750Commands.PowerOn:
                    _poweredOn = true;
                    return BusStatus.Ok;
                case Bh1750Commands.PowerDown:
                    _poweredOn = false;
                    return BusStatus.Ok;
                case Bh1750Commands.OneTimeHighResolution:
                    if (!_poweredOn)
                    {
                        return BusStatus.NoAcknowledge;
                    }

                    _dataRegister = (int)System.Math.Min(65535, System.Math.Round(Lux * 1.2));
                    Measurements++;
                    _poweredOn = false;
                    return BusStatus.Ok;
                default:
                    return BusStatus.NoAcknowledge;
            }
        }

        public BusStatus Read(byte[] buffer, int offset, int count)
        {
            if (FailWith != BusStatus.Ok)
            {
                return FailWith;
            }

            if (count != 2)
            {
                return BusStatus.PartialTransfer;
            }

            buffer[offset] = (byte)(_dataRegister >> 8);
            buffer[offset + 1] = (byte)_dataRegister;
            return BusStatus.Ok;
        }

        public BusStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            return BusStatus.Fault;
        }
    }
}
