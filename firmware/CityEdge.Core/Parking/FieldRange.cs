using System;

namespace CityEdge.Parking
{
    /// <summary>The smallest box (per axis) holding a series of fields: how far the field moved on each axis
    /// (a calibration's steadiness, a long stay's noise and drift). Fixed memory.</summary>
    public sealed class FieldRange
    {
        private readonly FieldVector _min = new FieldVector();
        private readonly FieldVector _max = new FieldVector();

        /// <summary>The largest per-axis span of the fields seen since <see cref="Start"/>, µT.</summary>
        public float LargestSpanUt
        {
            get { return Math.Max(_max.X - _min.X, Math.Max(_max.Y - _min.Y, _max.Z - _min.Z)); }
        }

        public void Start(FieldVector field)
        {
            _min.CopyFrom(field);
            _max.CopyFrom(field);
        }

        public void Widen(FieldVector field)
        {
            _min.Set(Math.Min(_min.X, field.X), Math.Min(_min.Y, field.Y), Math.Min(_min.Z, field.Z));
            _max.Set(Math.Max(_max.X, field.X), Math.Max(_max.Y, field.Y), Math.Max(_max.Z, field.Z));
        }
    }
}
