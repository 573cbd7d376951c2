namespace CityEdge.Air
{
    /// <summary>
    /// The US EPA PM NowCast: a weighted mean of the last 12 hourly means that leans on the recent
    /// hours when the air is changing (US EPA, "PM NowCast" fact sheet, nepis.epa.gov P100X0J6,
    /// steps 1-8; AirNow-Tech, "The NowCast for PM2.5 and PM10": valid only when 2 of the 3 most
    /// recent hours have data).
    /// </summary>
    public static class NowCast
    {
        public const int Hours = 12;

        /// <summary>The weight factor never goes below 1/2 (the fact sheet's step 5).</summary>
        private const float MinWeight = 0.5f;

        /// <summary>
        /// The NowCast concentration, or -1 when it is not defined. <paramref name="hourlyMeansUgM3"/>[0]
        /// is the most recent hour, [i] the hour i hours before it; a negative entry is a missing hour.
        /// Only the first <see cref="Hours"/> entries are used.
        /// </summary>
        public static float Compute(float[] hourlyMeansUgM3)
        {
            int hours = hourlyMeansUgM3.Length < Hours ? hourlyMeansUgM3.Length : Hours;
            int recent = 0;
            for (int i = 0; i < hours && i < 3; i++)
            {
                recent += hourlyMeansUgM3[i] >= 0 ? 1 : 0;
            }

            if (recent < 2)
            {
                return -1;
            }

            float min = float.MaxValue;
            float max = 0;
            for (int i = 0; i < hours; i++)
            {
                float c = hourlyMeansUgM3[i];
                if (c >= 0)
                {
                    min = c < min ? c : min;
                    max = c > max ? c : max;
                }
            }

            // Weight = 1 - (max - min) / max = min / max; all-zero air is steady (weight 1).
            float weight = max > 0 ? min / max : 1;
            weight = weight < MinWeight ? MinWeight : weight;
            float sum = 0;
            float weights = 0;
            float power = 1;
            for (int i = 0; i < hours; i++)
            {
                float c = hourlyMeansUgM3[i];
                if (c >= 0)
                {
                    sum += power * c;
                    weights += power;
                }

                power *= weight;
            }

            return sum / weights;
        }
    }
}
