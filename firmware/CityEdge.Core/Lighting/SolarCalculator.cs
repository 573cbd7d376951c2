using System;

namespace CityEdge.Lighting
{
    /// <summary>
    /// Sunrise, sunset and civil twilight from NOAA's solar calculator algorithm (NOAA Global Monitoring
    /// Laboratory, "Solar Calculation Details", gml.noaa.gov/grad/solcalc/calcdetails.html, after Meeus,
    /// "Astronomical Algorithms"). Written for single precision, because the ESP32's nanoFramework
    /// computes Math in float: time is carried as whole days since J2000.0 plus a day fraction, and
    /// every angle that grows with time is reduced to one turn before the fraction is added, so no
    /// intermediate exceeds a few hundred degrees (float keeps ~1e-5° there, ~0.003 s of time).
    /// Each event is first computed at solar noon and then refined at its own time.
    /// </summary>
    public static class SolarCalculator
    {
        /// <summary>Zenith of sunrise/sunset: 90° + 34' refraction + 16' semi-diameter (NOAA, calcdetails).</summary>
        public const float HorizonZenithDeg = 90.833f;

        /// <summary>Zenith of civil dawn/dusk: the sun 6° below the horizon.</summary>
        public const float CivilZenithDeg = 96f;

        // Each event is recomputed with the sun's position at its own time. NOAA's calculator refines
        // once; at high latitude, where the hour angle is near 180° and very sensitive to declination,
        // one pass can leave minutes of error, three converge below a second.
        private const int RefineIterations = 3;

        private const long J2000DayTicks = 630822816000000000L; // 2000-01-01T00:00Z
        private const float DegToRad = 0.017453292f;
        private const float RadToDeg = 57.29578f;

        // Rates per day minus one turn-per-day equivalent, from NOAA's per-century rates divided by
        // 36525: L0 36000.76983°/cy, M 35999.05029°/cy (so rate = 1 + these), Ω -1934.136°/cy.
        private const float MeanLongitudeRateMinusOne = -0.01435264f;
        private const float MeanAnomalyRateMinusOne = -0.01439972f;
        private const float NodeRatePerDay = -0.05295376f;

        /// <summary>Computes the events of the UTC date <paramref name="year"/>-<paramref name="month"/>-<paramref name="day"/>.</summary>
        /// <param name="latitudeDeg">North positive, -90..90.</param>
        /// <param name="longitudeDeg">East positive, -180..180.</param>
        public static void Compute(int year, int month, int day, float latitudeDeg, float longitudeDeg, SolarDay into)
        {
            if (!(latitudeDeg >= -90f && latitudeDeg <= 90f))
            {
                throw new ArgumentOutOfRangeException("latitudeDeg", "latitude must be -90..90, got " + latitudeDeg);
            }

            if (!(longitudeDeg >= -180f && longitudeDeg <= 180f))
            {
                throw new ArgumentOutOfRangeException("longitudeDeg", "longitude must be -180..180, got " + longitudeDeg);
            }

            int days = (int)((new DateTime(year, month, day).Ticks - J2000DayTicks) / TimeSpan.TicksPerDay);
            into.Year = year;
            into.Month = month;
            into.Day = day;

            // Solar noon: equation of time at the approximate noon, then once more at that noon.
            float noonMin = 720f - (4f * longitudeDeg);
            float declinationDeg;
            float equationMin;
            SunAt(days, noonMin, out declinationDeg, out equationMin);
            noonMin = 720f - (4f * longitudeDeg) - equationMin;
            SunAt(days, noonMin, out declinationDeg, out equationMin);
            into.SolarNoonMin = 720f - (4f * longitudeDeg) - equationMin;

            float rise;
            float set;
            into.Horizon = Event(days, latitudeDeg, longitudeDeg, HorizonZenithDeg, into.SolarNoonMin, declinationDeg, out rise, out set);
            into.SunriseMin = rise;
            into.SunsetMin = set;
            into.CivilTwilight = Event(days, latitudeDeg, longitudeDeg, CivilZenithDeg, into.SolarNoonMin, declinationDeg, out rise, out set);
            into.CivilDawnMin = rise;
            into.CivilDuskMin = set;
        }

        private static SolarCrossing Event(int days, float latitudeDeg, float longitudeDeg, float zenithDeg, float noonMin, float noonDeclinationDeg, out float riseMin, out float setMin)
        {
            riseMin = 0;
            setMin = 0;
            float hourAngleDeg;
            SolarCrossing crossing = HourAngle(latitudeDeg, noonDeclinationDeg, zenithDeg, out hourAngleDeg);
            if (crossing != SolarCrossing.Crosses)
            {
                return crossing;
            }

            riseMin = noonMin - (4f * hourAngleDeg);
            setMin = noonMin + (4f * hourAngleDeg);
            for (int i = 0; i < RefineIterations; i++)
            {
                riseMin = Refine(days, latitudeDeg, longitudeDeg, zenithDeg, riseMin, true);
                setMin = Refine(days, latitudeDeg, longitudeDeg, zenithDeg, setMin, false);
            }

            return SolarCrossing.Crosses;
        }

