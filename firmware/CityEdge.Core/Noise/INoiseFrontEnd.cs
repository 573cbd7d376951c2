using CityEdge.Health;

namespace CityEdge.Noise
{
    /// <summary>
    /// Where the node's A-weighted levels come from: an analog sound-level-meter module on the ADC
    /// (drivers/Sen0232, the default) or an I2S MEMS microphone through <see cref="SoundLevelMeter"/>
    /// (drivers/I2sMemsMicrophone). A front end hands over levels only (energies and Fast levels in
    /// <see cref="LevelStatistics"/>), never audio samples.
    /// </summary>
    public interface INoiseFrontEnd
    {
        /// <summary>How often the noise pipeline calls <see cref="Measure"/>, ms.</summary>
        int PeriodMs { get; }

        /// <summary>Lowest level this front end measures truthfully (noise floor / range bottom), dB.</summary>
        float ValidMinDb { get; }

        /// <summary>Highest level it measures truthfully (overload / range top), dB.</summary>
        float ValidMaxDb { get; }

        /// <summary>Why the last <see cref="Measure"/> returned 0; <see cref="FaultReason.None"/> after a success.</summary>
        FaultReason LastFault { get; }

        /// <summary>Measures for this period into <paramref name="into"/>; returns how many ms of the
        /// period the levels actually cover (the whole period for a continuously integrating module,
        /// the burst for a duty-cycled microphone, 0 on failure).</summary>
        int Measure(LevelStatistics into);
    }
}
