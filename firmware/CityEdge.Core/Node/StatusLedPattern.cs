namespace CityEdge.Node
{
    /// <summary>
    /// What the status LED shows, so a technician can tell the node's state from the ground
    /// (docs/field-guide.md, "Status LED"). One function of state and time, the same on every board.
    /// </summary>
    public static class StatusLedPattern
    {
        /// <summary>Lit: connected to the broker. Dark: running, not (yet) connected.</summary>
        public const int Running = 0;

        /// <summary>Even 2 Hz blink: configuration errors, nothing runs (the serial log lists them).</summary>
        public const int ConfigError = 1;

        /// <summary>Two short flashes per second: the phone setup mode is open.</summary>
        public const int SetupOpen = 2;

        /// <summary>Steady while the app waits for the setup button after starting (3 s).</summary>
        public const int WaitingForButton = 3;

        /// <summary>Whether the LED is lit at <paramref name="nowMs"/> in <paramref name="state"/>.</summary>
        public static bool IsLit(int state, bool connected, long nowMs)
        {
            switch (state)
            {
                case ConfigError:
                    return nowMs % 500 < 250;
                case SetupOpen:
                    long phase = nowMs % 1000;
                    return phase < 100 || (phase >= 200 && phase < 300);
                case WaitingForButton:
                    return true;
                default:
                    return connected;
            }
        }
    }
}