        private static float Refine(int days, float latitudeDeg, float longitudeDeg, float zenithDeg, float estimateMin, bool rising)
        {
            float declinationDeg;
            float equationMin;
            SunAt(days, estimateMin, out declinationDeg, out equationMin);
            float hourAngleDeg;
            HourAngle(latitudeDeg, declinationDeg, zenithDeg, out hourAngleDeg);
            float signedDeg = rising ? hourAngleDeg : -hourAngleDeg;
            return 720f - (4f * (longitudeDeg + signedDeg)) - equationMin;
        }

        /// <summary>Hour angle of the sun at the zenith angle; near the polar limit the refinement may
        /// fall just outside ±1, which is clamped (the noon computation already decided the crossing).</summary>
        private static SolarCrossing HourAngle(float latitudeDeg, float declinationDeg, float zenithDeg, out float hourAngleDeg)
        {
            // Whether the sun crosses the zenith angle follows from its zenith at upper culmination
            // |φ − δ| and at lower culmination 180° − |φ + δ|, not from the sign of cos H: at the pole
            // cos φ is ±0 in float and the division would flip day and night.
            SolarCrossing crossing = 180f - Math.Abs(latitudeDeg + declinationDeg) < zenithDeg ? SolarCrossing.AlwaysAbove
                : Math.Abs(latitudeDeg - declinationDeg) > zenithDeg ? SolarCrossing.AlwaysBelow
                : SolarCrossing.Crosses;
            float phi = latitudeDeg * DegToRad;
            float delta = declinationDeg * DegToRad;
            float cosH = ((float)Math.Cos(zenithDeg * DegToRad) - ((float)Math.Sin(phi) * (float)Math.Sin(delta)))
                / ((float)Math.Cos(phi) * (float)Math.Cos(delta));
            cosH = cosH > 1f ? 1f : cosH < -1f ? -1f : cosH;
            hourAngleDeg = (float)Math.Acos(cosH) * RadToDeg;
            return crossing;
        }

        /// <summary>Declination and equation of time at <paramref name="minuteOfDay"/> UTC of the date
        /// <paramref name="days"/> after 2000-01-01.</summary>
        private static void SunAt(int days, float minuteOfDay, out float declinationDeg, out float equationMin)
        {
            // Days since J2000.0 (2000-01-01T12:00Z) = days + fraction, fraction in about [-1.5, 1.5].
            float fraction = (minuteOfDay / 1440f) - 0.5f;
            float t = (days + fraction) / 36525f;

            float meanLongitude = Reduce(Turns(days, MeanLongitudeRateMinusOne) + 280.46646f + ((1f + MeanLongitudeRateMinusOne) * fraction) + (0.0003032f * t * t));
            float meanAnomaly = Reduce(Turns(days, MeanAnomalyRateMinusOne) + 357.52911f + ((1f + MeanAnomalyRateMinusOne) * fraction) - (0.0001537f * t * t));
            float eccentricity = 0.016708634f - (t * (0.000042037f + (0.0000001267f * t)));
            float m = meanAnomaly * DegToRad;
            float center = ((float)Math.Sin(m) * (1.914602f - (t * (0.004817f + (0.000014f * t)))))
                + ((float)Math.Sin(2f * m) * (0.019993f - (0.000101f * t)))
                + ((float)Math.Sin(3f * m) * 0.000289f);
            float trueLongitude = meanLongitude + center;
            float node = Reduce(125.04f + (NodeRatePerDay * (days + fraction)));
            float apparentLongitude = trueLongitude - 0.00569f - (0.00478f * (float)Math.Sin(node * DegToRad));
            float meanObliquity = 23f + ((26f + ((21.448f - (t * (46.815f + (t * (0.00059f - (t * 0.001813f)))))) / 60f)) / 60f);
            float obliquity = meanObliquity + (0.00256f * (float)Math.Cos(node * DegToRad));

            float epsilon = obliquity * DegToRad;
            declinationDeg = (float)Math.Asin((float)Math.Sin(epsilon) * (float)Math.Sin(apparentLongitude * DegToRad)) * RadToDeg;

            float y = (float)Math.Sin(epsilon / 2f) / (float)Math.Cos(epsilon / 2f);
            y *= y;
            float l0 = meanLongitude * DegToRad;
            float equationRad = (y * (float)Math.Sin(2f * l0))
                - (2f * eccentricity * (float)Math.Sin(m))
                + (4f * eccentricity * y * (float)Math.Sin(m) * (float)Math.Cos(2f * l0))
                - (0.5f * y * y * (float)Math.Sin(4f * l0))
                - (1.25f * eccentricity * eccentricity * (float)Math.Sin(2f * m));
            equationMin = 4f * equationRad * RadToDeg;
        }

        /// <summary>(1 + rateMinusOne) × days, reduced to one turn: the whole-day part exactly in integers,
        /// the small correction in float, so the product never needs more than float's 24 bits.</summary>
        private static float Turns(int days, float rateMinusOne)
        {
            return (days % 360) + Reduce(rateMinusOne * days);
        }

        private static float Reduce(float degrees)
        {
            return degrees - (360f * (float)Math.Floor(degrees / 360f));
        }
    }
}
