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

    /// <summary>'text' quoted, escaped and cut to <paramref name="max"/> characters (the full length said after it).</summary>
    public static string Of(string text, int max = DefaultLength)
    {
        var quoted = new StringBuilder("'");
        int shown = Math.Min(text.Length, max);
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (c == '\\' || c == '\'')
            {
                quoted.Append('\\').Append(c);
            }
            else if (c >= ' ' && c <= '~')
            {
                quoted.Append(c);
            }
            else if (c == '\n')
            {
                quoted.Append("\\n");
            }
            else if (c == '\t')
            {
                quoted.Append("\\t");
            }
            else if (char.IsLetterOrDigit(c) || char.IsPunctuation(c) || char.IsSymbol(c) || c == '\u00a0')
            {
                // µ, °, accented letters: readable as they are.
                quoted.Append(c);
            }
            else
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        quoted.Append('\'');
        if (text.Length > max)
        {
            quoted.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        }

        return quoted.ToString();
    }

    /// <summary>Bytes as hex, at most <paramref name="max"/> of them (the full length said after it).</summary>
    public static string Hex(ReadOnlySpan<byte> bytes, int max = 32) =>
        Convert.ToHexStringLower(bytes[..Math.Min(bytes.Length, max)]) + (bytes.Length > max ? $"… ({bytes.Length} bytes)" : "");
}
