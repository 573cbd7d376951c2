namespace CityEdge.Lighting
{
    /// <summary>
    /// The presence boost: on a detection the level ramps linearly from where it is to the boost level
    /// in the ramp-up time, holds there until the hold time after the last detection has passed, then
    /// ramps back to the base level in the ramp-down time. A detection during the hold extends it; one
    /// during the ramp-down starts a new ramp-up from the current level. The boost level is therefore
    /// always reached no later than the ramp-up time after any detection.
    /// </summary>
    public sealed class PresenceBoost
    {
        private readonly LightingSettings _settings;
        private bool _active;
        private float _startPct;
        private long _rampStartMs;
        private long _rampUpEndMs;
        private long _holdEndMs;

        public PresenceBoost(LightingSettings settings)
        {
            _settings = settings;
        }

        /// <summary>Detections since start-up (local and neighbours').</summary>
        public int TriggerCount { get; private set; }

        public bool IsActive
        {
            get { return _active; }
        }

        /// <param name="currentPct">The lamp's level now, where a new ramp-up starts.</param>
        public void Trigger(long nowMs, float currentPct)
        {
            TriggerCount++;
            bool rampingUp = _active && nowMs < _rampUpEndMs;
            bool holding = _active && nowMs >= _rampUpEndMs && nowMs < _holdEndMs;
            if (!rampingUp && !holding)
            {
                _startPct = currentPct;
                _rampStartMs = nowMs;
                _rampUpEndMs = nowMs + _settings.RampUpMs;
            }

            long holdEnd = _rampUpEndMs + _settings.HoldMs;
            long extended = nowMs + _settings.HoldMs;
            _holdEndMs = extended > holdEnd ? extended : holdEnd;
            _active = true;
        }

        /// <summary>The lamp level with the boost applied over <paramref name="basePct"/>.</summary>
        public float Apply(long nowMs, float basePct)
        {
            if (!_active)
            {
                return basePct;
            }

            float boost = _settings.BoostPct;
            float level;
            if (nowMs < _rampUpEndMs)
            {
                level = _startPct + ((boost - _startPct) * (nowMs - _rampStartMs) / _settings.RampUpMs);
            }
            else if (nowMs < _holdEndMs)
            {
                level = boost;
            }
            else if (nowMs < _holdEndMs + _settings.RampDownMs)
            {
                level = boost + ((basePct - boost) * (nowMs - _holdEndMs) / _settings.RampDownMs);
            }
            else
            {
                _active = false;
                level = basePct;
            }

            return level > basePct ? level : basePct;
        }

        /// <summary>Ends any boost at once (daybreak, override).</summary>
        public void Cancel()
        {
            _active = false;
        }
    }
}
