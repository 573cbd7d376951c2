namespace CityEdge.Hal
{
    /// <summary>
    /// A serial port already opened by the device app at the baud rate and framing the board profile
    /// gives. Reads never block: a driver polls from a scheduled task and takes what has arrived.
    /// </summary>
    public interface IUart
    {
        /// <summary>Bytes received and not yet read.</summary>
        int BytesAvailable { get; }

        /// <summary>Copies up to <paramref name="count"/> received bytes; returns how many (0 when none).</summary>
        int Read(byte[] buffer, int offset, int count);

        void Write(byte[] buffer, int offset, int count);

        /// <summary>Discards everything received so far (e.g. after waking a sensor).</summary>
        void DiscardInput();
    }
}
