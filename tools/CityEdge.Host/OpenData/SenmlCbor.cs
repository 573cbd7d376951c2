using System.Formats.Cbor;

namespace CityEdge.Host.OpenData;

/// <summary>
/// SenML CBOR (application/senml+cbor, RFC 8428 §6): the JSON representation with the integer labels
/// of Table 4. A number is written as an integer when it is one, otherwise as the shortest IEEE float
/// (half, single, double) that holds exactly the same value, as §6 requires; the version as an
/// unsigned integer; strings and data with definite lengths.
/// </summary>
public static class SenmlCbor
{
    public const string MediaType = "application/senml+cbor";

    public static byte[] Encode(IReadOnlyList<SenmlRecord> pack)
    {
        var cbor = new CborWriter(CborConformanceMode.Strict, convertIndefiniteLengthEncodings: true);
        cbor.WriteStartArray(pack.Count);
        foreach (var r in pack)
        {
            cbor.WriteStartMap(FieldCount(r));
            String(cbor, -2, r.BaseName);
            Number(cbor, -3, r.BaseTime);
            String(cbor, -4, r.BaseUnit);
            Number(cbor, -5, r.BaseValue);
            Number(cbor, -6, r.BaseSum);
            if (r.BaseVersion is int version)
            {
                cbor.WriteInt32(-1);
                cbor.WriteUInt32(checked((uint)version));
            }

            String(cbor, 0, r.Name);
            String(cbor, 1, r.Unit);
            Number(cbor, 6, r.Time);
            Number(cbor, 7, r.UpdateTime);
            Number(cbor, 2, r.Value);
            String(cbor, 3, r.StringValue);
            if (r.BoolValue is bool b)
            {
                cbor.WriteInt32(4);
                cbor.WriteBoolean(b);
            }

            if (r.DataValue is byte[] data)
            {
                cbor.WriteInt32(8);
                cbor.WriteByteString(data);
            }

            Number(cbor, 5, r.Sum);
            cbor.WriteEndMap();
        }

        cbor.WriteEndArray();
        return cbor.Encode();
    }

    /// <summary>The shortest exact CBOR form of a number: integer, or half, single or double float.</summary>
    private static void WriteNumber(CborWriter cbor, double value)
    {
        if (Math.Floor(value) == value && Math.Abs(value) < 1e18)
        {
            cbor.WriteInt64((long)value);
        }
        else if ((double)(Half)value == value)
        {
            cbor.WriteHalf((Half)value);
        }
        else if ((double)(float)value == value)
        {
            cbor.WriteSingle((float)value);
        }
        else
        {
            cbor.WriteDouble(value);
        }
    }

    private static int FieldCount(SenmlRecord r) =>
        new object?[] { r.BaseName, r.BaseTime, r.BaseUnit, r.BaseValue, r.BaseSum, r.BaseVersion, r.Name, r.Unit, r.Time, r.UpdateTime, r.Value, r.StringValue, r.BoolValue, r.DataValue, r.Sum }
            .Count(f => f != null);

    private static void String(CborWriter cbor, int label, string? value)
    {
        if (value != null)
        {
            cbor.WriteInt32(label);
            cbor.WriteTextString(value);
        }
    }

    private static void Number(CborWriter cbor, int label, double? value)
    {
        if (value is double v)
        {
            cbor.WriteInt32(label);
            WriteNumber(cbor, v);
        }
    }
}
