using CityEdge.Hal;

namespace CityEdge.Core.Tests.Parking;

/// <summary>Thrown by <see cref="PowerCutStore"/> where the power went.</summary>
internal sealed class PowerCutException() : Exception("power cut");

/// <summary>
/// Flash in memory that loses power after a given number of written bytes, the way the worst file system
/// would leave it: no atomic replace. <see cref="TornWrite.Truncated"/>: the file holds the bytes written so
/// far; <see cref="TornWrite.InPlace"/>: they overwrote the start of the old content, the rest of it remains.
/// </summary>
internal sealed class PowerCutStore : IPersistentStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public enum TornWrite
    {
        Truncated,
        InPlace,
    }

    public TornWrite Mode { get; set; }

    /// <summary>Bytes that may still be written before the power goes; negative: it never goes.</summary>
    public long BytesBeforeCut { get; set; } = -1;

    public PowerCutStore Clone()
    {
        var copy = new PowerCutStore { Mode = Mode };
        foreach (var (name, data) in _files)
        {
            copy._files[name] = (byte[])data.Clone();
        }

        return copy;
    }

    public bool Exists(string name) => _files.ContainsKey(name);

    public byte[] ReadAll(string name) => _files.TryGetValue(name, out var data) ? (byte[])data.Clone() : null!;

    public void WriteAll(string name, byte[] data, int offset, int count)
    {
        int written = Budget(count);
        var old = _files.GetValueOrDefault(name) ?? [];
        var content = written == count || Mode == TornWrite.Truncated ? new byte[written] : new byte[Math.Max(written, old.Length)];
        if (content.Length > written)
        {
            Array.Copy(old, content, old.Length);
        }

        Array.Copy(data, offset, content, 0, written);
        _files[name] = content;
        if (written < count)
        {
            throw new PowerCutException();
        }
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        int written = Budget(count);
        var old = _files.GetValueOrDefault(name) ?? [];
        _files[name] = [.. old, .. data.AsSpan(offset, written)];
        if (written < count)
        {
            throw new PowerCutException();
        }
    }

    public long GetLength(string name) => _files.TryGetValue(name, out var data) ? data.Length : 0;

    public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
    {
        if (!_files.TryGetValue(name, out var data) || position >= data.Length)
        {
            return 0;
        }

        int n = (int)Math.Min(count, data.Length - position);
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    public void Delete(string name) => _files.Remove(name);

    private int Budget(int count)
    {
        if (BytesBeforeCut < 0)
        {
            return count;
        }

        int written = (int)Math.Min(count, BytesBeforeCut);
        BytesBeforeCut -= written;
        return written;
    }
}
