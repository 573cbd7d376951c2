namespace CityEdge.Hal
{
    /// <summary>A PWM output started by the device app at a fixed frequency.</summary>
    public interface IPwmChannel
    {
        int FrequencyHz { get; }

        /// <summary>Sets the duty cycle, 0 (always low) to 1 (always high).</summary>
        void SetDutyCycle(float fraction);
    }
}
