using System.Text;

namespace CityEdge.Host;

/// <summary>
/// Reads text lines of at most <see cref="MaxLength"/> characters, counting them: a file without line
/// breaks (a binary file given by mistake, /dev/zero) costs at most one short buffer, never its size.
/// </summary>
public sealed class LineReader(TextReader reader, int maxLength = LineReader.DefaultMaxLength)
{
    public const int DefaultMaxLength = 4096;

    private readonly StringBuilder _line = new();

    public int MaxLength { get; } = maxLength;

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line without its break, or null at the end; throws <see cref="InvalidDataException"/>
    /// naming the line when it is longer than <see cref="MaxLength"/>.</summary>
    public string? ReadLine()
    {
        _line.Clear();
        int c = reader.Read();
        if (c < 0)
        {
            return null;
        }

        LineNumber++;
        while (c >= 0 && c != '\n')
        {
            if (_line.Length == MaxLength)
            {
                throw new InvalidDataException($"line {LineNumber} is longer than {MaxLength} characters (it starts {Excerpt.Of(_line.ToString())})");
            }

            _line.Append((char)c);
            c = reader.Read();
        }

        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        return _line.ToString();
    }
}
