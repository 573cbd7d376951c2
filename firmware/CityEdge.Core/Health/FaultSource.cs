namespace CityEdge.Health
{
    /// <summary>Which part of the node a health entry is about (4 bits in telemetry frame v1).</summary>
    public enum FaultSource
    {
        Climate = 1,
        Particulates = 2,
        Noise = 3,
        Parking = 4,
        Lamp = 5,
        Link = 6,
        Storage = 7,
        Clock = 8,
        Scheduler = 9,
    }

    /// <summary>Why that part has no (trustworthy) value (4 bits in telemetry frame v1).</summary>
    public enum FaultReason
    {
        None = 0,
        /// <summary>The device does not answer on its bus.</summary>
        NotResponding = 1,
        /// <summary>It answers, but with malformed data (bad checksum, wrong chip id).</summary>
        BadData = 2,
        /// <summary>The value is outside what the sensor can physically measure.</summary>
        OutOfRange = 3,
        /// <summary>The sensor is warming up or settling; no value yet.</summary>
        WarmingUp = 4,
        /// <summary>No fresh value arrived during the whole reporting interval.</summary>
        Stale = 5,
        /// <summary>The wall clock has not been set (no SNTP yet).</summary>
        NotSet = 6,
        /// <summary>A task threw or overran; see the node's log.</summary>
        Crashed = 7,
        /// <summary>Messages were dropped because a queue was full.</summary>
        Overflow = 8,
    }
}
