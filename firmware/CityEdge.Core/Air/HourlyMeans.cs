using System;

namespace CityEdge.Air
{
    /// <summary>
    /// Means of one pollutant per clock hour for the last <see cref="NowCast.Hours"/> hours, the
    /// current (still open) hour first. Hours with no measurement stay missing (-1), so a gap in
    /// the data is a gap in the NowCast, never a zero. Fixed arrays: adding allocates nothing.
    /// </summary>
    public sealed class HourlyMeans
    {
        private const long HourMs = 3600000;

        private readonly float[] _sums = new float[NowCast.Hours];
        private readonly int[] _counts = new int[NowCast.Hours];
        private readonly float[] _means = new float[NowCast.Hours];
        private long _currentHour = -1;

        /// <summary>Adds a measurement taken at <paramref name="nowMs"/> (monotonic; hour = nowMs / 3 600 000).</summary>
        public void Add(long nowMs, float valueUgM3)
        {
            AdvanceTo(nowMs);
            _sums[0] += valueUgM3;
            _counts[0]++;
        }

        /// <summary>Moves the open hour to the one containing <paramref name="nowMs"/>, shifting older hours back.</summary>
        public void AdvanceTo(long nowMs)
        {
            long hour = nowMs / HourMs;
            if (_currentHour < 0)
            {
                _currentHour = hour;
                return;
            }

            long shift = hour - _currentHour;
            if (shift <= 0)
            {
                return;
            }

            int keep = shift >= NowCast.Hours ? 0 : NowCast.Hours - (int)shift;
            for (int i = NowCast.Hours - 1; i >= NowCast.Hours - keep; i--)
            {
                _sums[i] = _sums[i - (NowCast.Hours - keep)];
                _counts[i] = _counts[i - (NowCast.Hours - keep)];
            }

            for (int i = 0; i < NowCast.Hours - keep; i++)
            {
                _sums[i] = 0;
                _counts[i] = 0;
            }

            _currentHour = hour;
        }

        /// <summary>The mean of the hour <paramref name="hoursAgo"/> before the open one (0 = open
        /// hour so far), or -1 when that hour has no measurement.</summary>
        public float MeanUgM3(int hoursAgo)
        {
            if (hoursAgo < 0 || hoursAgo >= NowCast.Hours)
            {
                throw new ArgumentOutOfRangeException("hoursAgo", "0.." + (NowCast.Hours - 1) + ", got " + hoursAgo);
            }

            return _counts[hoursAgo] == 0 ? -1 : _sums[hoursAgo] / _counts[hoursAgo];
        }

        /// <summary>Copies every hour's mean (or -1) into a reused array, newest first, for <see cref="NowCast.Compute"/>.</summary>
        public float[] Means()
        {
            for (int i = 0; i < NowCast.Hours; i++)
            {
                _means[i] = MeanUgM3(i);
            }

            return _means;
        }

        /// <summary>The latest 1-hour mean: the open hour's, or the previous hour's while the open one is empty; -1 if neither.</summary>
        public float LatestUgM3()
        {
            float open = MeanUgM3(0);
            return open >= 0 ? open : MeanUgM3(1);
        }
    }
}
