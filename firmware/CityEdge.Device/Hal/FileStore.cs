using System;
using System.Collections;
using System.IO;
using CityEdge.Hal;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// IPersistentStore on the ESP32's internal flash drive (I:\ in nanoFramework's System.IO.FileSystem).
    /// <para>
    /// WriteAll must leave the old or the new content after a power cut. nanoFramework's File.Move throws
    /// when the destination exists and may fall back to copy + delete when the platform cannot rename
    /// (System.IO.FileSystem/File.cs), so a plain "write temp, rename over" is not available. Instead:
    /// 1) write name.tmp and close it; 2) move name to name.bak; 3) move name.tmp to name; 4) delete name.bak.
    /// <see cref="Recover"/> (once per name per boot, before first use) finishes or undoes an interrupted
    /// write: name.bak present means step 2 had begun, so name.tmp (if still there) is complete and wins;
    /// name.tmp without name.bak may be partial and is discarded.
    /// </para>
    /// </summary>
    public sealed class FileStore : IPersistentStore
    {
        private const string TempSuffix = ".tmp";
        private const string BackupSuffix = ".bak";
        private readonly string _root;
        private readonly Hashtable _recovered = new Hashtable();

        /// <param name="root">Folder with trailing separator, e.g. "I:\\".</param>
        public FileStore(string root)
        {
            _root = root;
        }

        public bool Exists(string name)
        {
            Recover(name);
            return File.Exists(PathOf(name));
        }

        public byte[] ReadAll(string name)
        {
            Recover(name);
            string path = PathOf(name);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        public void WriteAll(string name, byte[] data, int offset, int count)
        {
            Recover(name);
            string path = PathOf(name);
            string temp = path + TempSuffix;
            string backup = path + BackupSuffix;

            File.Delete(temp);
            using (FileStream stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }

            if (File.Exists(path))
            {
                File.Move(path, backup);
            }

            File.Move(temp, path);
            File.Delete(backup);
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            Recover(name);
            using (FileStream stream = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write))
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }
        }

        public long GetLength(string name)
        {
            Recover(name);
            string path = PathOf(name);
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
            Recover(name);
            string path = PathOf(name);
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

        public void Delete(string name)
        {
            string path = PathOf(name);
            File.Delete(path);
            File.Delete(path + TempSuffix);
            File.Delete(path + BackupSuffix);
            _recovered[name] = true;
        }

        private string PathOf(string name)
        {
            return _root + name;
        }

        /// <summary>Completes or rolls back a WriteAll that a reset interrupted (see the class summary).</summary>
        private void Recover(string name)
        {
            if (_recovered.Contains(name))
            {
                return;
            }

            string path = PathOf(name);
            string temp = path + TempSuffix;
            string backup = path + BackupSuffix;
            if (File.Exists(backup))
            {
                if (File.Exists(temp))
                {
                    // Interrupted in step 2 or 3: the temp file was closed before step 2 began.
                    File.Delete(path);
                    File.Move(temp, path);
                }

                File.Delete(backup);
            }
            else if (File.Exists(temp))
            {
                // Interrupted in step 1: the temp file may be partial; the old file (if any) stands.
                File.Delete(temp);
            }

            _recovered[name] = true;
        }
    }
}
