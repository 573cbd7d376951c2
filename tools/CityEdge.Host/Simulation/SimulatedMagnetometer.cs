using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Parking;

namespace CityEdge.Host.Simulation;

/// <summary>
/// The in-ground magnetometer of one bay of a <see cref="ParkingScenario"/>, read at the node's
/// simulated clock: cars arrive by hour of day and stay, neighbours park, buses pass, the sensor
/// drifts, is noisy and sometimes drops out. Readings are the scenario's µT in the sensor's axes.
/// </summary>
public sealed class SimulatedMagnetometer(ParkingScenario scenario, int bay, IClock clock) : IMagnetometer
{
    /// <summary>The QMC5883L's ±8 G.</summary>
    public float FullScaleUt => 800f;

    public FaultReason LastFault { get; private set; }

    /// <summary>The scenario's bays for a node: one magnetometer each, all on the same clock.</summary>
    public static IMagnetometer[] ForBays(ParkingScenario scenario, IClock clock)
    {
        var sensors = new IMagnetometer[scenario.Bays];
        for (int b = 0; b < sensors.Length; b++)
        {
            sensors[b] = new SimulatedMagnetometer(scenario, b, clock);
        }

        return sensors;
    }

    public bool TryRead(MagneticSample sample)
    {
        MagnetometerRow row = scenario.Read(bay, clock.MonotonicMs() / 1000.0);
        if (!row.Valid)
        {
            LastFault = FaultReason.NotResponding;
            return false;
        }

        sample.XUt = (float)row.XUt;
        sample.YUt = (float)row.YUt;
        sample.ZUt = (float)row.ZUt;
        LastFault = FaultReason.None;
        return true;
    }
}
