using CityEdge.Hal;
using CityEdge.Link;

namespace CityEdge.Storage
{
    /// <summary>
    /// The node's <see cref="IPersistentStore"/> on a raw flash file system: whatever byte a power cut
    /// stops at, <see cref="WriteAll"/> leaves the old content or the new one, never a mix or nothing.
    /// <para>
    /// WriteAll(name): 1) write <c>name.new</c> = data, then a footer (length and CRC-32 of the data, big-endian);
    /// 2) write <c>name</c> = data; 3) delete <c>name.new</c>. <c>name.new</c> is whole exactly when its footer
    /// checks, and <c>name</c> is only touched while a whole <c>name.new</c> exists. So before the store's first
    /// use after a boot (<see cref="Recover"/>), for every <c>*.new</c> file: a whole one means its write got
    /// past step 1 and is finished (steps 2 and 3 again, which may be cut and redone any number of times); a
    /// partial one means it was cut in step 1, <c>name</c> is untouched, and the partial copy is deleted.
    /// </para>
    /// <para>
    /// No rename is used: nanoFramework's File.Move refuses an existing destination and falls back to copy +
    /// delete where the platform cannot rename (nanoframework/System.IO.FileSystem v1.1.93, File.cs), so what
    /// a cut in a move leaves behind depends on the platform. Files written by others (the deployed
    /// cityedge.conf, ca.pem, command.key) are read as they are; only WriteAll's staging copy has a footer,
    /// and every name ending in <c>.new</c> belongs to this store.
    /// Append is the file system's own (a cut may tear it; FlashQueue's records carry their own checks).
    /// </para>
    /// </summary>
    public sealed class CrashSafeStore : IPersistentStore
    {
        /// <summary>Suffix of the staging copy a WriteAll makes first.</summary>
        public const string StagingSuffix = ".new";

        private const int FooterLength = 8;

        private readonly IFileSystem _files;
        private readonly byte[] _footer = new byte[FooterLength];
        private bool _recovered;

        public CrashSafeStore(IFileSystem files)
        {
            _files = files;
        }

        public bool Exists(string name)
        {
            Recover();
            return _files.Exists(name);
        }

        public byte[] ReadAll(string name)
        {
            Recover();
            return _files.Exists(name) ? ReadWhole(name) : null;
        }

        public void WriteAll(string name, byte[] data, int offset, int count)
        {
            Recover();
            string staging = name + StagingSuffix;
            BigEndian.WriteUInt32(_footer, 0, (uint)count);
            BigEndian.WriteUInt32(_footer, 4, Crc32.Compute(data, offset, count));
            _files.Write(staging, data, offset, count, false);
            _files.Write(staging, _footer, 0, FooterLength, true);
            _files.Write(name, data, offset, count, false);
            _files.Delete(staging);
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            Recover();
            _files.Write(name, data, offset, count, true);
        }

        public long GetLength(string name)
        {
            Recover();
            return _files.GetLength(name);
        }

        public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
        {
            Recover();
            return _files.ReadAt(name, position, buffer, offset, count);
        }

        public void Delete(string name)
        {
            Recover();
            _files.Delete(name);
        }

        /// <summary>Finishes or discards every WriteAll a power cut interrupted (see the class summary), once,
        /// before the first use of the store after a boot.</summary>
        private void Recover()
        {
            if (_recovered)
            {
                return;
            }

            string[] names = _files.ListNames();
            for (int i = 0; i < names.Length; i++)
            {
                string staging = names[i];
                if (!staging.EndsWith(StagingSuffix))
                {
                    continue;
                }

                byte[] whole = ReadWhole(staging);
                int length = whole.Length - FooterLength;
                if (length >= 0 && BigEndian.ReadUInt32(whole, length) == (uint)length
                    && BigEndian.ReadUInt32(whole, length + 4) == Crc32.Compute(whole, 0, length))
                {
                    _files.Write(staging.Substring(0, staging.Length - StagingSuffix.Length), whole, 0, length, false);
                }

                _files.Delete(staging);
            }

            _recovered = true;
        }

        private byte[] ReadWhole(string name)
        {
            byte[] data = new byte[(int)_files.GetLength(name)];
            int read = 0;
            while (read < data.Length)
            {
                int n = _files.ReadAt(name, read, data, read, data.Length - read);
                if (n <= 0)
                {
                    break;
                }

                read += n;
            }

            return data;
        }
    }
}
