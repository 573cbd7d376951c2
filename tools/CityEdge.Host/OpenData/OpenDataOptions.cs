using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CityEdge.Host.OpenData;

/// <summary>A WGS 84 position, degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>Parses "lat,lon" (invariant culture); throws FormatException naming what is wrong.</summary>
    public static GeoPoint Parse(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double lat)
            || !double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double lon))
        {
            throw new FormatException($"'{text}' is not 'latitude,longitude' in degrees, e.g. 45.7606,4.8590");
        }

        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            throw new FormatException($"'{text}' is outside latitude -90..90, longitude -180..180");
        }

        return new GeoPoint(lat, lon);
    }
}

/// <summary>
/// Who and where a node is in published open data, and how much of that to give away: a node id can
/// be replaced by a keyed pseudonym (stable, not reversible without the key) and a location snapped to
/// a coarse grid. Nothing secret is ever published: reports carry no credentials, and the key of the
/// pseudonyms stays with the publisher.
/// </summary>
public sealed record OpenDataOptions
{
    /// <summary>Publisher prefix of SenML names and NGSI-LD entity ids ([a-z0-9-]).</summary>
    public string Namespace { get; init; } = "cityedge";

    /// <summary>Key of the pseudonyms; null publishes node ids as they are.</summary>
    public byte[]? PseudonymKey { get; init; }

    /// <summary>Known positions by node id (e.g. from the asset register).</summary>
    public IReadOnlyDictionary<string, GeoPoint> Locations { get; init; } = new Dictionary<string, GeoPoint>();

    /// <summary>Position of a node not in <see cref="Locations"/>; null: such a node has no location
    /// (it then gets SenML only: every Smart Data Model entity requires one).</summary>
    public GeoPoint? DefaultLocation { get; init; }

    /// <summary>Grid the published position is snapped to (cell centre), metres; 0 publishes it as given.</summary>
    public double CoarsenM { get; init; }

    /// <summary>The nodes' report.period_s: a report's interval ends at its timestamp and starts this much earlier.</summary>
    public int ReportPeriodS { get; init; } = 60;

    /// <summary>The id a node has in open data: the node id, or 24 hex digits of HMAC-SHA256(key, node id).</summary>
    public string PublicId(string nodeId) => PseudonymKey == null
        ? nodeId
        : Convert.ToHexStringLower(HMACSHA256.HashData(PseudonymKey, Encoding.UTF8.GetBytes(nodeId)).AsSpan(0, 12));

    /// <summary>The published position of a node, coarsened; null when unknown.</summary>
    public GeoPoint? LocationOf(string nodeId)
    {
        GeoPoint? known = Locations.TryGetValue(nodeId, out var point) ? point : DefaultLocation;
        return known is GeoPoint p && CoarsenM > 0 ? Coarsen(p, CoarsenM) : known;
    }

    /// <summary>The centre of the grid cell of about <paramref name="metres"/> (north-south by
    /// east-west, on a sphere of the WGS 84 equatorial radius) that holds <paramref name="p"/>.</summary>
    public static GeoPoint Coarsen(GeoPoint p, double metres)
    {
        const double metresPerDegree = Math.PI * 6378137.0 / 180;
        double latStep = metres / metresPerDegree;
        double lat = (Math.Floor(p.Latitude / latStep) + 0.5) * latStep;
        double lonStep = Math.Min(360, metres / (metresPerDegree * Math.Cos(lat * Math.PI / 180)));
        double lon = (Math.Floor(p.Longitude / lonStep) + 0.5) * lonStep;
        return new GeoPoint(Math.Round(Math.Clamp(lat, -90, 90), 6), Math.Round(Math.Clamp(lon, -180, 180), 6));
    }
}
