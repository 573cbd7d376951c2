using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Lighting;

namespace CityEdge.Drivers.Bh1750
{
    /// <summary>
    /// BH1750FVI ambient light sensor in One Time H-Resolution mode: each measurement powers the
    /// chip up, measures for at most 180 ms and powers it down again by itself (datasheet: "It is
    /// automatically set to Power Down mode after measurement"), so between the lighting pipeline's
    /// readings every 10 s it draws its 1 µA power-down current. Never blocks: the caller starts a
    /// measurement and reads it after <see cref="ConversionMs"/>. Allocates nothing per reading.
    /// </summary>
    public sealed class Bh1750 : IAmbientLightSensor
    {
        private readonly II2cDevice _device;
        private readonly byte[] _command = new byte[1];
        private readonly byte[] _data = new byte[2];
        private bool _started;

        public Bh1750(II2cDevice device)
        {
            _device = device;
        }

        public int ConversionMs
        {
            get { return Bh1750Commands.HighResolutionMaxMs; }
        }

        public FaultReason LastFault { get; private set; }

        /// <summary>Bus errors since start-up.</summary>
        public int ErrorCount { get; private set; }

        public bool StartMeasurement()
        {
            _started = Send(Bh1750Commands.PowerOn) && Send(Bh1750Commands.OneTimeHighResolution);
            return _started;
        }

        public bool TryReadLux(out float lux)
        {
            lux = 0;
            if (!_started)
            {
                LastFault = LastFault == FaultReason.None ? FaultReason.Stale : LastFault;
                return false;
            }

            _started = false;
            BusStatus status = _device.Read(_data, 0, 2);
            if (status != BusStatus.Ok)
            {
                Fail(status);
                return false;
            }

            int count = (_data[0] << 8) | _data[1];
            lux = count / Bh1750Commands.CountsPerLux;
            LastFault = FaultReason.None;
            return true;
        }

        private bool Send(byte opcode)
        {
            _command[0] = opcode;
            BusStatus status = _device.Write(_command, 0, 1);
            if (status != BusStatus.Ok)
            {
                Fail(status);
                return false;
            }

            LastFault = FaultReason.None;
            return true;
        }

        private void Fail(BusStatus status)
        {
            ErrorCount++;
            LastFault = status == BusStatus.NoAcknowledge || status == BusStatus.Timeout ? FaultReason.NotResponding : FaultReason.BadData;
        }
    }
}
