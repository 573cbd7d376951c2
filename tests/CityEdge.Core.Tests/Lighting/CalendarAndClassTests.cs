using CityEdge.Lighting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Lighting
{
    [TestClass]
    public sealed class CalendarAndClassTests
    {
        private static DayProgram Program(string name) => new DayProgram(name, new[] { new ProgramStep(StepAnchor.Sunset, 0, 50f, 0) });

        [TestMethod]
        public void DatedEntryBeatsAnnualBeatsWeekly()
        {
            var calendar = new LightingCalendar();
            DayProgram weekday = Program("weekday");
            DayProgram weekend = Program("weekend");
            DayProgram newYear = Program("new-year");
            DayProgram festival = Program("festival-2026");
            calendar.AddWeekly(LightingCalendar.EveryDay & ~(LightingCalendar.Friday | LightingCalendar.Saturday), weekday);
            calendar.AddWeekly(LightingCalendar.Friday | LightingCalendar.Saturday, weekend);
            calendar.AddDate(0, 12, 31, newYear);
            calendar.AddDate(2026, 12, 31, festival);

            Assert.AreSame(weekday, calendar.ProgramFor(2026, 11, 23), "Monday");
            Assert.AreSame(weekend, calendar.ProgramFor(2026, 11, 27), "Friday evening");
            Assert.AreSame(weekend, calendar.ProgramFor(2026, 11, 28), "Saturday evening");
            Assert.AreSame(weekday, calendar.ProgramFor(2026, 11, 29), "Sunday evening");
            Assert.AreSame(festival, calendar.ProgramFor(2026, 12, 31), "the dated entry wins over the annual one");
            Assert.AreSame(newYear, calendar.ProgramFor(2027, 12, 31), "other years: the annual entry");
        }

        [TestMethod]
        public void FirstWeeklyEntryWinsAndAnEmptyCalendarHasNoProgram()
        {
            var calendar = new LightingCalendar();
            Assert.IsNull(calendar.ProgramFor(2026, 11, 23));
            DayProgram first = Program("first");
            calendar.AddWeekly(LightingCalendar.Monday, first);
            calendar.AddWeekly(LightingCalendar.EveryDay, Program("second"));
            Assert.AreSame(first, calendar.ProgramFor(2026, 11, 23));
        }

        [TestMethod]
        public void Weekend_programStartsTheNightLater()
        {
            LightingSettings s = Street.Settings();
            var c = new LampController(s, s.CreateDefaultCalendar());
            // Friday 2026-11-27, 21:30Z = 22:30 local: weekday programs are at night level, the weekend one still at evening level.
            var friday = new System.DateTime(2026, 11, 27, 21, 30, 0, System.DateTimeKind.Utc);
            Assert.AreEqual(40f, c.Update(0, true, friday, false, 0f));
            var thursday = new System.DateTime(2026, 11, 26, 21, 30, 0, System.DateTimeKind.Utc);
            Assert.AreEqual(27f, c.Update(1, true, thursday, false, 0f));
        }

        [TestMethod]
        public void ASpecialDateAddedLaterTakesEffectAfterReplanning()
        {
            LightingSettings s = Street.Settings();
            var c = new LampController(s, s.CreateDefaultCalendar());
            var night = new System.DateTime(2026, 11, 23, 23, 0, 0, System.DateTimeKind.Utc);
            Assert.AreEqual(27f, c.Update(0, true, night, false, 0f));
            c.Calendar.AddDate(2026, 11, 23, new DayProgram("market", new[] { new ProgramStep(StepAnchor.Sunset, 0, 80f, 0) }));
            c.CalendarChanged();
            Assert.AreEqual(80f, c.Update(1, true, night, false, 0f));
        }

        [TestMethod]
        public void ClassMinimumIsTheRatioOfEn13201Averages()
        {
            // EN 13201-2 Table 3: P6 2 lx, P3 7.5 lx → 26.7 %, rounded up. Table 1: M5 0.5, M3 1.0 cd/m² → 50 %.
            Assert.AreEqual(27, LightingClass.MinimumLevelPct("P6", "P3", out string problem));
            Assert.IsNull(problem);
            Assert.AreEqual(50, LightingClass.MinimumLevelPct("M5", "M3", out problem));
            Assert.AreEqual(20, LightingClass.MinimumLevelPct("P5", "P1", out problem), "3 / 15 lx");
            Assert.AreEqual(-1, LightingClass.MinimumLevelPct("P1", "P3", out problem));
            StringAssert.Contains(problem, "needs more light");
            Assert.AreEqual(-1, LightingClass.MinimumLevelPct("M4", "P3", out problem));
            Assert.AreEqual(-1, LightingClass.MinimumLevelPct("P7", "P3", out problem));
        }
    }
}
