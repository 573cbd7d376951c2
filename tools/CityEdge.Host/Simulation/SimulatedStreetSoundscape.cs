using CityEdge.Hal;

namespace CityEdge.Host.Simulation;

/// <summary>
/// A street's A-weighted Fast level as an analog sound-level-meter module (DFRobot SEN0232:
/// 0.6..2.6 V for 30..130 dBA, 50 dB per volt) presents it to the ESP32's 12-bit ADC. The level
/// follows road traffic by local hour (about 45 dBA at 03:00, 62..66 dBA through the day with rush
/// hours), with vehicle pass-bys as random 5..12 dB bumps, occasional events (a siren, a delivery
/// truck idling, an evening crowd) and per-node exposure (a main road or a side street).
/// Deterministic for a given seed and clock.
/// </summary>
public sealed class SimulatedStreetSoundscape : IAdcChannel
{
    private const double ModuleMinDb = 30;
    private const double ModuleMaxDb = 130;
    private const double DbPerVolt = 50;

    private readonly IClock _clock;
    private readonly Random _random;
    private readonly double _exposureDb;
    private readonly double _utcOffsetHours;
    private long _passByEndMs;
    private double _passByDb;
    private long _eventEndMs;
    private double _eventDb;
    private long _lastMs = -1;

    public SimulatedStreetSoundscape(IClock clock, int seed, double utcOffsetHours = 1.0)
    {
        _clock = clock;
        _random = new Random(seed ^ 0x50BD);
        _exposureDb = (new Random(seed ^ 0x0A11).NextDouble() * 8.0) - 4.0;
        _utcOffsetHours = utcOffsetHours;
    }

    /// <summary>ESP32 ADC1, 12 bits.</summary>
    public int MaxRaw => 4095;

    /// <summary>ESP32 ADC with 11 dB attenuation reads up to about 3.1 V (Espressif ESP32 datasheet, ADC characteristics).</summary>
    public float FullScaleVolts => 3.1f;

    /// <summary>While true the module is unplugged: the input reads 0 V.</summary>
    public bool Disconnected { get; set; }

    /// <summary>The level the module was exposed to at the last read, dBA (before the module's range limits).</summary>
    public double LastLevelDb { get; private set; }

    public int ReadRaw()
    {
        if (Disconnected)
        {
            return 0;
        }

        long nowMs = _clock.MonotonicMs();
        double level = LevelAt(nowMs);
        LastLevelDb = level;
        double volts = Math.Clamp(level, ModuleMinDb, ModuleMaxDb) / DbPerVolt;
        return (int)Math.Round(Math.Clamp(volts / FullScaleVolts, 0, 1) * MaxRaw);
    }

    private double LevelAt(long nowMs)
    {
        DateTime utc = _clock.UtcNow();
        double hour = ((utc.TimeOfDay.TotalHours + _utcOffsetHours) % 24 + 24) % 24;

        // Traffic flow: quiet 01:00-05:00, rush hours near 08:00 and 17:30, a busy day in between.
        double night = 45.0;
        double day = 63.0 + (2.5 * Math.Exp(-Math.Pow((hour - 8.0) / 1.2, 2))) + (2.5 * Math.Exp(-Math.Pow((hour - 17.5) / 1.5, 2)));
        double daytime = 1 / (1 + Math.Exp(-(hour - 5.5) * 2.0)) * (1 / (1 + Math.Exp((hour - 23.0) * 1.5)));
        double baseDb = night + ((day - night) * daytime) + _exposureDb;

        double elapsedS = _lastMs < 0 ? 0 : (nowMs - _lastMs) / 1000.0;
        _lastMs = nowMs;

        // Vehicles pass by more often in the day: up to ~12 a minute, a few an hour at night.
        double passByRatePerS = 0.01 + (0.19 * daytime);
        if (nowMs >= _passByEndMs && _random.NextDouble() < passByRatePerS * elapsedS)
        {
            _passByDb = 5 + (_random.NextDouble() * 7);
            _passByEndMs = nowMs + 2000 + _random.Next(4000);
        }

        // Events: about one an hour by day, one in five hours at night; 30 s to 5 min, 10..25 dB above the street.
        if (nowMs >= _eventEndMs && _random.NextDouble() < (0.2 + (0.8 * daytime)) * elapsedS / 3600.0)
        {
            _eventDb = 10 + (_random.NextDouble() * 15);
            _eventEndMs = nowMs + 30000 + _random.Next(270000);
        }

        double energy = Math.Pow(10, baseDb / 10);
        if (nowMs < _passByEndMs)
        {
            energy += Math.Pow(10, (baseDb + _passByDb) / 10);
        }

        if (nowMs < _eventEndMs)
        {
            energy += Math.Pow(10, (baseDb + _eventDb) / 10);
        }

        // Small fluctuation of the ambient (wind, distant traffic): ±1 dB.
        return (10 * Math.Log10(energy)) + ((_random.NextDouble() * 2) - 1);
    }
}
