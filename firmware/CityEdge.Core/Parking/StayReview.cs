namespace CityEdge.Parking
{
    /// <summary>What <see cref="StayReview.Examine"/> found.</summary>
    public enum StayVerdict
    {
        /// <summary>The stay has not reached its review time.</summary>
        NotDue,

        /// <summary>Every axis spanned less than <see cref="BayDetectorSettings.StaticSpanUt"/>: neither noise
        /// nor drift, so the sensor is not trusted.</summary>
        Static,

        /// <summary>The field is alive: a genuinely long stay (the next review is scheduled).</summary>
        Alive,
    }

    /// <summary>
    /// The stuck-occupied watchdog of one bay: records the span of the field during a stay and, when the
    /// stay reaches <see cref="BayDetectorSettings.MaxStayMs"/>, re-examines it. A real sensor under a
    /// parked car still shows noise and the daily temperature drift; a field that moved less than
    /// <see cref="BayDetectorSettings.StaticSpanUt"/> on every axis is not trusted.
    /// </summary>
    public sealed class StayReview
    {
        private readonly BayDetectorSettings _settings;
        private readonly FieldRange _range = new FieldRange();
        private long _reviewAtMs;

        public StayReview(BayDetectorSettings settings)
        {
            _settings = settings;
        }

        /// <summary>Reviews that found the field static.</summary>
        public int WatchdogCount { get; private set; }

        /// <summary>Reviews that found a live field.</summary>
        public int LongStayCount { get; private set; }

        /// <summary>How long the stay had lasted at the last review, ms.</summary>
        public long StayMs { get; private set; }

        /// <summary>Largest per-axis span of the field during the last reviewed period, µT.</summary>
        public float SpanUt { get; private set; }

        /// <summary>The stay is reviewed at <paramref name="atMs"/> (monotonic ms).</summary>
        public void Schedule(long atMs)
        {
            _reviewAtMs = atMs;
        }

        /// <summary>Starts recording the span from <paramref name="field"/>.</summary>
        public void Begin(FieldVector field)
        {
            _range.Start(field);
        }

        public void Widen(FieldVector reading)
        {
            _range.Widen(reading);
        }

        /// <summary>Reviews the stay that began at <paramref name="stayStartMs"/> if it is due; a live field
        /// schedules the next review and starts a new span from <paramref name="reading"/>.</summary>
        public StayVerdict Examine(long nowMs, long stayStartMs, FieldVector reading)
        {
            if (nowMs < _reviewAtMs)
            {
                return StayVerdict.NotDue;
            }

            float span = _range.LargestSpanUt;
            StayMs = nowMs - stayStartMs;
            SpanUt = span;
            if (span < _settings.StaticSpanUt)
            {
                WatchdogCount++;
                return StayVerdict.Static;
            }

            LongStayCount++;
            _reviewAtMs = nowMs + _settings.MaxStayMs;
            Begin(reading);
            return StayVerdict.Alive;
        }
    }
}
