using CityEdge.Hal;

namespace CityEdge.Drivers.Tests.Sen0232;

/// <summary>An ESP32 ADC input (12 bit, 3.1 V full scale) wired to a SEN0232 at a set level:
/// output = dBA / 50 V (DFRobot wiki), clipped to the module's 0.6..2.6 V.</summary>
internal sealed class SimulatedSen0232Output : IAdcChannel
{
    public int MaxRaw => 4095;

    public float FullScaleVolts => 3.1f;

    /// <summary>Volts on the pin; set directly for wiring faults.</summary>
    public double Volts { get; set; }

    public int Reads { get; private set; }

    public double LevelDb
    {
        set => Volts = Math.Clamp(value, 30, 130) / 50.0;
    }

    public int ReadRaw()
    {
        Reads++;
        return (int)Math.Round(Math.Clamp(Volts / FullScaleVolts, 0, 1) * MaxRaw);
    }
}
