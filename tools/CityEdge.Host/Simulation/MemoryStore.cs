using CityEdge.Hal;

namespace CityEdge.Host.Simulation;

/// <summary>An <see cref="IPersistentStore"/> in memory: survives a simulated reboot as long as the
/// same instance is handed to the new node.</summary>
public sealed class MemoryStore : IPersistentStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>A copy of every file: the same flash on another node, or as it was at this moment.</summary>
    public MemoryStore Clone()
    {
        var copy = new MemoryStore();
        lock (_gate)
        {
            foreach (var file in _files)
            {
                copy._files[file.Key] = (byte[])file.Value.Clone();
            }
        }

        return copy;
    }

    public bool Exists(string name)
    {
        lock (_gate)
        {
            return _files.ContainsKey(name);
        }
    }

    public byte[] ReadAll(string name)
    {
        lock (_gate)
        {
            return _files.TryGetValue(name, out var data) ? (byte[])data.Clone() : null!;
        }
    }

    public void WriteAll(string name, byte[] data, int offset, int count)
    {
        lock (_gate)
        {
            _files[name] = data.AsSpan(offset, count).ToArray();
        }
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        lock (_gate)
        {
            _files.TryGetValue(name, out var old);
            old ??= [];
            var grown = new byte[old.Length + count];
            old.CopyTo(grown, 0);
            Array.Copy(data, offset, grown, old.Length, count);
            _files[name] = grown;
        }
    }

    public long GetLength(string name)
    {
        lock (_gate)
        {
            return _files.TryGetValue(name, out var data) ? data.Length : 0;
        }
    }

    public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(name, out var data) || position >= data.Length)
            {
                return 0;
            }

            int n = (int)Math.Min(count, data.Length - position);
            Array.Copy(data, position, buffer, offset, n);
            return n;
        }
    }

    public void Delete(string name)
    {
        lock (_gate)
        {
            _files.Remove(name);
        }
    }
}
