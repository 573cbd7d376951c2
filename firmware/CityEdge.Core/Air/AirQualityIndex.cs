using System;

namespace CityEdge.Air
{
    /// <summary>
    /// Particulate sub-indices, the index, its dominant pollutant and category for the two standards a
    /// node can report. Concentrations are turned into whole tenths of µg/m³ first and the
    /// interpolation is done in integers, so a value on a breakpoint gives the table's index exactly
    /// in single-precision float too. Both tables end at index 500; a concentration above the top
    /// breakpoint reports 500 (EPA: "Beyond the AQI"; HJ 633-2012 defines no IAQI above 500).
    /// </summary>
    public static class AirQualityIndex
    {
        public const int MaxIndex = 500;

        // US EPA, "Technical Assistance Document for the Reporting of Daily Air Quality - the Air Quality
        // Index (AQI)", EPA-454/B-24-002 (May 2024), Table 6; PM2.5 as revised on 7 Feb 2024
        // (89 FR 16202). Concentrations in tenths of µg/m³.
        private static readonly int[] UsPm2_5Low = new int[] { 0, 91, 355, 555, 1255, 2255 };
        private static readonly int[] UsPm2_5High = new int[] { 90, 354, 554, 1254, 2254, 3254 };
        private static readonly int[] UsPm10Low = new int[] { 0, 550, 1550, 2550, 3550, 4250 };
        private static readonly int[] UsPm10High = new int[] { 540, 1540, 2540, 3540, 4240, 6040 };
        private static readonly int[] UsIndexLow = new int[] { 0, 51, 101, 151, 201, 301 };
        private static readonly int[] UsIndexHigh = new int[] { 50, 100, 150, 200, 300, 500 };

        // China HJ 633-2012 "Technical Regulation on Ambient Air Quality Index", Table 1, 24-hour
        // average breakpoints (the table has no 1-hour PM breakpoints; real-time reports use these).
        // Segments share their ends; tenths of µg/m³.
        private static readonly int[] CnPm2_5Low = new int[] { 0, 350, 750, 1150, 1500, 2500, 3500 };
        private static readonly int[] CnPm2_5High = new int[] { 350, 750, 1150, 1500, 2500, 3500, 5000 };
        private static readonly int[] CnPm10Low = new int[] { 0, 500, 1500, 2500, 3500, 4200, 5000 };
        private static readonly int[] CnPm10High = new int[] { 500, 1500, 2500, 3500, 4200, 5000, 6000 };
        private static readonly int[] CnIndexLow = new int[] { 0, 50, 100, 150, 200, 300, 400 };
        private static readonly int[] CnIndexHigh = new int[] { 50, 100, 150, 200, 300, 400, 500 };

        private static readonly string[] UsCategoryNames = new string[]
        {
            "Good", "Moderate", "Unhealthy for Sensitive Groups", "Unhealthy", "Very Unhealthy", "Hazardous",
        };

        private static readonly string[] CnCategoryNames = new string[]
        {
            "Excellent", "Good", "Lightly Polluted", "Moderately Polluted", "Heavily Polluted", "Severely Polluted",
        };

        /// <summary>Fills <paramref name="into"/> for the given concentrations (µg/m³).</summary>
        public static void Compute(AqiStandard standard, float pm2_5UgM3, float pm10UgM3, AqiResult into)
        {
            into.Standard = standard;
            into.Pm2_5SubIndex = SubIndex(standard, AqiPollutant.Pm2_5, pm2_5UgM3);
            into.Pm10SubIndex = SubIndex(standard, AqiPollutant.Pm10, pm10UgM3);
            into.Aqi = Math.Max(into.Pm2_5SubIndex, into.Pm10SubIndex);
            into.Dominant = DominantOf(standard, into.Aqi, into.Pm2_5SubIndex, into.Pm10SubIndex);
            into.Category = CategoryOf(into.Aqi);
        }

