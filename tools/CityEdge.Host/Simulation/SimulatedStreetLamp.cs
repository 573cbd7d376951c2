using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Host.Lighting;
using CityEdge.Lighting;

namespace CityEdge.Host.Simulation;

/// <summary>The lamp's PWM dimming output as the simulator sees it: the last duty written.</summary>
public sealed class SimulatedLampPwm(int frequencyHz) : IPwmChannel
{
    public int FrequencyHz { get; } = frequencyHz;

    /// <summary>Last duty written, 0..1; NaN before the first write.</summary>
    public float DutyFraction { get; private set; } = float.NaN;

    public int Writes { get; private set; }

    public void SetDutyCycle(float fraction)
    {
        DutyFraction = fraction;
        Writes++;
    }
}

/// <summary>
/// A PIR sensor watching the street under the lamp: its output is high for <see cref="PulseMs"/>
/// after each passer-by (HC-SR501 with its hold time at the minimum), from a list of presence events.
/// </summary>
public sealed class SimulatedPresenceSensor(int pinNumber, SimulatedClock clock, IReadOnlyList<PresenceEvent> events) : IGpioPin
{
    public const int PulseMs = 2500;

    private int _next;

    public int PinNumber { get; } = pinNumber;

    public bool Read()
    {
        DateTime now = clock.UtcNow();
        while (_next < events.Count && events[_next].TimeUtc.AddMilliseconds(PulseMs) < now)
        {
            _next++;
        }

        return _next < events.Count && events[_next].TimeUtc <= now;
    }

    public void Write(bool high) => throw new InvalidOperationException($"pin {PinNumber} is a PIR input");
}

/// <summary>
/// Ambient light over the day from the sun's events: full daylight between sunrise and sunset,
/// twilight falling to night light at civil dusk, plus a settable "dark day" factor and a failure switch.
/// </summary>
public sealed class SimulatedAmbientLight(SimulatedClock clock, float latitudeDeg, float longitudeDeg) : IAmbientLightSensor
{
    private readonly SolarDay _sun = new();
    private bool _started;

    /// <summary>Multiplies daylight (0.01 = a thunderstorm afternoon).</summary>
    public float Dimming { get; set; } = 1f;

    /// <summary>True simulates a sensor that stopped answering on its bus.</summary>
    public bool Failing { get; set; }

    public int ConversionMs => 180;

    public FaultReason LastFault { get; private set; }

    public bool StartMeasurement()
    {
        _started = !Failing;
        LastFault = Failing ? FaultReason.NotResponding : FaultReason.None;
        return _started;
    }

    public bool TryReadLux(out float lux)
    {
        lux = 0;
        if (!_started || Failing)
        {
            LastFault = FaultReason.NotResponding;
            return false;
        }

        DateTime now = clock.UtcNow();
        SolarCalculator.Compute(now.Year, now.Month, now.Day, latitudeDeg, longitudeDeg, _sun);
        float minute = (float)now.TimeOfDay.TotalMinutes;
        lux = Dimming * LuxAt(minute);
        _started = false;
        LastFault = FaultReason.None;
        return true;
    }

    private float LuxAt(float minute)
    {
        if (_sun.Horizon == SolarCrossing.AlwaysAbove)
        {
            return 10000f;
        }

        if (_sun.Horizon == SolarCrossing.Crosses && minute >= _sun.SunriseMin && minute <= _sun.SunsetMin)
        {
            return 10000f;
        }

        // Civil twilight: roughly 400 lx at sunset to 3 lx at civil dusk, log-linear.
        if (_sun.CivilTwilight == SolarCrossing.Crosses && minute >= _sun.CivilDawnMin && minute <= _sun.CivilDuskMin)
        {
            float edge = minute < _sun.SolarNoonMin ? (minute - _sun.CivilDawnMin) / Math.Max(1f, _sun.SunriseMin - _sun.CivilDawnMin)
                : (_sun.CivilDuskMin - minute) / Math.Max(1f, _sun.CivilDuskMin - _sun.SunsetMin);
            return (float)(3.0 * Math.Pow(400.0 / 3.0, Math.Clamp(edge, 0f, 1f)));
        }

        return 0.5f;
    }
}
