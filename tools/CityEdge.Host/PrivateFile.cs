namespace CityEdge.Host;

/// <summary>
/// Files that hold secrets (command keys, their counters, private keys): created readable and
/// writable by their owner only (0600), and a warning for one that others could read or replace.
/// Windows has no Unix modes; there the checks say nothing.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="text"/>, creating the file 0600 (an existing file is made 0600 too).</summary>
    public static void WriteAllText(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> is unsafe to trust, or null: writable by every user (anyone could
    /// replace a key or a CA), or, for a <paramref name="secret"/>, readable by every user.
    /// </summary>
    public static string? Problem(string path, bool secret)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        string octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
        if ((mode & UnixFileMode.OtherWrite) != 0)
        {
            return $"{path} is writable by every user (mode {octal}): anyone on this machine can replace it; chmod 600 it";
        }

        if (secret && (mode & UnixFileMode.OtherRead) != 0)
        {
            return $"{path} is readable by every user (mode {octal}): it holds a secret; chmod 600 it";
        }

        return null;
    }
}
