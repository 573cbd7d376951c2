using CityEdge.Hal;

namespace CityEdge.Host.Simulation;

/// <summary>
/// A raw flash file system (<see cref="IFileSystem"/>, what the device's LittleFS drive offers through
/// System.IO) whose power is cut after a chosen number of write units: every byte written is one unit,
/// and so are truncating or creating a file (nanoFramework's FileMode.Create opens, then truncates:
/// System.IO.FileSystem v1.1.93 FileStream.CreateFile) and deleting one. A cut may thus leave any prefix
/// of a write, an empty file, or the old content. From the cut on every call throws
/// <see cref="PowerCutException"/>; <see cref="Survivor"/> is what the next boot finds.
/// </summary>
public sealed class SimulatedFlash : IFileSystem
{
    private readonly Dictionary<string, List<byte>> _files;

    /// <param name="cutAfterUnits">Write units that reach flash before the cut; negative: no cut.</param>
    public SimulatedFlash(long cutAfterUnits = -1)
        : this(new Dictionary<string, List<byte>>(StringComparer.Ordinal), cutAfterUnits)
    {
    }

    private SimulatedFlash(Dictionary<string, List<byte>> files, long cutAfterUnits)
    {
        _files = files;
        CutAfterUnits = cutAfterUnits;
    }

    public long CutAfterUnits { get; }

    public long UnitsWritten { get; private set; }

    public bool IsCut { get; private set; }


    /// <summary>The files as they are now, on a flash that is never cut (the next boot's view).</summary>
    public SimulatedFlash Survivor() => WithCut(-1);

    /// <summary>The files as they are now, on a flash cut after <paramref name="cutAfterUnits"/> more units.</summary>
    public SimulatedFlash WithCut(long cutAfterUnits) =>
        new(_files.ToDictionary(f => f.Key, f => new List<byte>(f.Value), StringComparer.Ordinal), cutAfterUnits);

    public string[] ListNames()
    {
        Alive();
        return _files.Keys.ToArray();
    }

    public bool Exists(string name)
    {
        Alive();
        return _files.ContainsKey(name);
    }

    public long GetLength(string name)
    {
        Alive();
        return _files.TryGetValue(name, out var file) ? file.Count : 0;
    }

    public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
    {
        Alive();
        if (!_files.TryGetValue(name, out var file) || position >= file.Count)
        {
            return 0;
        }

        int n = (int)Math.Min(count, file.Count - position);
        file.CopyTo((int)position, buffer, offset, n);
        return n;
    }

    public void Write(string name, byte[] data, int offset, int count, bool append)
    {
        Alive();
        if (!append || !_files.ContainsKey(name))
        {
            Unit();
            _files[name] = new List<byte>(count);
        }

        var file = _files[name];
        for (int i = 0; i < count; i++)
        {
            Unit();
            file.Add(data[offset + i]);
        }
    }

    public void Delete(string name)
    {
        Alive();
        if (_files.ContainsKey(name))
        {
            Unit();
            _files.Remove(name);
        }
    }

    private void Alive()
    {
        if (IsCut)
        {
            throw new PowerCutException();
        }
    }

    private void Unit()
    {
        if (CutAfterUnits >= 0 && UnitsWritten >= CutAfterUnits)
        {
            IsCut = true;
            throw new PowerCutException();
        }

        UnitsWritten++;
    }
}
