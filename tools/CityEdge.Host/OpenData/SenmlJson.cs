using System.Text.Json;

namespace CityEdge.Host.OpenData;

/// <summary>
/// SenML JSON (application/senml+json, RFC 8428 §5): an array of objects with the short labels of
/// Table 1, no whitespace. Labels are written in one fixed order (base fields first, then n, u, t,
/// ut, the value, s), the order RFC 8428 §6's CBOR example uses.
/// </summary>
public static class SenmlJson
{
    public const string MediaType = "application/senml+json";

    public static byte[] Encode(IReadOnlyList<SenmlRecord> pack)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            Write(json, pack);
        }

        return stream.ToArray();
    }

    public static void Write(Utf8JsonWriter json, IReadOnlyList<SenmlRecord> pack)
    {
        json.WriteStartArray();
        foreach (var r in pack)
        {
            json.WriteStartObject();
            String(json, "bn", r.BaseName);
            Number(json, "bt", r.BaseTime);
            String(json, "bu", r.BaseUnit);
            Number(json, "bv", r.BaseValue);
            Number(json, "bs", r.BaseSum);
            Number(json, "bver", r.BaseVersion);
            String(json, "n", r.Name);
            String(json, "u", r.Unit);
            Number(json, "t", r.Time);
            Number(json, "ut", r.UpdateTime);
            Number(json, "v", r.Value);
            String(json, "vs", r.StringValue);
            if (r.BoolValue is bool b)
            {
                json.WriteBoolean("vb", b);
            }

            if (r.DataValue is byte[] data)
            {
                // RFC 8428 §5: base64url without padding (RFC 4648 §5).
                json.WriteString("vd", Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
            }

            Number(json, "s", r.Sum);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void String(Utf8JsonWriter json, string label, string? value)
    {
        if (value != null)
        {
            json.WriteString(label, value);
        }
    }

    private static void Number(Utf8JsonWriter json, string label, double? value)
    {
        if (value is double v)
        {
            json.WriteNumber(label, v);
        }
    }
}
