namespace CityEdge.Hal
{
    /// <summary>One ADC input. The device app sets attenuation/width; a driver reads raw counts.</summary>
    public interface IAdcChannel
    {
        /// <summary>The largest raw value (e.g. 4095 for the ESP32's 12-bit ADC).</summary>
        int MaxRaw { get; }

        /// <summary>Input voltage that reads as <see cref="MaxRaw"/>, from the board profile's attenuation.</summary>
        float FullScaleVolts { get; }

        int ReadRaw();
    }
}
