namespace CityEdge.Lighting
{
    /// <summary>
    /// A photocell from the ambient light sensor: dark below the on threshold, light above the off
    /// threshold (hysteresis), each only after the reading has stayed past the threshold for the
    /// persistence time, so headlights, lightning and passing clouds do not toggle the lamp.
    /// It starts "dark": with no history, light is the safe assumption.
    /// </summary>
    public sealed class AmbientSwitch
    {
        private readonly LightingSettings _settings;
        private bool _dark = true;
        private bool _pending;
        private long _pendingSinceMs;

        public AmbientSwitch(LightingSettings settings)
        {
            _settings = settings;
        }

        public bool IsDark
        {
            get { return _dark; }
        }

        public void Update(long nowMs, float lux)
        {
            bool crossing = _dark ? lux > _settings.AmbientOffLux : lux < _settings.AmbientOnLux;
            if (!crossing)
            {
                _pending = false;
                return;
            }

            if (!_pending)
            {
                _pending = true;
                _pendingSinceMs = nowMs;
            }

            if (nowMs - _pendingSinceMs >= _settings.AmbientPersistMs)
            {
                _dark = !_dark;
                _pending = false;
            }
        }
    }
}
