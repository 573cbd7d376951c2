using System.Globalization;

namespace CityEdge.Host.Lighting;

/// <summary>One detection at the lamp: when (UTC) and what passed (pedestrian, cyclist, car, ...).</summary>
public sealed record PresenceEvent(DateTime TimeUtc, string Source)
{
    public const string CsvHeader = "t_utc,source";

    public string ToCsv() => TimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "," + Source;

    /// <summary>Reads "t_utc,source" lines (header required); errors (FormatException) name the line.</summary>
    public static List<PresenceEvent> ReadCsv(TextReader input, string name)
    {
        var events = new List<PresenceEvent>();
        var reader = new LineReader(input, 256);
        string? header = ReadLine(reader, name);
        if (header == null || header.Trim() != CsvHeader)
        {
            throw new FormatException($"{name}: line 1 must be the header '{CsvHeader}', got {(header == null ? "an empty file" : Excerpt.Of(header))}");
        }

        DateTime previous = DateTime.MinValue;
        for (string? line = ReadLine(reader, name); line != null; line = ReadLine(reader, name))
        {
            int lineNumber = reader.LineNumber;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != 2)
            {
                throw new FormatException($"{name}: line {lineNumber}: expected 2 fields t_utc,source, got {fields.Length}");
            }

            if (!DateTime.TryParse(fields[0].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time)
                || !fields[0].Trim().EndsWith('Z'))
            {
                throw new FormatException($"{name}: line {lineNumber}: t_utc {Excerpt.Of(fields[0].Trim())} is not an ISO 8601 UTC time like 2026-11-23T21:04:05Z");
            }

            if (time < previous)
            {
                throw new FormatException($"{name}: line {lineNumber}: t_utc {fields[0].Trim()} is earlier than the line before; events must be in time order");
            }

            string source = fields[1].Trim();
            if (source.Length == 0)
            {
                throw new FormatException($"{name}: line {lineNumber}: source is empty");
            }

            previous = time;
            events.Add(new PresenceEvent(time, source));
        }

        return events;
    }

    private static string? ReadLine(LineReader reader, string name)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException ex)
        {
            throw new FormatException($"{name}: {ex.Message}");
        }
    }
}
