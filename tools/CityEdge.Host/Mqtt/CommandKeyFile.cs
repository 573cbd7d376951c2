using System.Globalization;
using CityEdge.Link;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// A node's command key on the command centre: a text file with 64 hex digits (32 bytes), e.g. from
/// `openssl rand -hex 32`. Next to it, "&lt;key file&gt;.counter" remembers the last counter used, so
/// counters keep rising across runs; they also never fall behind Unix time in milliseconds, so two
/// machines sharing a key rarely collide (the node refuses the lower one as a replay). Both files
/// are secrets' company: the counter file is created 0600 (<see cref="PrivateFile"/>).
/// </summary>
public static class CommandKeyFile
{
    public static byte[] Read(string path)
    {
        // A key file is 64 hex digits and a line break; a large file is not one (and is not read whole).
        if (new FileInfo(path).Length > 1024)
        {
            throw new FormatException($"{path}: expected {CommandFrame.KeyLength * 2} hex digits (a {CommandFrame.KeyLength}-byte key), but the file has {new FileInfo(path).Length} bytes");
        }

        string text = File.ReadAllText(path).Trim();
        if (text.Length != CommandFrame.KeyLength * 2)
        {
            throw new FormatException($"{path}: expected {CommandFrame.KeyLength * 2} hex digits (a {CommandFrame.KeyLength}-byte key), found {text.Length} characters");
        }

        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{path}: the key must be hex digits 0-9, a-f only");
        }
    }

    /// <summary>Writes a new random key for a node (as `openssl rand -hex 32` would), 0600.</summary>
    public static byte[] Create(string path)
    {
        byte[] key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(CommandFrame.KeyLength);
        PrivateFile.WriteAllText(path, Convert.ToHexStringLower(key) + "\n");
        return key;
    }

    /// <summary>The counter for the next command signed with this key, remembered at once.</summary>
    public static ulong NextCounter(string path)
    {
        string counterPath = path + ".counter";
        ulong last = 0;
        if (File.Exists(counterPath) && !ulong.TryParse(File.ReadAllText(counterPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out last))
        {
            throw new FormatException($"{counterPath}: not a whole number; delete it to start from the clock");
        }

        ulong next = Math.Max(last + 1, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        PrivateFile.WriteAllText(counterPath, next.ToString(CultureInfo.InvariantCulture));
        return next;
    }
}
