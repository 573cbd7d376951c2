namespace CityEdge.Hal
{
    /// <summary>
    /// The raw files of the node's flash drive (LittleFS on the ESP32's internal storage), with no
    /// promise about power cuts: a write that is cut off may leave any prefix of its bytes, and a file
    /// being created or truncated may be left empty. <see cref="Storage.CrashSafeStore"/> builds the
    /// atomic <see cref="IPersistentStore"/> on it. Names are short ASCII ([a-z0-9._-]).
    /// </summary>
    public interface IFileSystem
    {
        /// <summary>The names of every file in the folder.</summary>
        string[] ListNames();

        bool Exists(string name);

        /// <summary>Length in bytes; 0 when the file does not exist.</summary>
        long GetLength(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many (0 past the end or when missing).</summary>
        int ReadAt(string name, long position, byte[] buffer, int offset, int count);

        /// <summary>Creates the file, or truncates it (<paramref name="append"/> false) or adds to its end
        /// (<paramref name="append"/> true), writes the bytes and closes it.</summary>
        void Write(string name, byte[] data, int offset, int count, bool append);

        /// <summary>Removes the file; nothing happens when it does not exist.</summary>
        void Delete(string name);
    }
}
