using System.Globalization;
using CityEdge.Host.Simulation;
using CityEdge.Telemetry;

namespace CityEdge.Host.Parking;

/// <summary>A CSV problem, naming the line (1-based) and column.</summary>
public sealed class ParkingCsvException(string file, int line, string column, string message)
    : Exception($"{file}:{line}: column '{column}': {message}")
{
    public int Line { get; } = line;

    public string Column { get; } = column;
}

/// <summary>
/// The replay files. Readings: header <c>t,bay,x_ut,y_ut,z_ut</c>, then one row per reading (t in
/// seconds, field in µT, bays interleaved, time never going back within a bay); a row with all three
/// field columns empty is a failed read. Truth: header <c>t,bay,occupied</c> (occupied 0 or 1), one
/// row per change of a bay's true state; before its first row a bay is free.
/// </summary>
public static class ParkingCsv
{
    /// <summary>Highest bay number a file may use: a node watches at most 16 bays (frame v1, parking.bays).</summary>
    public const int MaxBay = TelemetryReport.MaxParkingBays - 1;

    public static readonly string[] ReadingColumns = ["t", "bay", "x_ut", "y_ut", "z_ut"];

    public static readonly string[] TruthColumns = ["t", "bay", "occupied"];

    public static IEnumerable<MagnetometerRow> ReadReadings(TextReader reader, string file)
    {
        var lastT = new Dictionary<int, double>();
        foreach (var (line, fields) in Rows(reader, file, ReadingColumns))
        {
            double t = Number(fields[0], file, line, "t");
            int bay = Bay(fields[1], file, line);
            bool failed = fields[2].Length == 0 && fields[3].Length == 0 && fields[4].Length == 0;
            double x = failed ? 0 : Number(fields[2], file, line, "x_ut");
            double y = failed ? 0 : Number(fields[3], file, line, "y_ut");
            double z = failed ? 0 : Number(fields[4], file, line, "z_ut");
            if (lastT.TryGetValue(bay, out double previous) && t <= previous)
            {
                throw new ParkingCsvException(file, line, "t", $"{Format(t)} s is not after bay {bay}'s previous reading at {Format(previous)} s");
            }

            lastT[bay] = t;
            yield return new MagnetometerRow(t, bay, !failed, x, y, z);
        }

        if (lastT.Count == 0)
        {
            throw new ParkingCsvException(file, 1, ReadingColumns[0], "no readings after the header");
        }
    }

    public static List<TruthChange> ReadTruth(TextReader reader, string file)
    {
        var changes = new List<TruthChange>();
        var lastT = new Dictionary<int, double>();
        foreach (var (line, fields) in Rows(reader, file, TruthColumns))
        {
            double t = Number(fields[0], file, line, "t");
            int bay = Bay(fields[1], file, line);
            if (lastT.TryGetValue(bay, out double previous) && t <= previous)
            {
                throw new ParkingCsvException(file, line, "t", $"{Format(t)} s is not after bay {bay}'s previous change at {Format(previous)} s");
            }

            lastT[bay] = t;
            bool occupied = fields[2] switch
            {
                "1" => true,
                "0" => false,
                _ => throw new ParkingCsvException(file, line, "occupied", $"{Excerpt.Of(fields[2])} is not 0 or 1"),
            };
            changes.Add(new TruthChange(t, bay, occupied, null));
        }

        // Bays start free unless the file says otherwise at their first time.
        foreach (int bay in changes.Select(c => c.Bay).Distinct().ToList())
        {
            changes.Add(new TruthChange(double.NegativeInfinity, bay, false, null));
        }

        return changes.OrderBy(c => c.T).ThenBy(c => c.Bay).ToList();
    }

    public static void WriteReadings(TextWriter writer, IEnumerable<MagnetometerRow> rows)
    {
        writer.WriteLine(string.Join(',', ReadingColumns));
        foreach (var r in rows)
        {
            writer.WriteLine(r.Valid
                ? string.Create(CultureInfo.InvariantCulture, $"{r.T},{r.Bay},{r.XUt:0.##},{r.YUt:0.##},{r.ZUt:0.##}")
                : string.Create(CultureInfo.InvariantCulture, $"{r.T},{r.Bay},,,"));
        }
    }

    public static void WriteTruth(TextWriter writer, IEnumerable<TruthChange> truth)
    {
        writer.WriteLine(string.Join(',', TruthColumns));
        foreach (var c in truth)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.T:0.###},{c.Bay},{(c.Occupied ? 1 : 0)}"));
        }
    }

    private static IEnumerable<(int Line, string[] Fields)> Rows(TextReader input, string file, string[] columns)
    {
        var reader = new LineReader(input);
        string? text = ReadLine(reader, file);
        if (text == null)
        {
            throw new ParkingCsvException(file, 1, columns[0], "the file is empty; it needs the header " + string.Join(',', columns));
        }

        string[] header = text.Trim().Split(',');
        for (int i = 0; i < columns.Length; i++)
        {
            if (i >= header.Length || header[i].Trim() != columns[i])
            {
                throw new ParkingCsvException(file, 1, columns[i], $"header column {i + 1} must be '{columns[i]}' (header: {string.Join(',', columns)})");
            }
        }

        while ((text = ReadLine(reader, file)) != null)
        {
            int line = reader.LineNumber;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            string[] fields = text.Split(',');
            if (fields.Length != columns.Length)
            {
                string column = fields.Length < columns.Length ? columns[fields.Length] : "(extra)";
                throw new ParkingCsvException(file, line, column, $"{fields.Length} columns; expected {columns.Length} ({string.Join(',', columns)})");
            }

            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = fields[i].Trim();
            }

            yield return (line, fields);
        }
    }

    private static string? ReadLine(LineReader reader, string file)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException ex)
        {
            throw new ParkingCsvException(file, reader.LineNumber, "(line)", ex.Message);
        }
    }

    private static double Number(string text, string file, int line, string column)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new ParkingCsvException(file, line, column, $"{Excerpt.Of(text)} is not a number");
        }

        return value;
    }

    private static int Bay(string text, string file, int line)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int bay) || bay > MaxBay)
        {
            throw new ParkingCsvException(file, line, "bay", $"{Excerpt.Of(text)} is not a bay number 0..{MaxBay}");
        }

        return bay;
    }

    /// <summary>Times as a reader wrote them; "G9" so that a time like 3.3e280 stays one short number in the message.</summary>
    private static string Format(double t) => t.ToString("G9", CultureInfo.InvariantCulture);
}
