using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>A fuzz input of bytes, and whether it is a valid encoding left intact (which must then be accepted).</summary>
public sealed record FuzzBytes(byte[] Bytes, bool Intact)
{
    /// <summary>
    /// Inputs around a format: a valid encoding as it is (1 in 6), changed in 1 to 4 places (4 in 6: a bit
    /// flipped, a byte set, cut short, a byte inserted, bytes appended), or noise up to
    /// <paramref name="maxNoise"/> bytes (1 in 6). Mutation reaches deep into a strict decoder, which
    /// noise alone rarely gets past the first byte of.
    /// </summary>
    public static Gen<FuzzBytes> Around(Gen<byte[]> valid, int maxNoise) =>
        Gen.Frequency(
            (1, valid.Select(v => new FuzzBytes(v, true))),
            (4, Gen.Select(valid, Edit.Array[1, 4], (v, edits) => new FuzzBytes(Apply(v, edits), false))),
            (1, Gen.Byte.Array[0, maxNoise].Select(b => new FuzzBytes(b, false))));

    private static readonly Gen<(int Kind, int Position, byte Value)> Edit =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1 << 16], Gen.Byte, (kind, position, value) => (kind, position, value));

    private static byte[] Apply(byte[] valid, (int Kind, int Position, byte Value)[] edits)
    {
        var bytes = new List<byte>(valid);
        foreach (var (kind, position, value) in edits)
        {
            int at = bytes.Count == 0 ? 0 : position % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << (value & 7));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = value;
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.Insert(at, value);
                    break;
                default:
                    bytes.AddRange(Enumerable.Repeat(value, 1 + (position & 3)));
                    break;
            }
        }

        return bytes.ToArray();
    }

    public override string ToString() => (Intact ? "intact " : "") + Convert.ToHexString(Bytes);
}
