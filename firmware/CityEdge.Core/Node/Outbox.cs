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
    /// <para>
    /// Draining overlaps the broker's round trips: <see cref="HandOut"/> gives the next frame not yet
    /// handed to the link, oldest first, and leaves it queued; <see cref="RemoveOldest"/> removes the
    /// oldest frame once its acknowledgement came. <see cref="Rewind"/> (a lost connection, a refused
    /// frame) starts handing out from the oldest again. A spill moves frames between RAM and flash and
    /// rewinds too; <see cref="HandOutEpoch"/> then changes, so acknowledgements of frames handed out
    /// before are not mistaken for the new oldest (those frames are sent again: receivers drop the
    /// duplicates by sequence number).
    /// </para>
    /// </summary>
    public sealed class Outbox
    {
        /// <summary>Record kind of a telemetry frame.</summary>
        public const int KindTelemetry = 0;

        /// <summary>Record kind of an event frame.</summary>
        public const int KindEvent = 1;

        private const string LogTag = "outbox";
        private readonly ArrayList _ram = new ArrayList();
        private readonly int _ramCapacity;
        private readonly FlashQueue _flash;
        private readonly ILogSink _log;
        private readonly byte[] _flashBuffer = new byte[FlashQueue.MaxPayloadLength];
        private uint _aheadSegment;
        private long _aheadOffset;
        private uint _takeBackSegment;
        private long _takeBackOffset;
        private bool _takeBackFromFlash;
        private bool _flashHandedOut;
        private int _ramHandedOut;
        private int _ramDropped;

        public Outbox(IPersistentStore store, int ramFrames, int flashBudgetBytes, ILogSink log)
        {
            _ramCapacity = ramFrames;
            _log = log ?? NullLogSink.Instance;
            _flash = new FlashQueue(store, flashBudgetBytes, _log);
            Rewind();
        }

        /// <summary>Frames waiting (RAM and flash), handed out or not.</summary>
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

        /// <summary>Changes whenever handing out starts again from the oldest frame.</summary>
        public int HandOutEpoch { get; private set; }

        public void Add(int kind, byte[] frame)
        {
            if (_ram.Count >= _ramCapacity)
            {
                Spill();
            }

            _ram.Add(new OutboxItem(kind, frame));
        }

        /// <summary>The oldest frame not handed out since the last <see cref="Rewind"/>, or null.</summary>
        public OutboxItem HandOut()
        {
            _takeBackSegment = _aheadSegment;
            _takeBackOffset = _aheadOffset;
            _takeBackFromFlash = !_flashHandedOut;
            if (!_flashHandedOut)
            {
                int kind = 0;
                int length = _flash.Count > 0 ? _flash.ReadAhead(ref _aheadSegment, ref _aheadOffset, _flashBuffer, out kind) : -1;
                if (length >= 0)
                {
                    byte[] frame = new byte[length];
                    System.Array.Copy(_flashBuffer, frame, length);
                    return new OutboxItem(kind, frame);
                }

                _flashHandedOut = true;
            }

            return _ramHandedOut < _ram.Count ? (OutboxItem)_ram[_ramHandedOut++] : null;
        }

        /// <summary>Undoes the last <see cref="HandOut"/> (the link could not take that frame).</summary>
        public void TakeBack()
        {
            if (_takeBackFromFlash && !_flashHandedOut)
            {
                _aheadSegment = _takeBackSegment;
                _aheadOffset = _takeBackOffset;
            }
            else if (_ramHandedOut > 0)
            {
                _ramHandedOut--;
            }
        }

        /// <summary>Removes the oldest frame (its acknowledgement came).</summary>
        public void RemoveOldest()
        {
            int kind;
            if (_flash.Count > 0 && _flash.Peek(_flashBuffer, out kind) >= 0)
            {
                _flash.Remove();
                return;
            }

            if (_ram.Count > 0)
            {
                _ram.RemoveAt(0);
                if (_ramHandedOut > 0)
                {
                    _ramHandedOut--;
                }
            }
        }

        /// <summary>Hands out from the oldest frame again.</summary>
        public void Rewind()
        {
            _flash.GetHead(out _aheadSegment, out _aheadOffset);
            _flashHandedOut = false;
            _ramHandedOut = 0;
            HandOutEpoch++;
        }

        /// <summary>Moves every RAM frame to flash and saves the read position: call before a planned stop.</summary>
        public void Flush()
        {
            Spill();
            _flash.Flush();
        }

        private void Spill()
        {
            if (_ram.Count == 0)
            {
                return;
            }

            for (int i = 0; i < _ram.Count; i++)
            {
                OutboxItem item = (OutboxItem)_ram[i];
                try
                {
                    _flash.Append(item.Kind, item.Frame, 0, item.Frame.Length);
                }
                catch (IOException ex)
                {
                    // Flash full or failing: keep the node running; the frame is lost and counted.
                    _ramDropped++;
                    _log.Write(LogLevel.Error, LogTag, "flash write failed, frame dropped: " + ex.Message);
                }
            }

            _ram.Clear();
            Rewind();
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
