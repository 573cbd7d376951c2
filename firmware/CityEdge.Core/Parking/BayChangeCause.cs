namespace CityEdge.Parking
{
    /// <summary>Why a bay's reported state changed; one byte in the "bay state changed" event.</summary>
    public enum BayChangeCause
    {
        /// <summary>The field moved past a threshold for the debounce time (a vehicle came or went).</summary>
        Detection = 0,
        /// <summary>The sensor stopped giving valid readings (or started again).</summary>
        SensorFault = 1,
        /// <summary>A technician's recalibration started or finished.</summary>
        Recalibration = 2,
        /// <summary>The stuck-occupied watchdog found a field too static to trust.</summary>
        Watchdog = 3,
    }
}
