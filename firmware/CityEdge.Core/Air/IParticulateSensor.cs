using CityEdge.Health;

namespace CityEdge.Air
{
    /// <summary>
    /// An optical particulate sensor with a fan that can sleep and answers on request: the PMS5003 /
    /// PMS7003 on the device (drivers/Pms5003), a byte-level simulated one on the host. Every call
    /// returns at once; <see cref="AirPipeline"/> schedules the waits.
    /// </summary>
    public interface IParticulateSensor
    {
        /// <summary>Starts the fan and laser. Readings are not trustworthy until the warm-up has passed.</summary>
        void Wake();

        /// <summary>Stops the fan and laser until the next <see cref="Wake"/>.</summary>
        void Sleep();

        /// <summary>Asks for one reading; it arrives within a second.</summary>
        void RequestReading();

        /// <summary>Takes what the sensor sent; true when a complete, valid reading arrived since the
        /// last call (the latest one is put into <paramref name="sample"/>).</summary>
        bool TryRead(ParticulateSample sample);

        /// <summary>Why readings are missing: <see cref="FaultReason.BadData"/> after corrupt frames,
        /// otherwise <see cref="FaultReason.NotResponding"/>; <see cref="FaultReason.None"/> after a good one.</summary>
        FaultReason LastFault { get; }
    }
}
