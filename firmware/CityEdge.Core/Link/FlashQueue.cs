using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Link
{
    /// <summary>
    /// A first-in-first-out queue of small records in the node's flash (LittleFS on the device, a
    /// folder on the host) that survives a reboot. Records go into segment files of
    /// <see cref="SegmentBytes"/>; the queue never holds more than budget / SegmentBytes segments, and
    /// when a new record needs a segment beyond that the OLDEST segment is deleted and its records are
    /// counted in <see cref="DroppedCount"/>.
    /// Record: magic 0xCE, kind (1), payload length (2, big-endian), CRC-32 of kind + length + payload
    /// (4, big-endian), payload. A record cut short by a power loss (torn write) is cut off at boot; one
    /// changed by flash decay fails its length or CRC check and is skipped; when its header itself is
    /// unreadable the rest of that segment is skipped. Each is counted once in <see cref="CorruptCount"/>
    /// (docs/mqtt.md).
    /// The read position lives in a small index file written atomically (IPersistentStore.WriteAll)
    /// when a segment is opened or removed, every <see cref="IndexSaveInterval"/> removals and on
    /// <see cref="Flush"/>; after a power cut at most that many records are sent again, and receivers
    /// drop them by sequence number.
    /// </summary>
    public sealed class FlashQueue
    {
        /// <summary>One LittleFS block: the ESP32 flash erase sector is 4 KiB (ESP32 TRM, SPI flash).</summary>
        public const int SegmentBytes = 4096;

        public const int RecordHeaderLength = 8;

        /// <summary>Largest payload a record may carry (frames and events are far smaller).</summary>
        public const int MaxPayloadLength = 512;

        public const byte RecordMagic = 0xCE;

        /// <summary>Removals between index writes while draining (flash wear against re-sends after a power cut).</summary>
        public const int IndexSaveInterval = 16;

        /// <summary>Segment file names cycle through this many slots, so a lost index can be cleaned up.</summary>
        public const int SegmentSlots = 256;

        private const string LogTag = "queue";
        private const string IndexFile = "q.idx";
        private const int IndexLength = 17;
        private const byte IndexMagic = 0x51;

        private readonly IPersistentStore _store;
        private readonly ILogSink _log;
        private readonly int _maxSegments;
        private readonly byte[] _header = new byte[RecordHeaderLength];
        private readonly byte[] _record = new byte[RecordHeaderLength + MaxPayloadLength];
        private readonly byte[] _index = new byte[IndexLength];
        private uint _first;
        private uint _last;
        private long _readOffset;
        private long _tailLength;
        private int _peekedLength = -1;
        private int _removedSinceSave;

        public FlashQueue(IPersistentStore store, int budgetBytes, ILogSink log)
        {
            _store = store;
            _log = log ?? NullLogSink.Instance;
            _maxSegments = budgetBytes / SegmentBytes;
            if (_maxSegments < 2)
            {
                _maxSegments = 2;
            }

            if (_maxSegments > SegmentSlots - 1)
            {
                _maxSegments = SegmentSlots - 1;
            }

            Open();
        }

        /// <summary>Records waiting.</summary>
        public int Count { get; private set; }

        /// <summary>Flash bytes the waiting records occupy (headers included).</summary>
        public long Bytes { get; private set; }

        /// <summary>The most this queue will hold in flash.</summary>
        public long BudgetBytes
        {
            get { return (long)_maxSegments * SegmentBytes; }
        }

        /// <summary>Records deleted unsent because the budget was full, since start-up.</summary>
        public int DroppedCount { get; private set; }

        /// <summary>Records (or unreadable segment tails) skipped because they failed their checks, since start-up.</summary>
        public int CorruptCount { get; private set; }

        /// <summary>Adds one record at the tail; makes room by dropping the oldest segment when the budget is full.</summary>
        public void Append(int kind, byte[] payload, int offset, int count)
        {
            if (count > MaxPayloadLength)
            {
                throw new System.ArgumentOutOfRangeException("count", "record payload is at most " + MaxPayloadLength + " bytes");
            }

            int length = RecordHeaderLength + count;
            if (_tailLength + length > SegmentBytes && _tailLength > 0)
            {
                _last++;
                _tailLength = 0;
                _store.Delete(SegmentName(_last));
                while (_last - _first + 1 > _maxSegments)
                {
                    DropOldestSegment();
                }

                SaveIndex();
            }

            _record[0] = RecordMagic;
            _record[1] = (byte)kind;
            BigEndian.WriteUInt16(_record, 2, count);
            System.Array.Copy(payload, offset, _record, RecordHeaderLength, count);
            uint crc = Crc32.Update(Crc32.Start(), _record, 1, 3);
            crc = Crc32.Finish(Crc32.Update(crc, _record, RecordHeaderLength, count));
            BigEndian.WriteUInt32(_record, 4, crc);
            _store.Append(SegmentName(_last), _record, 0, length);
            _tailLength += length;
            Count++;
            Bytes += length;
        }

        /// <summary>
        /// Copies the oldest valid record's payload into <paramref name="buffer"/> (at least
        /// <see cref="MaxPayloadLength"/> bytes) and returns its length, or -1 when the queue is empty.
        /// Invalid records met on the way are skipped and counted.
        /// </summary>
        public int Peek(byte[] buffer, out int kind)
        {
            kind = 0;
            while (true)
            {
                long segmentLength = _first == _last ? _tailLength : _store.GetLength(SegmentName(_first));
                if (_readOffset >= segmentLength)
                {
                    if (_first == _last)
                    {
                        Count = 0;
                        Bytes = 0;
                        return -1;
                    }

                    RemoveFirstSegment();
                    continue;
                }

                string name = SegmentName(_first);
                int read = _store.ReadAt(name, _readOffset, _header, 0, RecordHeaderLength);
                int length = read == RecordHeaderLength ? BigEndian.ReadUInt16(_header, 2) : 0;
                if (read < RecordHeaderLength || _header[0] != RecordMagic || length > MaxPayloadLength
                    || _readOffset + RecordHeaderLength + length > segmentLength)
                {
                    SkipRestOfSegment(segmentLength);
                    continue;
                }

                if (_store.ReadAt(name, _readOffset + RecordHeaderLength, buffer, 0, length) != length
                    || !CrcMatches(buffer, length))
                {
                    CorruptCount++;
                    _log.Write(LogLevel.Warning, LogTag, "record at " + name + ":" + _readOffset + " fails its CRC; skipped");
                    Consume(RecordHeaderLength + length);
                    continue;
                }

                kind = _header[1];
                _peekedLength = length;
                return length;
            }
        }

        /// <summary>Where <see cref="ReadAhead"/> starts: the oldest record.</summary>
        public void GetHead(out uint segment, out long offset)
        {
            segment = _first;
            offset = _readOffset;
        }

        /// <summary>
        /// Copies the next valid record at or after (<paramref name="segment"/>, <paramref name="offset"/>)
        /// and moves that position past it, removing nothing: the link hands several queued frames to the
        /// broker before the first is acknowledged. Returns the payload length, or -1 at the tail.
        /// Invalid records are passed over here; <see cref="Peek"/> counts them when the head reaches them.
        /// </summary>
        public int ReadAhead(ref uint segment, ref long offset, byte[] buffer, out int kind)
        {
            kind = 0;
            while (true)
            {
                long segmentLength = segment == _last ? _tailLength : _store.GetLength(SegmentName(segment));
                if (offset >= segmentLength)
                {
                    if (segment == _last)
                    {
                        return -1;
                    }

                    segment++;
                    offset = 0;
                    continue;
                }

                string name = SegmentName(segment);
                int read = _store.ReadAt(name, offset, _header, 0, RecordHeaderLength);
                int length = read == RecordHeaderLength ? BigEndian.ReadUInt16(_header, 2) : 0;
                if (read < RecordHeaderLength || _header[0] != RecordMagic || length > MaxPayloadLength
                    || offset + RecordHeaderLength + length > segmentLength)
                {
                    offset = segmentLength;
                    continue;
                }

                bool valid = _store.ReadAt(name, offset + RecordHeaderLength, buffer, 0, length) == length && CrcMatches(buffer, length);
                offset += RecordHeaderLength + length;
                if (valid)
                {
                    kind = _header[1];
                    return length;
                }
            }
        }

        /// <summary>Removes the record the last <see cref="Peek"/> returned.</summary>
        public void Remove()
        {
            if (_peekedLength < 0)
            {
                throw new System.InvalidOperationException("Remove without a successful Peek");
            }

            Consume(RecordHeaderLength + _peekedLength);
            _removedSinceSave++;
            if (_removedSinceSave >= IndexSaveInterval)
            {
                SaveIndex();
            }
        }

        /// <summary>Writes the read position now (before a planned stop).</summary>
        public void Flush()
        {
            SaveIndex();
        }

        private void Consume(int recordLength)
        {
            _readOffset += recordLength;
            _peekedLength = -1;
            if (Count > 0)
            {
                Count--;
                Bytes -= recordLength;
            }
        }

        private bool CrcMatches(byte[] payload, int length)
        {
            uint crc = Crc32.Update(Crc32.Start(), _header, 1, 3);
            crc = Crc32.Finish(Crc32.Update(crc, payload, 0, length));
            return crc == BigEndian.ReadUInt32(_header, 4);
        }

        private void SkipRestOfSegment(long segmentLength)
        {
            CorruptCount++;
            _log.Write(LogLevel.Warning, LogTag, "unreadable record header at " + SegmentName(_first) + ":" + _readOffset + "; rest of segment skipped");
            _readOffset = segmentLength;
            if (_first == _last)
            {
                // New records must not land behind the damage, where they could never be read.
                _last++;
                _tailLength = 0;
                _store.Delete(SegmentName(_last));
            }

            Recount();
            SaveIndex();
        }

        private void RemoveFirstSegment()
        {
            _store.Delete(SegmentName(_first));
            _first++;
            _readOffset = 0;
            SaveIndex();
        }

        private void DropOldestSegment()
        {
            long end;
            int records = CountRecords(_first, _readOffset, _store.GetLength(SegmentName(_first)), out end);
            DroppedCount += records;
            _log.Write(LogLevel.Warning, LogTag, "flash budget full: dropped " + records + " oldest record(s)");
            RemoveFirstSegment();
            Recount();
        }

        /// <summary>Records with a complete header and payload from <paramref name="offset"/> to
        /// <paramref name="length"/>; <paramref name="end"/> is the offset just past the last one.</summary>
        private int CountRecords(uint segment, long offset, long length, out long end)
        {
            int records = 0;
            string name = SegmentName(segment);
            while (offset + RecordHeaderLength <= length)
            {
                if (_store.ReadAt(name, offset, _header, 0, RecordHeaderLength) != RecordHeaderLength || _header[0] != RecordMagic)
                {
                    break;
                }

                int recordLength = RecordHeaderLength + BigEndian.ReadUInt16(_header, 2);
                if (offset + recordLength > length)
                {
                    break;
                }

                records++;
                offset += recordLength;
            }

            end = offset;
            return records;
        }

        private void Recount()
        {
            Count = 0;
            Bytes = 0;
            for (uint segment = _first; segment != _last + 1; segment++)
            {
                long length = segment == _last ? _tailLength : _store.GetLength(SegmentName(segment));
                long start = segment == _first ? _readOffset : 0;
                long end;
                Count += CountRecords(segment, start, length, out end);
                Bytes += length - start;
            }
        }

        private void Open()
        {
            byte[] index = _store.ReadAll(IndexFile);
            if (!LoadIndex(index))
            {
                if (index != null)
                {
                    CorruptCount++;
                    _log.Write(LogLevel.Error, LogTag, "queue index unreadable or impossible; queued records discarded");
                }

                _first = 0;
                _last = 0;
                _readOffset = 0;
                for (int slot = 0; slot < SegmentSlots; slot++)
                {
                    if (_store.Exists("q" + slot + ".seg"))
                    {
                        _store.Delete("q" + slot + ".seg");
                    }
                }
            }

            // A budget lowered by a new config takes effect at once.
            while (_last - _first + 1 > _maxSegments)
            {
                _tailLength = _store.GetLength(SegmentName(_last));
                DropOldestSegment();
            }

            _tailLength = _store.GetLength(SegmentName(_last));
            long complete;
            CountRecords(_last, _first == _last ? _readOffset : 0, _tailLength, out complete);
            if (complete != _tailLength)
            {
                // A power cut during an append left a torn record: cut it off (atomically; a cut now
                // leaves it for the next boot) so it is counted once, here, and new records follow the
                // last complete one.
                CorruptCount++;
                _log.Write(LogLevel.Warning, LogTag, "torn record at the end of " + SegmentName(_last) + " (" + (_tailLength - complete) + " bytes) removed");
                byte[] kept = new byte[complete];
                _store.ReadAt(SegmentName(_last), 0, kept, 0, (int)complete);
                _store.WriteAll(SegmentName(_last), kept, 0, kept.Length);
                _tailLength = complete;
            }

            Recount();
            SaveIndex();
        }

        /// <summary>
        /// Reads the index; false when it is unreadable or describes a queue this class can never have
        /// written (a CRC only shows the bytes are as written, and walking such a span once took ~2^32
        /// steps): more segments than any budget allows, or a read position past a segment's end.
        /// </summary>
        private bool LoadIndex(byte[] index)
        {
            if (index == null || index.Length != IndexLength || index[0] != IndexMagic
                || Crc32.Compute(index, 0, IndexLength - 4) != BigEndian.ReadUInt32(index, IndexLength - 4))
            {
                return false;
            }

            uint first = BigEndian.ReadUInt32(index, 1);
            uint readOffset = BigEndian.ReadUInt32(index, 5);
            uint last = BigEndian.ReadUInt32(index, 9);
            if (last - first >= SegmentSlots - 1 || readOffset > SegmentBytes)
            {
                return false;
            }

            _first = first;
            _readOffset = readOffset;
            _last = last;
            return true;
        }

        private void SaveIndex()
        {
            _index[0] = IndexMagic;
            BigEndian.WriteUInt32(_index, 1, _first);
            BigEndian.WriteUInt32(_index, 5, (uint)_readOffset);
            BigEndian.WriteUInt32(_index, 9, _last);
            BigEndian.WriteUInt32(_index, 13, Crc32.Compute(_index, 0, IndexLength - 4));
            _store.WriteAll(IndexFile, _index, 0, IndexLength);
            _removedSinceSave = 0;
        }

        private static string SegmentName(uint segment)
        {
            return "q" + (segment % SegmentSlots) + ".seg";
        }
    }
}
