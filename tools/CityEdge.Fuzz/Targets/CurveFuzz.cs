using System.Globalization;
using CityEdge.Lighting;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>Lighting curves ("x:y,x:y", lighting.duty_curve and lighting.driver_efficiency) and their evaluation.</summary>
public static class CurveFuzz
{
    public const string Oracle = "parses or names the problem, never throws; a parsed curve has 2..12 points, and at any x (NaN and infinities included) gives a finite y within its range that never falls as x rises";

    private static readonly string[] Odd = ["NaN", "Infinity", "-Infinity", "∞", "1e38", "-1e38", "3.4028235E+38", "1e-45", "-0", "", " ", "1,5", "0x10", "+5", "5.", ".5", "1e", "١٠"];

    /// <summary>NaN, then rising.</summary>
    private static readonly float[] Probes = [float.NaN, float.NegativeInfinity, float.MinValue, -1e30f, -1f, -0f, 0f, 1e-45f, 0.5f, 12.5f, 50f, 99.999f, 100f, 100.001f, 1e30f, float.MaxValue, float.PositiveInfinity];

    private static readonly Gen<string> Number = Gen.Frequency(
        (6, Gen.Int[-10, 1100].Select(i => (i / 10f).ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Float.Select(f => f.ToString("R", CultureInfo.InvariantCulture))),
        (2, Gen.Int[0, Odd.Length - 1].Select(i => Odd[i])));

    private static readonly Gen<string> Point = Gen.Frequency(
        (8, Gen.Select(Number, Number, (x, y) => x + ":" + y)),
        (1, Gen.Select(Number, Number, Number, (x, y, z) => x + ":" + y + ":" + z)),
        (1, Number));

    public static readonly Gen<(string Text, bool Efficiency)> Inputs =
        Gen.Select(Point.Array[0, 14], Gen.Bool, Gen.Bool, (points, spaces, efficiency) => (string.Join(spaces ? " , " : ",", points), efficiency));

    public static void Check((string Text, bool Efficiency) input)
    {
        float minY = input.Efficiency ? 1f : 0f;
        PiecewiseCurve curve = PiecewiseCurve.Parse(input.Text, 0f, 100f, minY, 100f, out string problem);
        if ((curve == null) == (problem == null))
        {
            throw new InvalidOperationException($"curve {(curve == null ? "null" : "parsed")} with problem '{problem}'");
        }

        if (curve != null)
        {
            CheckCurve(curve, minY, 100f);
        }
    }

    /// <summary>Finite, in range and never falling, probed at odd and ordinary x.</summary>
    public static void CheckCurve(PiecewiseCurve curve, float minY, float maxY)
    {
        if (curve.PointCount < 2 || curve.PointCount > PiecewiseCurve.MaxPoints)
        {
            throw new InvalidOperationException(curve.PointCount + " points");
        }

        float previous = float.NegativeInfinity;
        foreach (float x in Probes)
        {
            float y = curve.ValueAt(x);
            if (!(y >= minY && y <= maxY))
            {
                throw new InvalidOperationException($"ValueAt({x}) = {y} is not in {minY}..{maxY}");
            }

            if (!float.IsNaN(x) && y < previous)
            {
                throw new InvalidOperationException($"ValueAt({x}) = {y} falls below {previous}");
            }

            previous = float.IsNaN(x) ? previous : y;
        }
    }
}
