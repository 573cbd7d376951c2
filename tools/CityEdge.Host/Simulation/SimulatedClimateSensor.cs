using CityEdge.Climate;
using CityEdge.Hal;
using CityEdge.Health;

namespace CityEdge.Host.Simulation;

/// <summary>One climate sample the simulated sensor produced, kept for tests to check reports against.</summary>
public readonly record struct ClimateSampleRecord(long MonotonicMs, DateTime Utc, float TemperatureDegC, float HumidityPct, float PressureHpa);

/// <summary>
/// Plausible street-level weather for one node: a diurnal temperature cycle (minimum before dawn,
/// maximum mid-afternoon local time), multi-day weather swings shared by the whole city, a
/// per-node microclimate offset and elevation, humidity from a slowly varying dew point (Magnus
/// formula, Alduchov and Eskridge 1996) and station pressure from sea-level pressure and elevation.
/// Deterministic for a given node seed and clock.
/// </summary>
public sealed class SimulatedClimateSensor : IClimateSensor
{
    private readonly IClock _clock;
    private readonly Random _noise;
    private readonly double _microclimateDegC;
    private readonly double _dewPointOffsetDegC;
    private readonly double _elevationM;
    private readonly double _utcOffsetHours;
    private readonly List<ClimateSampleRecord>? _record;

    public SimulatedClimateSensor(IClock clock, int seed, double utcOffsetHours = 1.0, bool recordSamples = false)
    {
        _clock = clock;
        _noise = new Random(seed);
        var site = new Random(seed ^ 0x5EED);
        _microclimateDegC = (site.NextDouble() - 0.5) * 2.0;
        // Near a park or the river the air is moister than on a sealed square.
        _dewPointOffsetDegC = (site.NextDouble() - 0.5) * 3.0;
        _elevationM = 10 + (site.NextDouble() * 80);
        _utcOffsetHours = utcOffsetHours;
        _record = recordSamples ? new List<ClimateSampleRecord>() : null;
    }

    /// <summary>Every sample produced, when recording was asked for.</summary>
    public IReadOnlyList<ClimateSampleRecord> Samples => _record ?? (IReadOnlyList<ClimateSampleRecord>)Array.Empty<ClimateSampleRecord>();

    public FaultReason LastFault { get; private set; }

    /// <summary>While true every read fails with <see cref="FaultReason.NotResponding"/> (a pulled cable).</summary>
    public bool Disconnected { get; set; }

    public bool TryRead(ClimateSample sample)
    {
        if (Disconnected)
        {
            LastFault = FaultReason.NotResponding;
            return false;
        }

        DateTime utc = _clock.UtcNow();
        double days = (utc - new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays;
        double localHour = ((utc.TimeOfDay.TotalHours + _utcOffsetHours) % 24 + 24) % 24;

        // City-wide weather: fronts every few days move the daily mean and the pressure together.
        double swing = Math.Sin(2 * Math.PI * days / 4.3) + (0.5 * Math.Sin((2 * Math.PI * days / 1.7) + 1.0));
        double dailyMean = 12.0 + (3.0 * swing) + _microclimateDegC;
        double temperature = dailyMean + (5.0 * Math.Cos(2 * Math.PI * (localHour - 15.0) / 24.0)) + Gaussian(0.05);

        // Dew point changes slowly, so relative humidity peaks at dawn and dips in the afternoon.
        double dewPoint = dailyMean - 5.0 + _dewPointOffsetDegC + (1.5 * Math.Sin(2 * Math.PI * days / 2.9)) + Gaussian(0.05);
        double humidity = 100.0 * Math.Exp((17.625 * dewPoint / (243.04 + dewPoint)) - (17.625 * temperature / (243.04 + temperature)));
        humidity = Math.Clamp(humidity, 5.0, 100.0);

        // Hypsometric approximation: about -0.12 hPa per metre near sea level (scale height 8.4 km).
        double seaLevel = 1013.25 - (8.0 * swing);
        double pressure = (seaLevel * Math.Exp(-_elevationM / 8434.0)) + Gaussian(0.05);

        sample.TemperatureDegC = (float)temperature;
        sample.HumidityPct = (float)humidity;
        sample.PressureHpa = (float)pressure;
        LastFault = FaultReason.None;
        _record?.Add(new ClimateSampleRecord(_clock.MonotonicMs(), utc, sample.TemperatureDegC, sample.HumidityPct, sample.PressureHpa));
        return true;
    }

    private double Gaussian(double sigma)
    {
        // Box-Muller: enough for sensor noise.
        double u1 = 1.0 - _noise.NextDouble();
        double u2 = _noise.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
