using CityEdge.Hal;

namespace CityEdge.Cli.Provisioning;

/// <summary>
/// The files that will sit beside a config on the node (ca.pem, client.pem, client.key), seen from a
/// laptop folder through the node's storage interface so the core's boot rules read them as the node will.
/// Read-only: checking never changes a technician's files.
/// </summary>
internal sealed class FolderFiles(string folder) : IPersistentStore
{
    public bool Exists(string name) => File.Exists(PathOf(name));

    public byte[] ReadAll(string name) => File.Exists(PathOf(name)) ? File.ReadAllBytes(PathOf(name)) : null!;

    public long GetLength(string name) => File.Exists(PathOf(name)) ? new FileInfo(PathOf(name)).Length : 0;

    public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
    {
        using var stream = File.OpenRead(PathOf(name));
        stream.Position = position;
        return stream.Read(buffer, offset, count);
    }

    public void WriteAll(string name, byte[] data, int offset, int count) => throw new InvalidOperationException("checking does not write " + name);

    public void Append(string name, byte[] data, int offset, int count) => throw new InvalidOperationException("checking does not write " + name);

    public void Delete(string name) => throw new InvalidOperationException("checking does not delete " + name);

    private string PathOf(string name) => Path.Combine(folder, name);
}
