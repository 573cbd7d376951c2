using CityEdge.Hal;

namespace CityEdge.Node
{
    /// <summary>
    /// The per-node report sequence number, kept across reboots so receivers can deduplicate and
    /// detect gaps. Writing flash for every report would wear it out, so the counter reserves blocks:
    /// the store holds the first number not yet reserved, and a reboot resumes there. A reboot may
    /// therefore skip up to <see cref="BlockSize"/> - 1 numbers; it never reuses one.
    /// </summary>
    public sealed class SequenceCounter
    {
        /// <summary>Numbers reserved per flash write: one write per 64 reports (about an hour at 60 s).</summary>
        public const int BlockSize = 64;

        private readonly IPersistentStore _store;
        private readonly string _fileName;
        private readonly byte[] _buffer = new byte[4];
        private uint _next;
        private uint _reservedUntil;

        /// <param name="fileName">The store file that holds this counter's reservation.</param>
        public SequenceCounter(IPersistentStore store, string fileName)
        {
            _store = store;
            _fileName = fileName;
            byte[] stored = store.ReadAll(fileName);
            if (stored != null && stored.Length == 4)
            {
                _next = ((uint)stored[0] << 24) | ((uint)stored[1] << 16) | ((uint)stored[2] << 8) | stored[3];
            }

            FirstOfBoot = _next;
            Reserve();
        }

        /// <summary>The first number used since this start-up (receivers see a gap before it after a reboot).</summary>
        public uint FirstOfBoot { get; }

        /// <summary>Returns the next number (the frame carries its low 16 bits).</summary>
        public uint Next()
        {
            if (_next == _reservedUntil)
            {
                Reserve();
            }

            return _next++;
        }

        private void Reserve()
        {
            _reservedUntil = _next + BlockSize;
            _buffer[0] = (byte)(_reservedUntil >> 24);
            _buffer[1] = (byte)(_reservedUntil >> 16);
            _buffer[2] = (byte)(_reservedUntil >> 8);
            _buffer[3] = (byte)_reservedUntil;
            _store.WriteAll(_fileName, _buffer, 0, 4);
        }
    }
}
