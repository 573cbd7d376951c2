using CityEdge.Health;

namespace CityEdge.Lighting
{
    /// <summary>
    /// An ambient light sensor that measures on request (the BH1750 in one-time mode, drivers/Bh1750):
    /// start a measurement, come back after <see cref="ConversionMs"/>, read it. Never blocks.
    /// </summary>
    public interface IAmbientLightSensor
    {
        /// <summary>Worst-case time from <see cref="StartMeasurement"/> until the result can be read.</summary>
        int ConversionMs { get; }

        /// <summary>False when the sensor did not accept the command (see <see cref="LastFault"/>).</summary>
        bool StartMeasurement();

        /// <summary>The measurement started last, lux; false when there is none (see <see cref="LastFault"/>).</summary>
        bool TryReadLux(out float lux);

        /// <summary>Why the last call failed; <see cref="FaultReason.None"/> after a success.</summary>
        FaultReason LastFault { get; }
    }

    /// <summary>A metering input for the luminaire's mains power (a pulse meter or a DALI-2 part 252 driver).</summary>
    public interface ILampPowerMeter
    {
        /// <summary>Mains power now, W; false when the meter gave no valid value.</summary>
        bool TryReadPowerW(out float watts);
    }

    /// <summary>
    /// Where the lighting pipeline hands a presence message for its neighbours. The MQTT link layer
    /// implements it and publishes the payload on <see cref="PresenceMessage.Topic"/> (QoS 0, not
    /// retained); neighbour messages come back through LightingPipeline.OnNeighbourPresence.
    /// </summary>
    public interface IPresenceSink
    {
        void Publish(byte[] payload, int offset, int count);
    }
}
