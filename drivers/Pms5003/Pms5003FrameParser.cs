namespace CityEdge.Drivers.Pms5003
{
    /// <summary>
    /// Finds PMS5003 / PMS7003 frames in an arbitrary byte stream (a UART that may start mid-frame,
    /// drop or corrupt bytes, or deliver a frame in pieces). Bytes are pushed one at a time; a frame
    /// is accepted only with start characters 42 4D, a known length field and a matching check code
    /// (16-bit sum of every byte before it, data manual V2.3 Appendix I). After any fault the
    /// parser slides one byte and searches again, and bytes held behind a complete frame are searched
    /// too, so a good frame right after a bad one or an acknowledgement is kept.
    /// A fixed 32-byte buffer and counters: pushing allocates nothing.
    /// </summary>
    public sealed class Pms5003FrameParser
    {
        private readonly byte[] _buffer = new byte[Pms5003Protocol.DataFrameLength];
        private int _count;

        /// <summary>The latest valid data frame (overwritten by the next one).</summary>
        public Pms5003Frame Frame { get; } = new Pms5003Frame();

        /// <summary>Valid data frames.</summary>
        public int FramesOk { get; private set; }

        /// <summary>Valid command acknowledgements (length field 4).</summary>
        public int AckFrames { get; private set; }

        /// <summary>The command byte of the latest acknowledgement (0 before the first).</summary>
        public int LastAckCommand { get; private set; }

        /// <summary>Complete frames whose check code did not match.</summary>
        public int ChecksumErrors { get; private set; }

        /// <summary>Headers whose length field was neither 28 (data) nor 4 (acknowledgement).</summary>
        public int LengthErrors { get; private set; }

        /// <summary>Frames cut short: a new frame started before they were complete, or the stream ended.</summary>
        public int TruncatedFrames { get; private set; }

        /// <summary>Bytes that did not end up in a valid frame: garbage and the bytes of rejected frames.</summary>
        public int BytesSkipped { get; private set; }

        /// <summary>Checksum, length and truncation faults together.</summary>
        public int FaultCount
        {
            get { return ChecksumErrors + LengthErrors + TruncatedFrames; }
        }

        /// <summary>Bytes held for a frame that is not complete yet.</summary>
        public int PendingBytes
        {
            get { return _count; }
        }

        /// <summary>Takes the next byte; true when it completed a valid data frame (now in <see cref="Frame"/>).</summary>
        public bool Push(byte value)
        {
            _buffer[_count++] = value;
            while (_count > 0)
            {
                if (_buffer[0] != Pms5003Protocol.Start1 || (_count >= 2 && _buffer[1] != Pms5003Protocol.Start2))
                {
                    Skip(1);
                    continue;
                }

                if (_count < 4)
                {
                    return false;
                }

                int frameLength = FrameLengthOf((_buffer[2] << 8) | _buffer[3]);
                if (frameLength == 0)
                {
                    LengthErrors++;
                    Skip(1);
                    continue;
                }

                if (_count < frameLength)
                {
                    return false;
                }

                int sum = 0;
                for (int i = 0; i < frameLength - 2; i++)
                {
                    sum += _buffer[i];
                }

                if ((sum & 0xFFFF) != ((_buffer[frameLength - 2] << 8) | _buffer[frameLength - 1]))
                {
                    if (HasStartAfterFirst(frameLength))
                    {
                        TruncatedFrames++;
                    }
                    else
                    {
                        ChecksumErrors++;
                    }

                    Skip(1);
                    continue;
                }

                if (frameLength == Pms5003Protocol.DataFrameLength)
                {
                    // A data frame fills the whole buffer: nothing is held behind it.
                    Frame.Load(_buffer, 4);
                    FramesOk++;
                    Consume(frameLength);
                    return true;
                }

                // Bytes held behind an acknowledgement (read while an earlier header was failing) may
                // already be the start of the next frame: keep them and look again.
                AckFrames++;
                LastAckCommand = _buffer[4];
                Consume(frameLength);
            }

            return false;
        }

        /// <summary>The stream has ended (end of a capture): a partial frame still held is counted as
        /// truncated and its bytes as skipped.</summary>
        public void EndOfStream()
        {
            if (_count >= 2)
            {
                TruncatedFrames++;
            }

            BytesSkipped += _count;
            _count = 0;
        }

        private static int FrameLengthOf(int lengthField)
        {
            if (lengthField == Pms5003Protocol.DataLengthField)
            {
                return Pms5003Protocol.DataFrameLength;
            }

            return lengthField == Pms5003Protocol.AckLengthField ? Pms5003Protocol.AckFrameLength : 0;
        }

        /// <summary>A start pair with a data length field inside the rejected frame means a new frame
        /// began there: the first was cut short rather than corrupted.</summary>
        private bool HasStartAfterFirst(int frameLength)
        {
            for (int i = 1; i + 3 < frameLength; i++)
            {
                if (_buffer[i] == Pms5003Protocol.Start1 && _buffer[i + 1] == Pms5003Protocol.Start2
                    && _buffer[i + 2] == 0 && _buffer[i + 3] == Pms5003Protocol.DataLengthField)
                {
                    return true;
                }
            }

            return false;
        }

        private void Skip(int bytes)
        {
            BytesSkipped += bytes;
            Consume(bytes);
        }

        /// <summary>Drops <paramref name="bytes"/> from the front of the buffer.</summary>
        private void Consume(int bytes)
        {
            _count -= bytes;
            for (int i = 0; i < _count; i++)
            {
                _buffer[i] = _buffer[i + bytes];
            }
        }
    }
}
