namespace CityEdge.Lighting
{
    /// <summary>
    /// EN 13201-2:2015 lighting classes and the lowest lamp level a class allows. The lamp is
    /// designed to meet <c>designClass</c> at 100 % light output; the road's class for quiet hours sets
    /// the floor, as the ratio of the two classes' required averages (light output scales with level).
    /// M classes: maintained average luminance L̄ (EN 13201-2:2015 Table 1): M1 2.0, M2 1.5, M3 1.0,
    /// M4 0.75, M5 0.5, M6 0.3 cd/m². P classes: maintained average horizontal illuminance Ē
    /// (Table 3): P1 15, P2 10, P3 7.5, P4 5, P5 3, P6 2 lx.
    /// </summary>
    public static class LightingClass
    {
        private static readonly float[] MLuminanceCdM2 = new float[] { 2.0f, 1.5f, 1.0f, 0.75f, 0.5f, 0.3f };
        private static readonly float[] PIlluminanceLx = new float[] { 15f, 10f, 7.5f, 5f, 3f, 2f };

        /// <summary>The class's required average (cd/m² for M, lx for P), or -1 when it is not M1..M6 / P1..P6.</summary>
        public static float RequiredAverage(string lightingClass)
        {
            if (lightingClass == null || lightingClass.Length != 2 || lightingClass[1] < '1' || lightingClass[1] > '6')
            {
                return -1f;
            }

            int index = lightingClass[1] - '1';
            char family = lightingClass[0];
            return family == 'M' ? MLuminanceCdM2[index] : family == 'P' ? PIlluminanceLx[index] : -1f;
        }

        /// <summary>Lowest level (whole %, rounded up so the class is always met) at which a lamp that
        /// meets <paramref name="designClass"/> at 100 % still meets <paramref name="roadClass"/>;
        /// null-free error text in <paramref name="problem"/> and -1 when the pair is not valid.</summary>
        public static int MinimumLevelPct(string roadClass, string designClass, out string problem)
        {
            float road = RequiredAverage(roadClass);
            float design = RequiredAverage(designClass);
            problem = null;
            if (road < 0)
            {
                problem = "'" + roadClass + "' is not an EN 13201 class M1..M6 or P1..P6";
            }
            else if (design < 0)
            {
                problem = "'" + designClass + "' is not an EN 13201 class M1..M6 or P1..P6";
            }
            else if (roadClass[0] != designClass[0])
            {
                problem = roadClass + " and " + designClass + " are of different series (M is luminance, P illuminance)";
            }
            else if (road > design)
            {
                problem = roadClass + " needs more light than the lamp gives at full output (" + designClass + ")";
            }

            if (problem != null)
            {
                return -1;
            }

            return (int)System.Math.Ceiling((100.0 * road / design) - 0.0001);
        }
    }
}
