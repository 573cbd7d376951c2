using CityEdge.Air;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Node;

namespace CityEdge.Drivers.Pms5003
{
    /// <summary>
    /// Plantower PMS5003 / PMS7003 on a UART (9600 8N1) in passive mode: the node asks for each
    /// reading (command 0xE2) and puts the fan and laser to sleep between measurements (0xE4), as
    /// in the data manual V2.3 Appendix II. Never blocks; the air pipeline schedules the waits.
    /// Buffers are preallocated, so steady-state reading allocates nothing.
    /// </summary>
    public sealed class Pms5003 : IParticulateSensor, IHealthCounters
    {
        private readonly IUart _uart;
        private readonly Pms5003FrameParser _parser = new Pms5003FrameParser();
        private readonly byte[] _rx = new byte[64];
        private readonly byte[] _tx = new byte[2 * Pms5003Protocol.CommandLength];
        private bool _passiveModeSent;
        private int _faultsAtLastFrame;

        public Pms5003(IUart uart)
        {
            _uart = uart;
        }

        /// <summary>The frame parser and its fault counters.</summary>
        public Pms5003FrameParser Parser
        {
            get { return _parser; }
        }

        public FaultReason LastFault { get; private set; }

        public int HealthCounterCount
        {
            get { return 5; }
        }

        public void Wake()
        {
            Send(Pms5003Protocol.CommandSleep, Pms5003Protocol.WakeUp);

            // The sensor restarts on wake; the mode command goes with the first request, after the warm-up.
            _passiveModeSent = false;
        }

        public void Sleep()
        {
            Send(Pms5003Protocol.CommandSleep, Pms5003Protocol.SleepOn);
        }

        public void RequestReading()
        {
            int length = 0;
            if (!_passiveModeSent)
            {
                Pms5003Protocol.WriteCommand(_tx, 0, Pms5003Protocol.CommandChangeMode, Pms5003Protocol.ModePassive);
                length = Pms5003Protocol.CommandLength;
                _passiveModeSent = true;

                // Frames the sensor streamed in active mode during the warm-up are stale.
                _uart.DiscardInput();
            }

            Pms5003Protocol.WriteCommand(_tx, length, Pms5003Protocol.CommandReadPassive, 0);
            _uart.Write(_tx, 0, length + Pms5003Protocol.CommandLength);
        }

        public bool TryRead(ParticulateSample sample)
        {
            bool got = false;
            int read;
            while ((read = _uart.Read(_rx, 0, _rx.Length)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (_parser.Push(_rx[i]))
                    {
                        sample.Pm1_0UgM3 = _parser.Frame.Pm1_0AtmosphericUgM3;
                        sample.Pm2_5UgM3 = _parser.Frame.Pm2_5AtmosphericUgM3;
                        sample.Pm10UgM3 = _parser.Frame.Pm10AtmosphericUgM3;
                        got = true;
                    }
                }
            }

            if (got)
            {
                _faultsAtLastFrame = _parser.FaultCount;
                LastFault = FaultReason.None;
            }
            else
            {
                LastFault = _parser.FaultCount != _faultsAtLastFrame ? FaultReason.BadData : FaultReason.NotResponding;
            }

            return got;
        }

        public string GetHealthCounterName(int index)
        {
            switch (index)
            {
                case 0:
                    return "pm_frames_ok";
                case 1:
                    return "pm_checksum_errors";
                case 2:
                    return "pm_length_errors";
                case 3:
                    return "pm_truncated_frames";
                default:
                    return "pm_bytes_skipped";
            }
        }

        public long GetHealthCounterValue(int index)
        {
            switch (index)
            {
                case 0:
                    return _parser.FramesOk;
                case 1:
                    return _parser.ChecksumErrors;
                case 2:
                    return _parser.LengthErrors;
                case 3:
                    return _parser.TruncatedFrames;
                default:
                    return _parser.BytesSkipped;
            }
        }

        private void Send(byte command, int data)
        {
            Pms5003Protocol.WriteCommand(_tx, 0, command, data);
            _uart.Write(_tx, 0, Pms5003Protocol.CommandLength);
        }
    }
}
