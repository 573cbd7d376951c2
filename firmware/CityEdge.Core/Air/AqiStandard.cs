namespace CityEdge.Air
{
    /// <summary>Which air quality index a node reports (config air.aqi_standard; 1 bit in telemetry frame v1).</summary>
    public enum AqiStandard
    {
        /// <summary>US EPA AQI with the February 2024 PM2.5 breakpoints, from the NowCast (config "us").</summary>
        UsEpa = 0,

        /// <summary>China HJ 633-2012 IAQI with the 24-hour PM breakpoints (config "cn").</summary>
        ChinaHj633 = 1,
    }

    /// <summary>The pollutant that sets the index (2 bits in telemetry frame v1).</summary>
    public enum AqiPollutant
    {
        /// <summary>No dominant pollutant: HJ 633-2012 §5.3 names one only when the AQI is above 50.</summary>
        None = 0,
        Pm2_5 = 1,
        Pm10 = 2,

        /// <summary>Both sub-indices are equal and highest.</summary>
        Both = 3,
    }
}
