namespace CityEdge.Setup
{
    /// <summary>
    /// Whether the setup button is "held at boot": pressed without a break for <see cref="HoldMs"/> within the
    /// first <see cref="WindowMs"/> after the app starts. On the DevKitC boards the button is BOOT (GPIO 0),
    /// which the chip samples at reset to start its bootloader, so it is pressed after reset, while the app
    /// waits here with the status LED lit. A bounce or a brush against the button is not a hold.
    /// </summary>
    public sealed class SetupButtonWindow
    {
        /// <summary>How long the app waits for the button after starting.</summary>
        public const int WindowMs = 3000;

        /// <summary>How long the button must stay pressed.</summary>
        public const int HoldMs = 1000;

        /// <summary>How often the app samples the pin while waiting.</summary>
        public const int SampleMs = 50;

        private readonly long _startMs;
        private long _pressedSinceMs = -1;

        public SetupButtonWindow(long startMs)
        {
            _startMs = startMs;
        }

        /// <summary>True once the decision is made (held, or the window is over).</summary>
        public bool IsDecided { get; private set; }

        /// <summary>True when the button was held long enough.</summary>
        public bool Held { get; private set; }

        /// <summary>One sample of the button; returns <see cref="IsDecided"/>.</summary>
        public bool Sample(long nowMs, bool pressed)
        {
            if (IsDecided)
            {
                return true;
            }

            if (!pressed)
            {
                _pressedSinceMs = -1;
            }
            else if (_pressedSinceMs < 0)
            {
                _pressedSinceMs = nowMs;
            }

            if (_pressedSinceMs >= 0 && nowMs - _pressedSinceMs >= HoldMs)
            {
                Held = true;
                IsDecided = true;
            }
            else if (nowMs - _startMs >= WindowMs && _pressedSinceMs < 0)
            {
                // A press that began inside the window may finish its hold after it; no new press counts.
                IsDecided = true;
            }

            return IsDecided;
        }
    }
}
