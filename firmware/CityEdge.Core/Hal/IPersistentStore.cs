namespace CityEdge.Hal
{
    /// <summary>
    /// Named files that survive a reboot: LittleFS/SPIFFS internal storage on the device, a folder on
    /// the host. Names are short ASCII ([a-z0-9._-]); the store owns its files.
    /// </summary>
    public interface IPersistentStore
    {
        bool Exists(string name);

        /// <summary>The whole file, or null when it does not exist.</summary>
        byte[] ReadAll(string name);

        /// <summary>Replaces the file. Implementations write a temporary file and rename it, so a
        /// power cut leaves either the old or the new content, never a mix.</summary>
        void WriteAll(string name, byte[] data, int offset, int count);

        /// <summary>Adds bytes at the end, creating the file when needed.</summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>Length in bytes; 0 when the file does not exist.</summary>
        long GetLength(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many.</summary>
        int ReadAt(string name, long position, byte[] buffer, int offset, int count);

        void Delete(string name);
    }
}
