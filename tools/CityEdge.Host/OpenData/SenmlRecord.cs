namespace CityEdge.Host.OpenData;

/// <summary>
/// One SenML record (RFC 8428 §4): base fields (bn, bt, bu, bv, bs, bver) and regular fields (n, u, v,
/// vs, vb, vd, s, t, ut). A field left null is absent. Names, units and values are written as given:
/// the caller picks registered units (RFC 8428 §12.1; RFC 8798's secondary units are not allowed in a
/// version 10 pack).
/// </summary>
public sealed record SenmlRecord
{
    public string? BaseName { get; init; }

    /// <summary>Seconds since 1970-01-01 UTC (a value below 2^28 is relative to now, RFC 8428 §4.5.3).</summary>
    public double? BaseTime { get; init; }

    public string? BaseUnit { get; init; }

    public double? BaseValue { get; init; }

    public double? BaseSum { get; init; }

    /// <summary>SenML version; absent means 10.</summary>
    public int? BaseVersion { get; init; }

    public string? Name { get; init; }

    public string? Unit { get; init; }

    public double? Value { get; init; }

    public string? StringValue { get; init; }

    public bool? BoolValue { get; init; }

    public byte[]? DataValue { get; init; }

    public double? Sum { get; init; }

    public double? Time { get; init; }

    public double? UpdateTime { get; init; }
}
