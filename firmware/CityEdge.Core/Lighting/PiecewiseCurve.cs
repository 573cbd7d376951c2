using System;

namespace CityEdge.Lighting
{
    /// <summary>
    /// A monotonic curve through a few (x, y) points, linear in between, flat beyond the ends. Used
    /// for the level-to-duty curve (LEDs and dimming drivers are not linear: enter the points from the
    /// driver's datasheet) and the driver's efficiency over load. Text form: "x:y,x:y,...", x rising.
    /// Every point is finite and x strictly rises, so <see cref="ValueAt"/> never returns NaN (issue 17:
    /// "-Infinity:2,100:46" and "-1e38:50,1e38:90" used to pass and gave NaN between their points).
    /// </summary>
    public sealed class PiecewiseCurve
    {
        /// <summary>Most points a curve takes.</summary>
        public const int MaxPoints = 12;

        private readonly float[] _x;
        private readonly float[] _y;

        public PiecewiseCurve(float[] x, float[] y)
        {
            string problem = Check(x, y);
            if (problem != null)
            {
                throw new ArgumentException(problem, "x");
            }

            _x = x;
            _y = y;
        }

        public int PointCount
        {
            get { return _x.Length; }
        }

        public float ValueAt(float x)
        {
            if (x <= _x[0])
            {
                return _y[0];
            }

            for (int i = 1; i < _x.Length; i++)
            {
                if (x <= _x[i])
                {
                    // Rounding can overshoot the segment's end by an ulp (6.3:39.2,79:96.9 gave 96.90001 at 79,
                    // above the 96.9 just past it): never past it, so the curve never falls nor leaves its range.
                    float y = _y[i - 1] + ((_y[i] - _y[i - 1]) * (x - _x[i - 1]) / (_x[i] - _x[i - 1]));
                    return y > _y[i] ? _y[i] : y;
                }
            }

            return _y[_x.Length - 1];
        }

        /// <summary>Parses "x:y,x:y" with every x in <paramref name="minX"/>..<paramref name="maxX"/> and every y in
        /// <paramref name="minY"/>..<paramref name="maxY"/>; null and a reason in <paramref name="problem"/> when the
        /// text is not such a curve.</summary>
        public static PiecewiseCurve Parse(string text, float minX, float maxX, float minY, float maxY, out string problem)
        {
            problem = null;
            string[] pairs = text.Split(',');
            if (pairs.Length < 2 || pairs.Length > MaxPoints)
            {
                problem = "needs 2.." + MaxPoints + " points like 0:0,100:100, got " + pairs.Length;
                return null;
            }

            float[] x = new float[pairs.Length];
            float[] y = new float[pairs.Length];
            for (int i = 0; i < pairs.Length; i++)
            {
                string[] parts = pairs[i].Trim().Split(':');
                if (parts.Length != 2 || !float.TryParse(parts[0].Trim(), out x[i]) || !float.TryParse(parts[1].Trim(), out y[i]))
                {
                    problem = "point " + (i + 1) + " '" + pairs[i].Trim() + "' is not x:y";
                    return null;
                }

                // Written so that NaN fails too.
                if (!(x[i] >= minX && x[i] <= maxX))
                {
                    problem = "point " + (i + 1) + ": x " + x[i] + " is outside " + minX + ".." + maxX;
                    return null;
                }

                if (!(y[i] >= minY && y[i] <= maxY))
                {
                    problem = "point " + (i + 1) + ": y " + y[i] + " is outside " + minY + ".." + maxY;
                    return null;
                }
            }

            problem = Check(x, y);
            return problem == null ? new PiecewiseCurve(x, y) : null;
        }

        private static string Check(float[] x, float[] y)
        {
            if (x == null || y == null || x.Length != y.Length || x.Length < 2 || x.Length > MaxPoints)
            {
                return "a curve needs 2.." + MaxPoints + " points with one y per x";
            }

            for (int i = 0; i < x.Length; i++)
            {
                if (!IsFinite(x[i]) || !IsFinite(y[i]))
                {
                    return "point " + (i + 1) + " (" + x[i] + ":" + y[i] + ") is not a finite number pair";
                }
            }

            for (int i = 1; i < x.Length; i++)
            {
                if (!(x[i] > x[i - 1]))
                {
                    return "x must rise: point " + (i + 1) + " (" + x[i] + ") is not after " + x[i - 1];
                }

                if (y[i] < y[i - 1])
                {
                    return "y must not fall: point " + (i + 1) + " (" + y[i] + ") is below " + y[i - 1];
                }
            }

            return null;
        }

        private static bool IsFinite(float value)
        {
            return value >= -float.MaxValue && value <= float.MaxValue;
        }
    }
}
