using System.Globalization;
using System.Text;

namespace CityEdge.Host;

/// <summary>
/// How an error message quotes input: at most a short excerpt, control and non-ASCII characters
/// escaped, so a huge or binary value never floods a terminal or a log.
/// </summary>
public static class Excerpt
{
    public const int DefaultLength = 40;

    /// <summary>Longest unquoted piece (a key, a whole problem message) <see cref="Escaped"/> gives by default.</summary>
    public const int DefaultMessageLength = 80;

    /// <summary>'text' quoted, escaped and cut to <paramref name="max"/> characters (the full length said after it).</summary>
    public static string Of(string text, int max = DefaultLength)
    {
        var quoted = new StringBuilder("'");
        Append(quoted, text, max, escapeQuotes: true);
        quoted.Append('\'');
        if (text.Length > max)
        {
            quoted.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        }

        return quoted.ToString();
    }

    /// <summary>Text that is itself part of a message (a key, a problem that may quote input), escaped as
    /// <see cref="Of"/> does but not quoted, and cut to <paramref name="max"/> characters with '…'.</summary>
    public static string Escaped(string text, int max = DefaultMessageLength)
    {
        var escaped = new StringBuilder();
        Append(escaped, text, max, escapeQuotes: false);
        if (text.Length > max)
        {
            escaped.Append('…');
        }

        return escaped.ToString();
    }

    /// <summary>Bytes as hex, at most <paramref name="max"/> of them (the full length said after it).</summary>
    public static string Hex(ReadOnlySpan<byte> bytes, int max = 32) =>
        Convert.ToHexStringLower(bytes[..Math.Min(bytes.Length, max)]) + (bytes.Length > max ? $"… ({bytes.Length} bytes)" : "");

    private static void Append(StringBuilder to, string text, int max, bool escapeQuotes)
    {
        int shown = Math.Min(text.Length, max);
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (escapeQuotes && (c == '\\' || c == '\''))
            {
                to.Append('\\').Append(c);
            }
            else if (c >= ' ' && c <= '~')
            {
                to.Append(c);
            }
            else if (c == '\n')
            {
                to.Append("\\n");
            }
            else if (c == '\t')
            {
                to.Append("\\t");
            }
            else if (char.IsLetterOrDigit(c) || char.IsPunctuation(c) || char.IsSymbol(c) || c == '\u00a0')
            {
                // µ, °, accented letters: readable as they are.
                to.Append(c);
            }
            else
            {
                to.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }
    }
}
