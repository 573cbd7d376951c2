using System.CommandLine;
using CityEdge.Host.Mqtt;
using CityEdge.Host.OpenData;

namespace CityEdge.Cli.Commands;

/// <summary>
/// What open data says about a node and under which name (`bridge`, `monitor --format senml|ngsi-ld`):
/// positions, coarsening, pseudonyms, namespace, report period (docs/open-data.md).
/// </summary>
internal sealed class OpenDataCliOptions
{
    private readonly Option<FileInfo?> _locations = CommonOptions.InputFile("--locations", "CSV 'node,latitude,longitude' (WGS 84 degrees) of the nodes' positions.");
    private readonly Option<string?> _location = new("--location") { Description = "Position 'lat,lon' of nodes not in --locations (NGSI-LD entities need one; without it such a node gets SenML only)." };
    private readonly Option<double> _coarsen = CommonOptions.Number("--coarsen-m", "Snap published positions to the centre of a grid cell this many metres wide (0: as given; at most 100 km).", 0, 100_000, 0, "metres");
    private readonly Option<FileInfo?> _keyFile = CommonOptions.InputFile("--pseudonym-key-file", "64 hex digits (openssl rand -hex 32): publish keyed pseudonyms instead of node ids.");
    private readonly Option<string> _namespace = new("--namespace") { Description = "Publisher prefix of SenML names and NGSI-LD ids.", DefaultValueFactory = _ => "cityedge" };
    private readonly Option<int> _period = CommonOptions.Integer("--report-period", "The nodes' report.period_s (a report's interval ends at its timestamp).", 60, 1, 86400);

    private OpenDataCliOptions()
    {
    }

    public static OpenDataCliOptions AddTo(Command command)
    {
        var options = new OpenDataCliOptions();
        command.Options.Add(options._locations);
        command.Options.Add(options._location);
        command.Options.Add(options._coarsen);
        command.Options.Add(options._keyFile);
        command.Options.Add(options._namespace);
        command.Options.Add(options._period);
        return options;
    }

    /// <summary>The options given, or null after saying on standard error what is wrong with them (a file, a position, the key).</summary>
    public OpenDataOptions? Read(ParseResult parse, CliConsole console)
    {
        try
        {
            return From(parse.GetValue(_locations), parse.GetValue(_location), parse.GetValue(_coarsen), parse.GetValue(_keyFile), parse.GetValue(_namespace)!, parse.GetValue(_period));
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException or FormatException or UnauthorizedAccessException)
        {
            console.Error.WriteLine("error: " + ex.Message);
            return null;
        }
    }

    private static OpenDataOptions From(FileInfo? locationsFile, string? location, double coarsenM, FileInfo? keyFile, string ns, int reportPeriodS)
    {
        var locations = new Dictionary<string, GeoPoint>(StringComparer.Ordinal);
        if (locationsFile != null)
        {
            int line = 0;
            foreach (string text in File.ReadLines(locationsFile.FullName))
            {
                line++;
                string trimmed = text.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith('#') || (line == 1 && trimmed.StartsWith("node,", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                int comma = trimmed.IndexOf(',');
                try
                {
                    if (comma <= 0)
                    {
                        throw new FormatException("expected 'node,latitude,longitude'");
                    }

                    locations[trimmed[..comma].Trim()] = GeoPoint.Parse(trimmed[(comma + 1)..]);
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"{locationsFile.FullName}, line {line}: {ex.Message}");
                }
            }
        }

        return new OpenDataOptions
        {
            Namespace = ns,
            Locations = locations,
            DefaultLocation = location == null ? null : GeoPoint.Parse(location),
            CoarsenM = coarsenM,
            PseudonymKey = keyFile == null ? null : CommandKeyFile.Read(keyFile.FullName),
            ReportPeriodS = reportPeriodS,
        };
    }
}
