namespace CityEdge.Parking
{
    /// <summary>One 3-axis field measurement in the sensor's own axes. Reused by its owner: no allocation per read.</summary>
    public sealed class MagneticSample
    {
        /// <summary>µT.</summary>
        public float XUt { get; set; }

        /// <summary>µT.</summary>
        public float YUt { get; set; }

        /// <summary>µT.</summary>
        public float ZUt { get; set; }
    }
}
