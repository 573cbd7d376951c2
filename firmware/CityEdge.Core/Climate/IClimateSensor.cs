using CityEdge.Health;

namespace CityEdge.Climate
{
    /// <summary>
    /// A temperature/humidity/pressure sensor: the BME280 on the device (drivers/Bme280), a simulated
    /// weather source on the host.
    /// </summary>
    public interface IClimateSensor
    {
        /// <summary>Takes one measurement into <paramref name="sample"/>. False when no valid
        /// measurement could be had; <see cref="LastFault"/> then says why.</summary>
        bool TryRead(ClimateSample sample);

        /// <summary>Why the last <see cref="TryRead"/> failed; <see cref="FaultReason.None"/> after a success.</summary>
        FaultReason LastFault { get; }
    }
}
