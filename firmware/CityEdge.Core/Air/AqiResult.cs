namespace CityEdge.Air
{
    /// <summary>One index computation: the index, each sub-index, the dominant pollutant and the
    /// category. Reused by its owner, so computing an index allocates nothing.</summary>
    public sealed class AqiResult
    {
        public AqiStandard Standard { get; set; }

        /// <summary>The index: the larger sub-index, 0..<see cref="AirQualityIndex.MaxIndex"/>.</summary>
        public int Aqi { get; set; }

        public int Pm2_5SubIndex { get; set; }

        public int Pm10SubIndex { get; set; }

        public AqiPollutant Dominant { get; set; }

        /// <summary>1 (best) .. 6 (worst); names from <see cref="AirQualityIndex.CategoryName"/>.</summary>
        public int Category { get; set; }
    }
}
