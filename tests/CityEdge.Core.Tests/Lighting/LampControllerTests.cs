using System;
using CityEdge.Lighting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Lighting
{
    /// <summary>
    /// The controller on Monday 2026-11-23 in Amsterdam: sunset 15:37:51Z and sunrise 07:16:52Z next
    /// day (see `cityedge astro`), night level from 22:00 local = 21:00Z, morning from 06:00 = 05:00Z.
    /// Defaults: class minimum 27 % (P6 on a P3 lamp: 2 / 7.5 lx), evening 40 %, boost 67 %, ramp up
    /// 1.5 s, hold 30 s, ramp down 20 s, step ramp 300 s.
    /// </summary>
    [TestClass]
    public sealed class LampControllerTests
    {
        private static readonly DateTime Start = Street.Utc(23, 12, 0);

        private static long Ms(DateTime utc) => (long)(utc - Start).TotalMilliseconds;

        private static float At(LampController c, DateTime utc) => c.Update(Ms(utc), true, utc, false, 0f);

        private static LampController Controller(LightingSettings? s = null)
        {
            LightingSettings settings = s ?? Street.Settings();
            return new LampController(settings, settings.CreateDefaultCalendar());
        }

        [TestMethod]
        public void SwitchesOnAtSunsetAtTheEveningLevelAndOffAtSunrise()
        {
            LampController c = Controller();
            Assert.AreEqual(0f, At(c, Street.Utc(23, 15, 30)));
            Assert.IsFalse(c.ShouldBeLit);
            Assert.AreEqual(40f, At(c, Street.Utc(23, 15, 38)));
            Assert.IsTrue(c.ShouldBeLit);
            Assert.AreEqual(LightingMode.Schedule, c.Mode);
            Assert.AreEqual(40f, At(c, Street.Utc(24, 7, 16)), "morning level until sunrise");
            Assert.AreEqual(0f, At(c, Street.Utc(24, 7, 18)));
        }

        [TestMethod]
        public void NightStepRampsButNeverBelowTheClassMinimum()
        {
            LampController c = Controller();
            // 21:02:30Z is half way down the 300 s ramp from 40 % to 0 %: 20 %, floored to the class's 27 %.
            Assert.AreEqual(40f, At(c, Street.Utc(23, 21, 0)));
            Assert.AreEqual(27f, At(c, Street.Utc(23, 21, 2, 30)));
            Assert.AreEqual(20f, c.Plan.ScheduledLevelPct(CityEdge.Lighting.NightPlan.UnixSeconds(Street.Utc(23, 21, 2, 30))), 0.001f);
            Assert.AreEqual(27f, At(c, Street.Utc(24, 3, 0)));
            // Morning: 05:01Z is 60 s into the 300 s ramp from 0 % to 40 %: 8 % scheduled, 27 % lit.
            Assert.AreEqual(8f, c.Plan.ScheduledLevelPct(CityEdge.Lighting.NightPlan.UnixSeconds(Street.Utc(24, 5, 1))), 0.001f);
            Assert.AreEqual(40f, At(c, Street.Utc(24, 5, 5)));
        }

        [TestMethod]
        public void PresenceRampsToBoostHoldsAndRampsBack()
        {
            LampController c = Controller();
            DateTime t0 = Street.Utc(24, 1, 0);
            Assert.AreEqual(27f, At(c, t0));
            c.OnPresence(Ms(t0));
            // Linear 27 → 67 over 1500 ms: 47 % at 750 ms, 67 % at 1500 ms.
            Assert.AreEqual(47f, At(c, t0.AddMilliseconds(750)), 0.01f);
            Assert.AreEqual(67f, At(c, t0.AddMilliseconds(1500)), 0.01f);
            // Held 30 s after the boost is reached, then 67 → 27 over 20 s: 47 % half way.
            Assert.AreEqual(67f, At(c, t0.AddMilliseconds(31499)), 0.01f);
            Assert.AreEqual(47f, At(c, t0.AddMilliseconds(41500)), 0.01f);
            Assert.AreEqual(27f, At(c, t0.AddMilliseconds(51500)), 0.01f);
        }

        [TestMethod]
        public void PresenceDuringRampDownReachesBoostWithinTheRampTimeAgain()
        {
            LampController c = Controller();
            DateTime t0 = Street.Utc(24, 1, 0);
            At(c, t0);
            c.OnPresence(Ms(t0));
            DateTime t1 = t0.AddMilliseconds(41500);
            Assert.AreEqual(47f, At(c, t1), 0.01f);
            c.OnPresence(Ms(t1));
            Assert.AreEqual(57f, At(c, t1.AddMilliseconds(750)), 0.01f, "47 → 67 over 1500 ms");
            Assert.AreEqual(67f, At(c, t1.AddMilliseconds(1500)), 0.01f);
        }

        [TestMethod]
        public void PresenceByDayDoesNothing()
        {
            LampController c = Controller();
            DateTime noon = Street.Utc(24, 12, 0);
            At(c, noon);
            c.OnPresence(Ms(noon));
            Assert.AreEqual(0f, At(c, noon.AddSeconds(2)));
        }

        [TestMethod]
        public void OverridesExpireAndLevelOverridesRespectTheClassMinimum()
        {
            LampController c = Controller();
            DateTime t0 = Street.Utc(24, 1, 0);
            At(c, t0);
            c.SetOverride(OverrideKind.On, 0f, 60, Ms(t0));
            Assert.AreEqual(100f, At(c, t0.AddSeconds(59)));
            Assert.AreEqual(LightingMode.Override, c.Mode);
            Assert.AreEqual(27f, At(c, t0.AddSeconds(60)), "expired: back to the night level");
            Assert.AreEqual(LightingMode.Schedule, c.Mode);
            Assert.IsFalse(c.HasOverride);

            c.SetOverride(OverrideKind.Level, 10f, 60, Ms(t0.AddSeconds(61)));
            Assert.AreEqual(27f, At(c, t0.AddSeconds(62)), "no command dims a lit street below its class");
            c.SetOverride(OverrideKind.Off, 0f, 600, Ms(t0.AddSeconds(63)));
            Assert.AreEqual(0f, At(c, t0.AddSeconds(64)), "explicit off for maintenance is obeyed");
            Assert.AreEqual(27f, At(c, t0.AddSeconds(663)));

            DateTime noon = Street.Utc(24, 12, 0);
            c.SetOverride(OverrideKind.Level, 10f, 60, Ms(noon));
            Assert.AreEqual(10f, At(c, noon), "by day a test level is allowed");
            Assert.AreEqual(0f, At(c, noon.AddSeconds(60)));
        }

        [TestMethod]
        public void NoClockAndNoAmbientSensorMeansFullLightDayAndNight()
        {
            LampController c = Controller();
            Assert.AreEqual(100f, c.Update(0, false, DateTime.MinValue, false, 0f));
            Assert.AreEqual(LightingMode.NoInputs, c.Mode);
            Assert.IsTrue(c.ShouldBeLit);
        }

        [TestMethod]
        public void NoPositionIsTreatedLikeNoClock()
        {
            LightingSettings s = Street.Settings();
            s.HasPosition = false;
            LampController c = Controller(s);
            Assert.AreEqual(100f, c.Update(0, true, Street.Utc(24, 12, 0), false, 0f));
            Assert.AreEqual(LightingMode.NoInputs, c.Mode);
        }

        [TestMethod]
        public void WithoutClockTheAmbientSensorSwitchesWithHysteresisAndPersistence()
        {
            LampController c = Controller();
            Assert.AreEqual(100f, c.Update(0, false, DateTime.MinValue, true, 5000f), "starts dark: no history is not daylight");
            Assert.AreEqual(LightingMode.Photocell, c.Mode);
            Assert.AreEqual(100f, c.Update(59999, false, DateTime.MinValue, true, 5000f));
            Assert.AreEqual(0f, c.Update(60000, false, DateTime.MinValue, true, 5000f), "light for 60 s");
            Assert.AreEqual(0f, c.Update(70000, false, DateTime.MinValue, true, 30f), "between the thresholds: no change");
            Assert.AreEqual(0f, c.Update(200000, false, DateTime.MinValue, true, 30f));
            Assert.AreEqual(0f, c.Update(210000, false, DateTime.MinValue, true, 10f));
            Assert.AreEqual(100f, c.Update(270000, false, DateTime.MinValue, true, 10f), "below 20 lx for 60 s");
        }

        [TestMethod]
        public void LostProgramLightsFromSunsetToSunriseAtFull()
        {
            LampController c = new LampController(Street.Settings(), new LightingCalendar());
            Assert.AreEqual(0f, At(c, Street.Utc(23, 14, 0)));
            Assert.AreEqual(LightingMode.NoProgram, c.Mode);
            Assert.AreEqual(100f, At(c, Street.Utc(24, 1, 0)));
        }

        [TestMethod]
        public void DarkDayLightsTheStreetAndFailReturnsFullLight()
        {
            LampController c = Controller();
            DateTime noon = Street.Utc(24, 12, 0);
            c.Update(Ms(noon), true, noon, true, 8000f);
            Assert.AreEqual(0f, c.Update(Ms(noon.AddSeconds(60)), true, noon.AddSeconds(60), true, 8000f));
            c.Update(Ms(noon.AddSeconds(61)), true, noon.AddSeconds(61), true, 8f);
            Assert.AreEqual(100f, c.Update(Ms(noon.AddSeconds(121)), true, noon.AddSeconds(121), true, 8f));
            Assert.AreEqual(LightingMode.DarkDay, c.Mode);

            Assert.AreEqual(100f, c.Fail());
            Assert.AreEqual(LightingMode.Fault, c.Mode);
        }
    }
}
