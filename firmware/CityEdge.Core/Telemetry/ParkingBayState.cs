namespace CityEdge.Telemetry
{
    /// <summary>State of one parking bay; 2 bits per bay in telemetry frame v1.</summary>
    public enum ParkingBayState
    {
        Free = 0,
        Occupied = 1,
        /// <summary>The sensor failed or reads out of range: no claim either way.</summary>
        Unknown = 2,
    }
}
