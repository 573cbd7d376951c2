namespace CityEdge.Air
{
    /// <summary>One particulate reading (mass concentrations "under atmospheric environment").
    /// Reused by its owner: no allocation per read.</summary>
    public sealed class ParticulateSample
    {
        public int Pm1_0UgM3 { get; set; }

        public int Pm2_5UgM3 { get; set; }

        public int Pm10UgM3 { get; set; }
    }
}
