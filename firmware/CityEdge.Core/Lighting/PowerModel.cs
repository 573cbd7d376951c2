namespace CityEdge.Lighting
{
    /// <summary>
    /// Mains power of the luminaire at a light level, for energy reporting when no meter is fitted:
    /// LED power scales with light output, the driver's efficiency falls at low load (enter the
    /// curve from the driver's datasheet), and a powered-off driver still draws standby power.
    /// </summary>
    public sealed class PowerModel
    {
        private readonly float _ratedW;
        private readonly float _standbyW;
        private readonly PiecewiseCurve _efficiencyPct;
        private readonly float _efficiencyAtFullPct;

        /// <param name="ratedW">Mains power at 100 % light (the luminaire's rating plate).</param>
        /// <param name="standbyW">Mains power with the light off (driver and node).</param>
        /// <param name="efficiencyPct">Driver efficiency, %, over load, % of full.</param>
        public PowerModel(float ratedW, float standbyW, PiecewiseCurve efficiencyPct)
        {
            _ratedW = ratedW;
            _standbyW = standbyW;
            _efficiencyPct = efficiencyPct;
            _efficiencyAtFullPct = efficiencyPct.ValueAt(100f);
        }

        public float RatedW
        {
            get { return _ratedW; }
        }

        public float StandbyW
        {
            get { return _standbyW; }
        }

        public float PowerW(float levelPct)
        {
            if (levelPct <= 0f)
            {
                return _standbyW;
            }

            float efficiency = _efficiencyPct.ValueAt(levelPct);
            float levelW = (_ratedW - _standbyW) * levelPct / 100f * _efficiencyAtFullPct / efficiency;
            return _standbyW + levelW;
        }
    }
}
