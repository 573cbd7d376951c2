using CityEdge.Hal;

namespace CityEdge.Host.Simulation;

/// <summary>
/// An <see cref="IPersistentStore"/> in a folder: the node's flash on the host. WriteAll writes a
/// temporary file and renames it over the old one, so a crash leaves the old or the new content.
/// </summary>
public sealed class FileStore : IPersistentStore
{
    private readonly string _folder;

    public FileStore(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Folder => _folder;

    public bool Exists(string name) => File.Exists(PathOf(name));

    public byte[] ReadAll(string name)
    {
        string path = PathOf(name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null!;
    }

    public void WriteAll(string name, byte[] data, int offset, int count)
    {
        string path = PathOf(name);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(data, offset, count);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        using var stream = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write);
        stream.Write(data, offset, count);
    }

    public long GetLength(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? info.Length : 0;
    }

    public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        stream.Position = position;
        return stream.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    private string PathOf(string name)
    {
        foreach (char c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                throw new ArgumentException($"store file name '{name}': character '{c}' is not one of a-z, 0-9, '.', '_', '-'", nameof(name));
            }
        }

        return Path.Combine(_folder, name);
    }
}
