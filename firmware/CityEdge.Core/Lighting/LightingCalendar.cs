using System;
using System.Collections;

namespace CityEdge.Lighting
{
    /// <summary>
    /// Which day program runs on which night. Precedence, highest first: a special date with a year
    /// (a one-off event), a special date every year (a public holiday), then day-of-week entries in the
    /// order they were added. The night belongs to the date of its evening (Friday night = Friday).
    /// </summary>
    public sealed class LightingCalendar
    {
        /// <summary>Bit of <see cref="DayOfWeek"/> in a day mask.</summary>
        public const int Sunday = 1 << 0;
        public const int Monday = 1 << 1;
        public const int Tuesday = 1 << 2;
        public const int Wednesday = 1 << 3;
        public const int Thursday = 1 << 4;
        public const int Friday = 1 << 5;
        public const int Saturday = 1 << 6;
        public const int EveryDay = 0x7F;

        private readonly ArrayList _weekly = new ArrayList();
        private readonly ArrayList _dates = new ArrayList();

        /// <summary>Runs <paramref name="program"/> on the nights whose evening falls on a day in <paramref name="dayMask"/>.</summary>
        public void AddWeekly(int dayMask, DayProgram program)
        {
            if (dayMask <= 0 || dayMask > EveryDay || program == null)
            {
                throw new ArgumentException("a weekly entry needs a day mask 1..0x7F and a program", "dayMask");
            }

            _weekly.Add(new Entry(program, dayMask, 0, 0, 0));
        }

        /// <summary>Runs <paramref name="program"/> on the night of one date; <paramref name="year"/> 0 = every year.</summary>
        public void AddDate(int year, int month, int day, DayProgram program)
        {
            if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || program == null)
            {
                throw new ArgumentException("a dated entry needs month 1..12, day 1..31, year >= 0 and a program", "month");
            }

            _dates.Add(new Entry(program, 0, year, month, day));
        }

        /// <summary>Forgets every entry (e.g. before a new calendar arrives from the command centre).</summary>
        public void Clear()
        {
            _weekly.Clear();
            _dates.Clear();
        }

        /// <summary>The program for the night starting on this local date, or null when none applies.</summary>
        public DayProgram ProgramFor(int year, int month, int day)
        {
            DayProgram annual = null;
            for (int i = 0; i < _dates.Count; i++)
            {
                Entry entry = (Entry)_dates[i];
                if (entry.Month == month && entry.Day == day)
                {
                    if (entry.Year == year)
                    {
                        return entry.Program;
                    }

                    if (entry.Year == 0 && annual == null)
                    {
                        annual = entry.Program;
                    }
                }
            }

            if (annual != null)
            {
                return annual;
            }

            int bit = 1 << (int)new DateTime(year, month, day).DayOfWeek;
            for (int i = 0; i < _weekly.Count; i++)
            {
                Entry entry = (Entry)_weekly[i];
                if ((entry.DayMask & bit) != 0)
                {
                    return entry.Program;
                }
            }

            return null;
        }

        private sealed class Entry
        {
            public Entry(DayProgram program, int dayMask, int year, int month, int day)
            {
                Program = program;
                DayMask = dayMask;
                Year = year;
                Month = month;
                Day = day;
            }

            public DayProgram Program { get; }

            public int DayMask { get; }

            public int Year { get; }

            public int Month { get; }

            public int Day { get; }
        }
    }
}
