using CityEdge.Host.Mqtt;

namespace CityEdge.Host.Simulation;

/// <summary>
/// The virtual nodes' command keys as a technician would hold them: one key file per node
/// (NODE.key, 64 hex digits, 0600) in a folder of the user's own (0700), kept across runs so a key
/// file given to `cityedge command` keeps working. The same key goes into the node's flash.
/// </summary>
public sealed class SimulatedNodeKeys
{
    private readonly string _folder;

    /// <summary>Creates <paramref name="folder"/> (0700) when missing; throws IOException or UnauthorizedAccessException.</summary>
    public SimulatedNodeKeys(string folder)
    {
        _folder = folder;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string PathOf(string nodeId) => Path.Combine(_folder, nodeId + ".key");

    /// <summary>Deletes the node's key file (a node id that will not be used again).</summary>
    public void Forget(string nodeId) => File.Delete(PathOf(nodeId));

    /// <summary>The node's key: the one in its file, or a new random one written there.</summary>
    public byte[] KeyFor(string nodeId)
    {
        string path = PathOf(nodeId);
        try
        {
            if (File.Exists(path))
            {
                return CommandKeyFile.Read(path);
            }
        }
        catch (FormatException)
        {
            // Not a key any more (edited by hand?): a new one replaces it, as on a re-provisioned node.
        }

        return CommandKeyFile.Create(path);
    }
}
