namespace CityEdge.Hal
{
    /// <summary>Outcome of one bus transfer, so a driver can count and report each kind of failure.</summary>
    public enum BusStatus
    {
        Ok = 0,
        /// <summary>The device did not acknowledge its address (absent, unpowered, wrong address).</summary>
        NoAcknowledge = 1,
        /// <summary>The transfer did not complete in time (clock stretching, stuck bus).</summary>
        Timeout = 2,
        /// <summary>Any other bus error reported by the platform.</summary>
        Fault = 3,
        /// <summary>Fewer bytes were transferred than requested.</summary>
        PartialTransfer = 4,
    }
}
