using System.IO;
using CityEdge.Hal;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// The raw files of the ESP32's internal flash drive (I:\, LittleFS) through nanoFramework's
    /// System.IO.FileSystem; <see cref="CityEdge.Storage.CrashSafeStore"/> makes the node's store of it,
    /// so every decision about power cuts is portable and host-tested (tests/CityEdge.Core.Tests/Storage).
    /// Checked against nanoframework/System.IO.FileSystem v1.1.93 (packages.config): File.Delete is a no-op
    /// for a missing file; FileMode.Create opens and then truncates an existing file (FileStream.CreateFile);
    /// FileMode.Append opens or creates and seeks to the end and needs FileAccess.Write (AppendToFile);
    /// disposing the stream closes the native file; Directory.GetFiles returns full paths (Directory.cs) and
    /// Path.GetFileName takes the name from one.
    /// </summary>
    public sealed class FlashFileSystem : IFileSystem
    {
        private readonly string _root;

        /// <param name="root">Folder with trailing separator, e.g. "I:\\".</param>
        public FlashFileSystem(string root)
        {
            _root = root;
        }

        public string[] ListNames()
        {
            string[] paths = Directory.GetFiles(_root);
            for (int i = 0; i < paths.Length; i++)
            {
                paths[i] = Path.GetFileName(paths[i]);
            }

            return paths;
        }

        public bool Exists(string name)
        {
            return File.Exists(_root + name);
        }

        public long GetLength(string name)
        {
            string path = _root + name;
            if (!File.Exists(path))
            {
                return 0;
            }

            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return stream.Length;
            }
        }

        public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
        {
            string path = _root + name;
            if (!File.Exists(path))
            {
                return 0;
            }

            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (position >= stream.Length)
                {
                    return 0;
                }

                stream.Seek(position, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int n = stream.Read(buffer, offset + total, count - total);
                    if (n <= 0)
                    {
                        break;
                    }

                    total += n;
                }

                return total;
            }
        }

        public void Write(string name, byte[] data, int offset, int count, bool append)
        {
            using (FileStream stream = new FileStream(_root + name, append ? FileMode.Append : FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }
        }

        public void Delete(string name)
        {
            File.Delete(_root + name);
        }
    }
}
