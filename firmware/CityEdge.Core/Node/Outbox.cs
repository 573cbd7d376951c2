using System.Collections;
using System.IO;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Link;

namespace CityEdge.Node
{
    /// <summary>
    /// Store-and-forward for frames (reports and events) the link could not send. Frames wait in RAM
    /// (up to link.outbox_frames); when RAM is full they spill, oldest first and in one batch, to the
    /// <see cref="FlashQueue"/> (bounded by link.queue_budget_bytes), so an outage of hours costs
    /// little heap and survives a reboot. Everything in flash is older than everything in RAM, so
    /// draining flash first and then RAM keeps the oldest-first order. Data is dropped only when the
    /// flash budget is full (or flash fails), and every drop is counted.
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>Record kind of a telemetry frame.</summary>
        public const int KindTelemetry = 0;

        /// <summary>Record kind of an event frame.</summary>
        public const int KindEvent = 1;

        private const string LogTag = "outbox";
        private readonly Queue _ram = new Queue();
        private readonly int _ramCapacity;
        private readonly FlashQueue _flash;
        private readonly ILogSink _log;
        private readonly byte[] _flashBuffer = new byte[FlashQueue.MaxPayloadLength];
        private bool _peekedFromFlash;
        private int _ramDropped;

        public Outbox(IPersistentStore store, int ramFrames, int flashBudgetBytes, ILogSink log)
        {
            _ramCapacity = ramFrames;
            _log = log ?? NullLogSink.Instance;
            _flash = new FlashQueue(store, flashBudgetBytes, _log);
        }

        /// <summary>Frames waiting (RAM and flash).</summary>
        public int Count
        {
            get { return _ram.Count + _flash.Count; }
        }

        public int RamCount
        {
            get { return _ram.Count; }
        }

        public int FlashCount
        {
            get { return _flash.Count; }
        }

        public long FlashBytes
        {
            get { return _flash.Bytes; }
        }

        public long FlashBudgetBytes
        {
            get { return _flash.BudgetBytes; }
        }

        /// <summary>Frames lost since start-up: flash budget full, or flash failing.</summary>
        public int DroppedCount
        {
            get { return _flash.DroppedCount + _ramDropped; }
        }

        /// <summary>Flash records skipped because they failed their checks (torn writes, decay).</summary>
        public int CorruptCount
        {
            get { return _flash.CorruptCount; }
        }

        public void Add(int kind, byte[] frame)
        {
            if (_ram.Count >= _ramCapacity)
            {
                Spill();
            }

            _ram.Enqueue(new OutboxItem(kind, frame));
        }

        /// <summary>The oldest frame, or null when empty.</summary>
        public OutboxItem Peek()
        {
            int kind = 0;
            int length = _flash.Count > 0 ? _flash.Peek(_flashBuffer, out kind) : -1;
            if (length >= 0)
            {
                byte[] frame = new byte[length];
                System.Array.Copy(_flashBuffer, frame, length);
                _peekedFromFlash = true;
                return new OutboxItem(kind, frame);
            }

            _peekedFromFlash = false;
            return _ram.Count == 0 ? null : (OutboxItem)_ram.Peek();
        }

        /// <summary>Removes the frame the last <see cref="Peek"/> returned.</summary>
        public void RemoveOldest()
        {
            if (_peekedFromFlash)
            {
                _flash.Remove();
            }
            else
            {
                _ram.Dequeue();
            }
        }

        /// <summary>Moves every RAM frame to flash and saves the read position: call before a planned stop.</summary>
        public void Flush()
        {
            Spill();
            _flash.Flush();
        }

        private void Spill()
        {
            while (_ram.Count > 0)
            {
                OutboxItem item = (OutboxItem)_ram.Peek();
                try
                {
                    _flash.Append(item.Kind, item.Frame, 0, item.Frame.Length);
                }
                catch (IOException ex)
                {
                    // Flash full or failing: keep the newest data in RAM rather than stop the node.
                    _ramDropped++;
                    _log.Write(LogLevel.Error, LogTag, "flash write failed, frame dropped: " + ex.Message);
                }

                _ram.Dequeue();
            }
        }
    }

    /// <summary>One queued frame and what kind it is (which topic it goes to).</summary>
    public sealed class OutboxItem
    {
        public OutboxItem(int kind, byte[] frame)
        {
            Kind = kind;
            Frame = frame;
        }

        public int Kind { get; }

        public byte[] Frame { get; }
    }
}
