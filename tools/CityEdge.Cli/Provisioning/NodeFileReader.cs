using System.Globalization;
using System.Text;
using CityEdge.Host;

namespace CityEdge.Cli.Provisioning;

/// <summary>
/// Reads a node's text files (config, board) the way a careful tool must: at most <see cref="MaxBytes"/>
/// (a node config is a few KiB; a 200 MB binary must not be loaded, parsed or echoed), UTF-8 only, and any
/// piece of bad input quoted back only as a short, escaped excerpt (<see cref="Excerpt.Escaped"/>).
/// </summary>
internal static class NodeFileReader
{
    /// <summary>Largest node file accepted: far above any real config (the node's set-config carries 2 KiB).</summary>
    public const int MaxBytes = 64 * 1024;

    public static bool TryRead(string path, out string text, out string problem)
    {
        text = string.Empty;
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                problem = "is a folder, not a file";
                return false;
            }

            if (!info.Exists)
            {
                problem = "not found";
                return false;
            }

            if (info.Length > MaxBytes)
            {
                problem = $"is {Size(info.Length)}; a node file is at most {MaxBytes / 1024} KiB (is this the right file?)";
                return false;
            }

            byte[] bytes = File.ReadAllBytes(path);
            int nul = Array.IndexOf(bytes, (byte)0);
            if (nul >= 0)
            {
                problem = $"is not a text file (byte 0x00 at offset {nul})";
                return false;
            }

            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException ex)
            {
                problem = $"is not UTF-8 text (bad byte at offset {ex.Index})";
                return false;
            }

            // Windows editors may save UTF-8 with a byte-order mark; the node drops it too.
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text[1..];
            }

            problem = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "cannot read: " + ex.Message;
            return false;
        }
    }

    private static string Size(long bytes) =>
        bytes >= 1 << 20 ? (bytes / (1 << 20)).ToString(CultureInfo.InvariantCulture) + " MB" : (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KiB";
}
