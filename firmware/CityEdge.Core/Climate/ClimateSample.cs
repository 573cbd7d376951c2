namespace CityEdge.Climate
{
    /// <summary>One temperature/humidity/pressure measurement. Reused by its owner: no allocation per read.</summary>
    public sealed class ClimateSample
    {
        /// <summary>°C.</summary>
        public float TemperatureDegC { get; set; }

        /// <summary>%RH.</summary>
        public float HumidityPct { get; set; }

        /// <summary>Station pressure, hPa.</summary>
        public float PressureHpa { get; set; }
    }
}
