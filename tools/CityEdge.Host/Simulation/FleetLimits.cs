using System.Globalization;

namespace CityEdge.Host.Simulation;

/// <summary>
/// What bounds a fleet on this machine, checked before any node connects so a large run fails with
/// the reason instead of "cannot reach the broker" part-way: every virtual node holds one TCP
/// connection, so one open file (two with the embedded broker, which holds the other end) and one
/// local port towards the broker's address.
/// </summary>
public static class FleetLimits
{
    /// <summary>Descriptors the process needs besides the nodes' (assemblies, receiver, console, broker listener).</summary>
    public const int SpareFiles = 256;

    /// <summary>Why <paramref name="nodes"/> nodes cannot run here (null when they can, or the
    /// limits are not readable: only Linux is checked).</summary>
    public static string? Problem(int nodes, bool embeddedBroker)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        long files = (long)nodes * (embeddedBroker ? 2 : 1) + SpareFiles;
        if (OpenFilesLimit() is long limit && files > limit)
        {
            return $"{nodes} nodes need about {files} open files (one connection each{(embeddedBroker ? ", and the embedded broker's end of it" : "")}) but this process may open {limit}: raise it (ulimit -n {files}) or run fewer nodes";
        }

        if (LocalPorts() is int ports && nodes + 1 > ports)
        {
            return $"{nodes} nodes need {nodes + 1} local ports towards one broker address but net.ipv4.ip_local_port_range offers {ports}: widen it or run fewer nodes";
        }

        return null;
    }

    /// <summary>The soft limit on open files (/proc/self/limits), or null when unreadable or unlimited.</summary>
    private static long? OpenFilesLimit()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    string[] fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft) ? soft : null;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>How many ephemeral ports the kernel hands out, or null when unreadable.</summary>
    private static int? LocalPorts()
    {
        try
        {
            string[] range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return range.Length == 2 && int.TryParse(range[0], CultureInfo.InvariantCulture, out int low) && int.TryParse(range[1], CultureInfo.InvariantCulture, out int high)
                ? high - low + 1
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
