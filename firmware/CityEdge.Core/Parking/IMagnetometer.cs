using CityEdge.Health;

namespace CityEdge.Parking
{
    /// <summary>
    /// A 3-axis magnetometer under one parking bay: the QMC5883L or HMC5883L on the device
    /// (drivers/Qmc5883l, drivers/Hmc5883l), a simulated bay on the host.
    /// </summary>
    public interface IMagnetometer
    {
        /// <summary>Takes one measurement into <paramref name="sample"/>, in µT. False when no valid
        /// measurement could be had (bus error, saturated axis); <see cref="LastFault"/> then says why.</summary>
        bool TryRead(MagneticSample sample);

        /// <summary>Why the last <see cref="TryRead"/> failed; <see cref="FaultReason.None"/> after a success.</summary>
        FaultReason LastFault { get; }

        /// <summary>Largest magnitude one axis can report without saturating, µT.</summary>
        float FullScaleUt { get; }
    }
}
