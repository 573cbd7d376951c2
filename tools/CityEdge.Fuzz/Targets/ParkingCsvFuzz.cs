using System.Globalization;
using System.Text;
using CityEdge.Host.Parking;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>
/// The parking replay files (`cityedge replay parking`): magnetometer readings and the truth of bay
/// changes, as ParkingCsv reads them. Valid files are written here from the documented layout
/// (docs/parking.md, "Replay files"): a header, then rows in time order per bay, numbers in invariant
/// culture with round-trip precision, a failed read as three empty field columns.
/// </summary>
public static class ParkingCsvFuzz
{
    public const string Oracle = "reads or throws ParkingCsvException (line inside the file, a known column, message under 300 characters); rows read have bays 0..15, finite times rising per bay; an intact file reads back exactly its rows";

    private static readonly string[] Columns = [.. ParkingCsv.ReadingColumns, .. ParkingCsv.TruthColumns, "(extra)", "(line)"];

    private static readonly Gen<Row> OneRow = Gen.Select(
        Gen.Int[0, ParkingCsv.MaxBay], Gen.Double[0.001, 5000], Gen.Bool, Gen.Double[-200, 200].Array[3], Gen.Bool,
        (bay, step, failed, field, occupied) => new Row(bay, step, failed, field, occupied));

    public static readonly Gen<CsvCase> Inputs = Gen.Select(OneRow.Array[1, 16], Gen.Bool).SelectMany((rows, truth) =>
        FuzzBytes.Around(Gen.Const(Encoding.UTF8.GetBytes(Write(rows, truth))), 160).Select(bytes => new CsvCase(rows, truth, bytes)));

    public static void Check(CsvCase csv)
    {
        string text = Encoding.UTF8.GetString(csv.File.Bytes);
        int lines = text.Split('\n').Length;
        try
        {
            if (csv.Truth)
            {
                var changes = ParkingCsv.ReadTruth(new StringReader(text), "t.csv");
                CheckBaysAndTimes(changes.Where(c => !double.IsNegativeInfinity(c.T)).Select(c => (c.Bay, c.T)).OrderBy(c => c.T), sorted: true);
                if (csv.File.Intact)
                {
                    var expected = Timed(csv.Rows).Select(r => (r.T, r.Row.Bay, r.Row.Occupied)).OrderBy(c => c.T).ThenBy(c => c.Bay);
                    var read = changes.Where(c => !double.IsNegativeInfinity(c.T)).Select(c => (c.T, c.Bay, c.Occupied));
                    Same(expected, read);
                }
            }
            else
            {
                var rows = ParkingCsv.ReadReadings(new StringReader(text), "r.csv").ToList();
                CheckBaysAndTimes(rows.Select(r => (r.Bay, r.T)), sorted: false);
                if (csv.File.Intact)
                {
                    var expected = Timed(csv.Rows).Select(r => (r.T, r.Row.Bay, !r.Row.Failed, Field(r.Row, 0), Field(r.Row, 1), Field(r.Row, 2)));
                    Same(expected, rows.Select(r => (r.T, r.Bay, r.Valid, r.XUt, r.YUt, r.ZUt)));
                }
            }
        }
        catch (ParkingCsvException ex) when (!csv.File.Intact)
        {
            if (ex.Line < 1 || ex.Line > lines || !Columns.Contains(ex.Column) || ex.Message.Length >= 300)
            {
                throw new InvalidOperationException($"error names line {ex.Line} of {lines}, column '{ex.Column}', {ex.Message.Length} characters");
            }
        }
    }

    private static void CheckBaysAndTimes(IEnumerable<(int Bay, double T)> rows, bool sorted)
    {
        var last = new Dictionary<int, double>();
        foreach (var (bay, t) in rows)
        {
            if (bay < 0 || bay > ParkingCsv.MaxBay || !double.IsFinite(t) || (last.TryGetValue(bay, out double before) && t <= before && !sorted))
            {
                throw new InvalidOperationException($"read bay {bay} at t = {t}");
            }

            last[bay] = t;
        }
    }

    private static void Same<T>(IEnumerable<T> expected, IEnumerable<T> read)
    {
        var e = expected.ToList();
        var r = read.ToList();
        if (!e.SequenceEqual(r))
        {
            throw new InvalidOperationException($"intact file: {e.Count} row(s) written, {r.Count} read, first difference at {e.Zip(r).TakeWhile(p => Equals(p.First, p.Second)).Count()}");
        }
    }

    /// <summary>Each row's time: its bay's previous time plus its step, so times rise within a bay.</summary>
    private static IEnumerable<(double T, Row Row)> Timed(Row[] rows)
    {
        var t = new double[ParkingCsv.MaxBay + 1];
        foreach (var row in rows)
        {
            t[row.Bay] = double.Parse((t[row.Bay] + row.Step).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            yield return (t[row.Bay], row);
        }
    }

    private static double Field(Row row, int axis) => row.Failed ? 0 : row.Field[axis];

    private static string Write(Row[] rows, bool truth)
    {
        var text = new StringBuilder(string.Join(',', truth ? ParkingCsv.TruthColumns : ParkingCsv.ReadingColumns)).Append('\n');
        foreach (var (t, row) in Timed(rows))
        {
            string time = t.ToString("R", CultureInfo.InvariantCulture);
            text.Append(truth ? $"{time},{row.Bay},{(row.Occupied ? 1 : 0)}"
                : row.Failed ? $"{time},{row.Bay},,,"
                : string.Create(CultureInfo.InvariantCulture, $"{time},{row.Bay},{row.Field[0]:R},{row.Field[1]:R},{row.Field[2]:R}")).Append('\n');
        }

        return text.ToString();
    }

    public sealed record Row(int Bay, double Step, bool Failed, double[] Field, bool Occupied);
}

/// <summary>A replay file made from <see cref="Rows"/> (readings, or truth when <see cref="Truth"/>), intact or changed.</summary>
public sealed record CsvCase(ParkingCsvFuzz.Row[] Rows, bool Truth, FuzzBytes File)
{
    public override string ToString() => (Truth ? "truth: " : "readings: ") + Encoding.UTF8.GetString(File.Bytes).Replace("\n", "\\n");
}
