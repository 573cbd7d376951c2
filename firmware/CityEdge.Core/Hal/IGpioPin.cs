namespace CityEdge.Hal
{
    /// <summary>
    /// One GPIO pin whose direction and pull the device app has already set from the board profile.
    /// Drivers never configure pins (see docs/architecture.md).
    /// </summary>
    public interface IGpioPin
    {
        int PinNumber { get; }

        /// <summary>True when the pin reads high.</summary>
        bool Read();

        /// <summary>Drives an output pin high (true) or low (false).</summary>
        void Write(bool high);
    }
}
