namespace CityEdge.Air
{
    /// <summary>
    /// Removes the water an optical sensor counts as particle mass when hygroscopic aerosol swells in
    /// humid air, with the single-parameter κ-Köhler mass growth factor of Crilley et al. (2018),
    /// "Evaluation of a low-cost optical particle counter (Alphasense OPC-N2) for ambient air
    /// monitoring", Atmos. Meas. Tech. 11, 709-720:
    ///   C = 1 + (κ / 1.65) / (1/aw - 1),  PM_dry = PM / C,  aw = RH / 100,
    /// with 1.65 g/cm³ the dry particle density they assumed (the same form as Di Antonio et al.
    /// (2018), Sensors 18, 2790).
    /// </summary>
    public static class HumidityCorrection
    {
        /// <summary>Dry particle density relative to water used by Crilley et al. (2018).</summary>
        public const float DryDensityRatio = 1.65f;

        /// <summary>The growth factor diverges at saturation; above this the correction holds at its
        /// 99 %RH value (such readings are flagged anyway).</summary>
        public const float MaxHumidityPct = 99f;

        /// <summary>The mass growth factor C (≥ 1) for <paramref name="humidityPct"/> and κ.</summary>
        public static float GrowthFactor(float humidityPct, float kappa)
        {
            float rh = humidityPct > MaxHumidityPct ? MaxHumidityPct : humidityPct;
            if (!(rh > 0) || !(kappa > 0))
            {
                return 1f;
            }

            float aw = rh / 100f;
            return 1f + ((kappa / DryDensityRatio) / ((1f / aw) - 1f));
        }

        /// <summary>The dry-equivalent concentration of a reading taken at <paramref name="humidityPct"/>.</summary>
        public static float Correct(float pmUgM3, float humidityPct, float kappa)
        {
            return pmUgM3 / GrowthFactor(humidityPct, kappa);
        }
    }
}
