namespace CityEdge.Parking
{
    /// <summary>
    /// What the traffic driving past does to one bay's sensor, so that a vehicle in the lane (driving past
    /// slowly, queueing at a traffic light, a bus at a stop) is not taken for one parking in the bay. Learned
    /// while the bay is free, from every excursion of the field that comes back within <see cref="PulseMaxMs"/>
    /// (a vehicle driving past); no memory beyond a few numbers, no allocation.
    /// <list type="bullet">
    /// <item><see cref="EnvelopeUt"/>: the <see cref="EnvelopeQuantile"/> quantile of the pulses' peaks (a
    /// step-wise quantile estimator).</item>
    /// <item><see cref="PulsesPerHour"/>: how many pulses of at least half the occupy threshold pass.</item>
    /// <item><see cref="BusyUt"/>: the <see cref="BusyQuantile"/> quantile of how far the free bay's readings
    /// stray from its settled field.</item>
    /// </list>
    /// The lane is <see cref="IsBusy"/> when its pulses reach the occupy threshold here and come often (a busy
    /// street 1–3 m away by day); beside a quiet lane nothing here applies. Beside a busy lane a step is
    /// <see cref="IsLaneLike"/> when it is no larger than <see cref="EnvelopeShare"/> × the envelope, or when a
    /// neighbour's field stood at least <see cref="NeighbourShare"/> of it away from its own settled field at the
    /// same time: a vehicle in the lane stands beside several sensors (a bus or lorry is longer than the bay
    /// pitch, a queue fills the lane), one parked in a bay moves its neighbours' fields by a few per cent of its
    /// own step. The detector makes a lane-like step stand <see cref="BayDetectorSettings.WeakHoldMs"/>, longer
    /// than a queue stands, before it counts.
    /// </summary>
    public sealed class LaneTraffic
    {
        /// <summary>Longest excursion taken for a vehicle driving past (a bus at 10 km/h passes in ~5 s).</summary>
        public const int PulseMaxMs = 10000;

        /// <summary>Quantile of the pulse peaks the envelope tracks.</summary>
        public const float EnvelopeQuantile = 0.9f;

        /// <summary>Steps up to this multiple of the envelope are lane-like.</summary>
        public const float EnvelopeShare = 1.5f;

        /// <summary>A neighbour's excursion of at least this share of the step here makes the step lane-like.</summary>
        public const float NeighbourShare = 0.25f;

        /// <summary>The lane is busy when at least this many pulses of half the occupy threshold or more pass in an
        /// hour: heavy vehicles beside a busy street by day (tens an hour), not the odd bus, spike or neighbour's
        /// manoeuvre beside a quiet one (a few an hour).</summary>
        public const float BusyPulsesPerHour = 12f;

        /// <summary>Quantile of the per-reading excursion that <see cref="BusyUt"/> tracks.</summary>
        public const float BusyQuantile = 0.95f;

        // The envelope estimator's step per pulse, µT: it settles within a few hundred vehicles.
        private const float EnvelopeStepUt = 0.05f;

        // The busy estimator's step per reading, µT: rises within minutes when traffic gets going, sinks over
        // about an hour.
        private const float BusyStepUt = 0.02f;

        // Time constant of the pulse rate's exponential average.
        private const float RateTauMs = 3600000f;

        // Only the time the free bay is watched counts, not a stay or an outage in between.
        private const long MaxObservedStepMs = 10000;

        private readonly BayDetectorSettings _settings;
        private bool _hasObserved;
        private long _lastObservedMs;
        private bool _inPulse;
        private long _pulseStartMs;
        private float _pulsePeakUt;

        public LaneTraffic(BayDetectorSettings settings)
        {
            _settings = settings;
        }

        /// <summary>The <see cref="EnvelopeQuantile"/> quantile of the peaks of recent pulses at this sensor, µT.</summary>
        public float EnvelopeUt { get; set; }

        /// <summary>Pulses of at least half the occupy threshold per hour of watching the free bay (exponential
        /// average over about an hour).</summary>
        public float PulsesPerHour { get; set; }

        /// <summary>The <see cref="BusyQuantile"/> quantile of how far readings of the free bay stray from its settled
        /// field, µT: how often and how much the traffic disturbs this sensor (~0 beside a quiet lane, several µT
        /// beside a queue 1 m away at rush hour).</summary>
        public float BusyUt { get; set; }

        /// <summary>True when vehicles driving past make steps of the occupy threshold here, and often.</summary>
        public bool IsBusy
        {
            get { return EnvelopeShare * EnvelopeUt >= _settings.OccupyUt && PulsesPerHour >= BusyPulsesPerHour; }
        }

        /// <summary>True while the traffic moves the free bay's field by a weak vehicle's worth
        /// (<see cref="BayDetectorSettings.WeakOccupyUt"/>) more than one reading in twenty: no weak step can be
        /// told from it.</summary>
        public bool HidesWeakSteps
        {
            get { return BusyUt >= _settings.WeakOccupyUt; }
        }

        /// <summary>One reading of a free bay: <paramref name="stable"/> whether it lay near the settled field,
        /// <paramref name="excursionUt"/> its distance from the last settled field.</summary>
        public void Observe(long nowMs, bool stable, float excursionUt)
        {
            long stepMs = _hasObserved && nowMs > _lastObservedMs ? nowMs - _lastObservedMs : 0;
            stepMs = stepMs > MaxObservedStepMs ? MaxObservedStepMs : stepMs;
            _hasObserved = true;
            _lastObservedMs = nowMs;
            PulsesPerHour -= PulsesPerHour * stepMs / RateTauMs;
            BusyUt = StepQuantile(BusyUt, excursionUt, BusyQuantile, BusyStepUt);
            if (!stable)
            {
                if (!_inPulse)
                {
                    _inPulse = true;
                    _pulseStartMs = nowMs;
                    _pulsePeakUt = 0f;
                }

                if (excursionUt > _pulsePeakUt)
                {
                    _pulsePeakUt = excursionUt;
                }

                return;
            }

            if (_inPulse)
            {
                _inPulse = false;
                if (nowMs - _pulseStartMs <= PulseMaxMs)
                {
                    EnvelopeUt = StepQuantile(EnvelopeUt, _pulsePeakUt, EnvelopeQuantile, EnvelopeStepUt);
                    if (_pulsePeakUt >= _settings.OccupyUt / 2f)
                    {
                        PulsesPerHour += 3600000f / RateTauMs;
                    }
                }
            }
        }

        /// <summary>True when, beside a busy lane, a step of <paramref name="stepUt"/> here, with a neighbour's field
        /// <paramref name="neighbourExcursionUt"/> away from its settled field, may be a vehicle in the lane.</summary>
        public bool IsLaneLike(float stepUt, float neighbourExcursionUt)
        {
            return IsBusy && (stepUt <= EnvelopeShare * EnvelopeUt || neighbourExcursionUt >= NeighbourShare * stepUt);
        }

        /// <summary>One step of a quantile estimator: up by step × q when the sample lies above the estimate, down by
        /// step × (1 − q) otherwise; it settles where a share q of the samples lies below it.</summary>
        private static float StepQuantile(float estimate, float sample, float quantile, float stepUt)
        {
            float next = estimate + (sample > estimate ? stepUt * quantile : -stepUt * (1f - quantile));
            return next < 0f ? 0f : next;
        }
    }
}
