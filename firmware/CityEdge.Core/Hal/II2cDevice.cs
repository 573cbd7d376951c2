namespace CityEdge.Hal
{
    /// <summary>
    /// One device on an I2C bus at a fixed address. The device app creates it from the board
    /// profile and owns (and disposes) it; drivers only transfer bytes through it.
    /// </summary>
    public interface II2cDevice
    {
        /// <summary>The 7-bit address this device answers on.</summary>
        int Address { get; }

        BusStatus Write(byte[] buffer, int offset, int count);

        BusStatus Read(byte[] buffer, int offset, int count);

        /// <summary>A write then a read with a repeated start, e.g. a register pointer then its contents.</summary>
        BusStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount);
    }
}