        /// <summary>
        /// One pollutant's sub-index. US: PM2.5 truncated to 0.1 µg/m³ and PM10 to 1 µg/m³, index
        /// rounded to the nearest integer (TAD, "Calculating the AQI"). China: concentration to the
        /// nearest 0.1 µg/m³, IAQI rounded up to an integer (HJ 633-2012 §5, IAQI formula).
        /// </summary>
        public static int SubIndex(AqiStandard standard, AqiPollutant pollutant, float concentrationUgM3)
        {
            if (pollutant != AqiPollutant.Pm2_5 && pollutant != AqiPollutant.Pm10)
            {
                throw new ArgumentOutOfRangeException("pollutant", "a sub-index is for PM2.5 or PM10, got " + (int)pollutant);
            }

            double c = concentrationUgM3 > 0 ? concentrationUgM3 : 0;
            if (standard == AqiStandard.UsEpa)
            {
                // The small offsets undo float representation error (20.3f is 20.29999...) before
                // truncating; they are far below the sensor's 1 µg/m³ resolution.
                if (pollutant == AqiPollutant.Pm2_5)
                {
                    return Interpolate(ToTenths(Math.Floor((c * 10) + 0.01)), UsPm2_5Low, UsPm2_5High, UsIndexLow, UsIndexHigh, false);
                }

                return Interpolate(ToTenths(Math.Floor(c + 0.001) * 10), UsPm10Low, UsPm10High, UsIndexLow, UsIndexHigh, false);
            }

            int tenths = ToTenths(Math.Floor((c * 10) + 0.5));
            return pollutant == AqiPollutant.Pm2_5
                ? Interpolate(tenths, CnPm2_5Low, CnPm2_5High, CnIndexLow, CnIndexHigh, true)
                : Interpolate(tenths, CnPm10Low, CnPm10High, CnIndexLow, CnIndexHigh, true);
        }

        /// <summary>1..6 for 0-50, 51-100, 101-150, 151-200, 201-300, above 300: the same bands in both
        /// standards (TAD Table 5; HJ 633-2012 Table 2).</summary>
        public static int CategoryOf(int aqi)
        {
            if (aqi <= 50)
            {
                return 1;
            }

            if (aqi <= 100)
            {
                return 2;
            }

            if (aqi <= 150)
            {
                return 3;
            }

            if (aqi <= 200)
            {
                return 4;
            }

            return aqi <= 300 ? 5 : 6;
        }

        /// <summary>The category's English name in the standard (HJ 633-2012 Table 2 translated).</summary>
        public static string CategoryName(AqiStandard standard, int category)
        {
            if (category < 1 || category > 6)
            {
                throw new ArgumentOutOfRangeException("category", "category must be 1..6, got " + category);
            }

            return standard == AqiStandard.UsEpa ? UsCategoryNames[category - 1] : CnCategoryNames[category - 1];
        }

        /// <summary>The pollutant with the highest sub-index; none for a Chinese AQI of 50 or less
        /// (HJ 633-2012 §5.3), both on a tie.</summary>
        public static AqiPollutant DominantOf(AqiStandard standard, int aqi, int pm2_5SubIndex, int pm10SubIndex)
        {
            if (standard == AqiStandard.ChinaHj633 && aqi <= 50)
            {
                return AqiPollutant.None;
            }

            if (pm2_5SubIndex == pm10SubIndex)
            {
                return AqiPollutant.Both;
            }

            return pm2_5SubIndex > pm10SubIndex ? AqiPollutant.Pm2_5 : AqiPollutant.Pm10;
        }

        private static int ToTenths(double tenths)
        {
            // Anything above the tables ends at MaxIndex; keep the integer arithmetic from overflowing.
            return tenths > 100000 ? 100000 : (int)tenths;
        }

        private static int Interpolate(int tenths, int[] concentrationLow, int[] concentrationHigh, int[] indexLow, int[] indexHigh, bool roundUp)
        {
            for (int i = 0; i < concentrationHigh.Length; i++)
            {
                if (tenths <= concentrationHigh[i])
                {
                    int numerator = (indexHigh[i] - indexLow[i]) * (tenths - concentrationLow[i]);
                    int denominator = concentrationHigh[i] - concentrationLow[i];
                    int step = roundUp ? (numerator + denominator - 1) / denominator : ((2 * numerator) + denominator) / (2 * denominator);
                    return indexLow[i] + step;
                }
            }

            return MaxIndex;
        }
    }
}
