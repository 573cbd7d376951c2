using CityEdge.Lighting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Lighting
{
    /// <summary>
    /// The astronomical clock against times published from NOAA's solar calculator. Every expected
    /// value is transcribed from a published table (converted from its local zone to UTC minutes by
    /// hand), never computed by this code:
    /// - Bellegem, Belgium (50.50 N, 3.16 E), day 8 of the month, GMT+1, from NOAA_Solar_Calculations_year
    ///   (gml.noaa.gov/grad/solcalc/calcdetails.html), as tabulated to the minute in a public Arduino
    ///   chicken-door sketch ("Values based on NOAA_Solar_Calculations_year", Belgium-Bellegem 50,50° /
    ///   3,16°, GMT+1, no daylight saving); its year is not stated, so solstice months only (the times
    ///   move less than half a minute across the leap-year cycle there).
    /// - Santa Clara, California (37.35 N, 121.95 W) on 2024-01-28, PST, and Ny-Ålesund, Svalbard
    ///   (78.92 N, 11.93 E) on 2024-09-10, CEST: the NOAA GML Solar Calculator values used as expectations
    ///   by the SolCalc library (github.com/Aldaviva/SolCalc, Tests/SunlightCalculatorTest.cs).
    /// - Tromsø (69.65 N) polar night around the December solstice and midnight sun around the June
    ///   solstice (sun below/above the horizon all day: Norwegian Meteorological Institute almanac facts).
    /// </summary>
    [TestClass]
    public sealed class SolarCalculatorTests
    {
        private const float ToleranceMin = 2f;

        // The accuracy SolCalc states for its (NOAA-derived) times north of 72° latitude.
        private const float HighLatitudeToleranceMin = 10f;

        [TestMethod]
        [DataRow(2023, 1, 8, 7 * 60 + 46, 16 * 60 + 1, DisplayName = "Bellegem January")]
        [DataRow(2023, 6, 8, 3 * 60 + 36, 19 * 60 + 56, DisplayName = "Bellegem June")]
        [DataRow(2023, 7, 8, 3 * 60 + 45, 19 * 60 + 59, DisplayName = "Bellegem July")]
        [DataRow(2023, 12, 8, 7 * 60 + 34, 15 * 60 + 43, DisplayName = "Bellegem December")]
        public void SunriseAndSunsetMatchNoaaYearTable(int year, int month, int day, int sunriseUtcMin, int sunsetUtcMin)
        {
            var sun = new SolarDay();
            SolarCalculator.Compute(year, month, day, 50.50f, 3.16f, sun);

            Assert.AreEqual(SolarCrossing.Crosses, sun.Horizon);
            Assert.AreEqual(sunriseUtcMin, sun.SunriseMin, ToleranceMin, "sunrise");
            Assert.AreEqual(sunsetUtcMin, sun.SunsetMin, ToleranceMin, "sunset");
        }

        [TestMethod]
        public void CaliforniaWinterDayMatchesNoaaIncludingCivilTwilight()
        {
            var sun = new SolarDay();
            SolarCalculator.Compute(2024, 1, 28, 37.35f, -121.95f, sun);

            // PST = UTC-8: 06:46, 07:14, 17:27, 17:55 local; the evening events fall on the next UTC date.
            Assert.AreEqual(14 * 60 + 46, sun.CivilDawnMin, ToleranceMin, "civil dawn");
            Assert.AreEqual(15 * 60 + 14, sun.SunriseMin, ToleranceMin, "sunrise");
            Assert.AreEqual(1440 + 1 * 60 + 27, sun.SunsetMin, ToleranceMin, "sunset");
            Assert.AreEqual(1440 + 1 * 60 + 55, sun.CivilDuskMin, ToleranceMin, "civil dusk");
        }

        [TestMethod]
        public void SvalbardAbove60NorthAgreesWithinTheStatedHighLatitudeAccuracy()
        {
            var sun = new SolarDay();
            SolarCalculator.Compute(2024, 9, 10, 78.92f, 11.93f, sun);

            // CEST = UTC+2: civil dawn 01:53 local is 23:53 UTC of the day before. SolCalc states its
            // times are within ±10 min north of 72°, where the sun crosses the horizon at a shallow angle.
            Assert.AreEqual(SolarCrossing.Crosses, sun.Horizon);
            Assert.AreEqual(SolarCrossing.Crosses, sun.CivilTwilight);
            Assert.AreEqual(-7, sun.CivilDawnMin, HighLatitudeToleranceMin, "civil dawn");
            Assert.AreEqual(3 * 60 + 15, sun.SunriseMin, HighLatitudeToleranceMin, "sunrise");
            Assert.AreEqual(18 * 60 + 58, sun.SunsetMin, HighLatitudeToleranceMin, "sunset");
            Assert.AreEqual(21 * 60 + 57, sun.CivilDuskMin, HighLatitudeToleranceMin, "civil dusk");
        }

        [TestMethod]
        public void PolarNightHasNoSunriseButCivilTwilightAtNoon()
        {
            var sun = new SolarDay();
            SolarCalculator.Compute(2024, 12, 21, 69.65f, 18.96f, sun);

            Assert.AreEqual(SolarCrossing.AlwaysBelow, sun.Horizon);
            Assert.AreEqual(SolarCrossing.Crosses, sun.CivilTwilight);
            Assert.IsTrue(sun.CivilDawnMin < sun.SolarNoonMin && sun.SolarNoonMin < sun.CivilDuskMin);
        }

        [TestMethod]
        public void MidnightSunHasNoSunset()
        {
            var sun = new SolarDay();
            SolarCalculator.Compute(2024, 6, 21, 69.65f, 18.96f, sun);

            Assert.AreEqual(SolarCrossing.AlwaysAbove, sun.Horizon);
            Assert.AreEqual(SolarCrossing.AlwaysAbove, sun.CivilTwilight);
        }

        /// <summary>At the poles the sun circles at an elevation equal to its declination (±23.4° at the
        /// solstices): day all day at the summer pole, night at the other. cos(90°) is a hair below
        /// zero in float, which once turned both answers round.</summary>
        [TestMethod]
        [DataRow(90f, 6, SolarCrossing.AlwaysAbove)]
        [DataRow(-90f, 6, SolarCrossing.AlwaysBelow)]
        [DataRow(90f, 12, SolarCrossing.AlwaysBelow)]
        [DataRow(-90f, 12, SolarCrossing.AlwaysAbove)]
        [DataRow(89.99f, 6, SolarCrossing.AlwaysAbove)]
        [DataRow(-89.99f, 6, SolarCrossing.AlwaysBelow)]
        public void ThePolesHaveDayOrNightAllDayAtTheSolstices(float latitude, int month, SolarCrossing expected)
        {
            var sun = new SolarDay();
            SolarCalculator.Compute(2026, month, 21, latitude, 0f, sun);

            Assert.AreEqual(expected, sun.Horizon);
            Assert.AreEqual(expected, sun.CivilTwilight);
        }

        [TestMethod]
        public void RejectsImpossibleCoordinates()
        {
            var sun = new SolarDay();
            Assert.ThrowsExactly<System.ArgumentOutOfRangeException>(() => SolarCalculator.Compute(2024, 6, 21, 91f, 0f, sun));
            Assert.ThrowsExactly<System.ArgumentOutOfRangeException>(() => SolarCalculator.Compute(2024, 6, 21, 0f, 181f, sun));
        }
    }
}
