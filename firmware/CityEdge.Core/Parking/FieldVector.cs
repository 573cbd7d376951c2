using System;

namespace CityEdge.Parking
{
    /// <summary>
    /// A magnetic field, or the difference of two, µT in the sensor's axes. Mutable, so that a detector
    /// keeps a fixed set of them and allocates nothing per reading. Public fields, not properties: on the
    /// device every property access is a method call in the interpreter, and the detector reads these on
    /// every reading. Single precision, as the device computes.
    /// </summary>
    public sealed class FieldVector
    {
        public float X;
        public float Y;
        public float Z;

        /// <summary>Length of the vector, µT.</summary>
        public float Magnitude
        {
            get { return Length(X, Y, Z); }
        }

        public void Set(float x, float y, float z)
        {
            X = x;
            Y = y;
            Z = z;
        }

        public void CopyFrom(FieldVector other)
        {
            X = other.X;
            Y = other.Y;
            Z = other.Z;
        }

        public void Add(FieldVector other)
        {
            X += other.X;
            Y += other.Y;
            Z += other.Z;
        }

        /// <summary>This becomes <paramref name="a"/> − <paramref name="b"/>.</summary>
        public void SetDifference(FieldVector a, FieldVector b)
        {
            X = a.X - b.X;
            Y = a.Y - b.Y;
            Z = a.Z - b.Z;
        }

        /// <summary>Moves this by the step from <paramref name="from"/> to <paramref name="to"/>.</summary>
        public void Shift(FieldVector from, FieldVector to)
        {
            X += to.X - from.X;
            Y += to.Y - from.Y;
            Z += to.Z - from.Z;
        }

        /// <summary>Moves this the share 0..1 of the way towards <paramref name="target"/>.</summary>
        public void MoveToward(FieldVector target, float share)
        {
            X += (target.X - X) * share;
            Y += (target.Y - Y) * share;
            Z += (target.Z - Z) * share;
        }

        public float DistanceTo(FieldVector other)
        {
            return Length(X - other.X, Y - other.Y, Z - other.Z);
        }

        /// <summary>True when <paramref name="other"/> lies within <paramref name="limitUt"/> of this.</summary>
        public bool IsNear(FieldVector other, float limitUt)
        {
            return IsWithin(X - other.X, Y - other.Y, Z - other.Z, limitUt);
        }

        /// <summary>True when the field (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>) lies within <paramref name="limitUt"/> of this.</summary>
        public bool IsNear(float x, float y, float z, float limitUt)
        {
            return IsWithin(x - X, y - Y, z - Z, limitUt);
        }

        /// <summary>True when this vector is no longer than <paramref name="limitUt"/>.</summary>
        public bool IsWithin(float limitUt)
        {
            return IsWithin(X, Y, Z, limitUt);
        }

        public static float Length(float x, float y, float z)
        {
            return (float)Math.Sqrt((x * x) + (y * y) + (z * z));
        }

        /// <summary>|(x, y, z)| ≤ <paramref name="limitUt"/>, without the square root.</summary>
        public static bool IsWithin(float x, float y, float z, float limitUt)
        {
            return (x * x) + (y * y) + (z * z) <= limitUt * limitUt;
        }
    }
}
