namespace CityEdge.Hal
{
    /// <summary>
    /// A PCM sample stream (an I2S microphone on the device, a WAV file or simulation on the host).
    /// Samples are signed integers left-justified in 32 bits (24-bit data in a 32-bit slot reads as
    /// value × 256), so full scale is always 2^31. Only a noise front end reads it, and only to turn
    /// blocks into levels: samples are never stored or published.
    /// </summary>
    public interface IAudioBlockSource
    {
        /// <summary>Sample rate of the stream, Hz.</summary>
        int SampleRateHz { get; }

        /// <summary>Reads up to <paramref name="count"/> consecutive samples into
        /// <paramref name="buffer"/> from <paramref name="offset"/>; returns how many were read
        /// (0 when the source delivered nothing).</summary>
        int Read(int[] buffer, int offset, int count);
    }
}
