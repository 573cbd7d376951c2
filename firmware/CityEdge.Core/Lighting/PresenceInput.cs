using CityEdge.Hal;

namespace CityEdge.Lighting
{
    /// <summary>
    /// A PIR or microwave-radar presence input (HC-SR501, RCWL-0516: output high while motion is
    /// detected), debounced: the pin must read the same for <see cref="DebounceMs"/> before its state
    /// changes, so a spike on a long cable up the pole is not a person.
    /// </summary>
    public sealed class PresenceInput
    {
        public const int DebounceMs = 100;

        private readonly IGpioPin _pin;
        private bool _stable;
        private bool _pending;
        private long _pendingSinceMs;

        public PresenceInput(IGpioPin pin)
        {
            _pin = pin;
        }

        /// <summary>Debounced state: someone is there.</summary>
        public bool IsActive
        {
            get { return _stable; }
        }

        /// <summary>Debounced rising edges since start-up.</summary>
        public int DetectionCount { get; private set; }

        /// <summary>Samples the pin; true on the run where a new detection is confirmed.</summary>
        public bool Update(long nowMs)
        {
            bool raw = _pin.Read();
            if (raw == _stable)
            {
                _pending = false;
                return false;
            }

            if (!_pending)
            {
                _pending = true;
                _pendingSinceMs = nowMs;
            }

            if (nowMs - _pendingSinceMs < DebounceMs)
            {
                return false;
            }

            _stable = raw;
            _pending = false;
            if (raw)
            {
                DetectionCount++;
            }

            return raw;
        }
    }
}
