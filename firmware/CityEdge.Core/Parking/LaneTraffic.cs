using System;

namespace CityEdge.Parking
{
    /// <summary>
    /// What the traffic driving past does to one bay's sensor, so that a vehicle in the lane (driving past
    /// slowly, queueing at a traffic light, a bus at a stop) is not taken for one parking in the bay. Learned
    /// while the bay is free and while it is occupied (pulses add to a parked car's field alike), from every
    /// excursion of the field that comes back within <see cref="PulseMaxMs"/> (a vehicle driving past); no
    /// memory beyond a few numbers, no allocation.
    /// <list type="bullet">
    /// <item><see cref="EnvelopeUt"/>: the <see cref="EnvelopeQuantile"/> quantile of the pulses' peaks (a
    /// step-wise quantile estimator).</item>
    /// <item><see cref="PulsesPerHour"/>: how many pulses of at least half the occupy threshold pass.</item>
    /// <item><see cref="BusyUt"/>: the <see cref="BusyQuantile"/> quantile of how far the free bay's readings
    /// stray from its settled field.</item>
    /// <item><see cref="PulseDirection"/>: which way the pulses move the field here (a vehicle in the lane stands
    /// beside the sensor, not over it, so its field here points much the same way wherever it is).</item>
    /// </list>
    /// The lane is <see cref="IsBusy"/> when its pulses reach the occupy threshold here and come often (a busy
    /// street 1–3 m away by day); beside a quiet lane nothing here applies. Beside a busy lane a step is within the
    /// lane's reach when it is no larger than <see cref="EnvelopeShare"/> × the envelope, or when a neighbour's
    /// field stood at least <see cref="NeighbourShare"/> of it away from its own settled field at the same time: a
    /// vehicle in the lane stands beside several sensors (a bus or lorry is longer than the bay pitch, a queue
    /// fills the lane), one parked in a bay moves its neighbours' fields by a few per cent of its own step. Once the
    /// pulses' direction is known, a step within reach that points elsewhere is not the lane's, and a larger step
    /// close to its axis is (<see cref="IsLaneLikeArrival"/>, <see cref="IsLaneLikeDeparture"/>). The detector makes
    /// a lane-like step stand <see cref="BayDetectorSettings.WeakHoldMs"/>, longer than a queue stands, before it
    /// counts.
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

        /// <summary>The pulses' direction is known once <see cref="PulseDirection"/>, a mean of unit vectors, is at
        /// least this long: they point the same way often enough (beside the scenario's busy lanes it stands at
        /// about 0.2-0.9, 0.6 typically).</summary>
        public const float KnownDirectionLength = 0.3f;

        /// <summary>A step within the lane's reach points away from its pulses when its component along their
        /// direction is under this share of the envelope (or against it)...</summary>
        public const float AwayAlongShare = 0.5f;

        /// <summary>... or its component across their direction is at least this share of the envelope.</summary>
        public const float AwayAcrossShare = 2f;

        /// <summary>A step pointing away from the lane's pulses is still the lane's while a neighbour's field stands at
        /// least this share of the step off the level its own state expects (a queue stands beside it too), if the step
        /// is within <see cref="LaneReachShare"/> envelopes.</summary>
        public const float DisplacedShare = 0.15f;

        /// <summary>The largest step, in envelopes, that a vehicle standing in the lane makes here (queues' steps stay
        /// within about three).</summary>
        public const float LaneReachShare = 3f;

        /// <summary>A step beyond the envelope's reach is still the lane's when it lies this close (in envelopes) to the
        /// pulses' axis, and within <see cref="LaneReachShare"/> envelopes along it.</summary>
        public const float AxisAcrossShare = 0.75f;

        /// <summary>A departure-like step within the lane's reach with at least this share of the envelope across the
        /// pulses' direction is the parked vehicle leaving, not a vehicle in the lane cancelling its field.</summary>
        public const float DepartureAcrossShare = 1f;

        // Each pulse moves the direction this share of the way towards its own: a mean over about 50 pulses.
        private const float DirectionRate = 0.02f;

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
        private readonly FieldVector _pulsePeak = new FieldVector();
        private readonly FieldVector _direction = new FieldVector();

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

        /// <summary>The mean of the unit vectors of the pulses' peak excursions (pulses of at least half the occupy
        /// threshold): which way a vehicle in the lane moves the field at this sensor; its length says how
        /// consistently (1: always the same way). Relearned after a reboot (it is not saved).</summary>
        public FieldVector PulseDirection
        {
            get { return _direction; }
        }

        /// <summary>True once the pulses' direction is known (<see cref="KnownDirectionLength"/>).</summary>
        public bool KnowsDirection
        {
            get { return !_direction.IsWithin(KnownDirectionLength); }
        }

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

        /// <summary>One reading: <paramref name="stable"/> whether it lay near the settled field, <paramref name="excursion"/>
        /// the reading less the last settled field (ignored while stable).</summary>
        public void Observe(long nowMs, bool stable, FieldVector excursion)
        {
            float excursionUt = stable ? 0f : excursion.Magnitude;
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
                    _pulsePeak.CopyFrom(excursion);
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
                        LearnDirection();
                    }
                }
            }
        }

        /// <summary>True when, beside a busy lane, an arrival-like <paramref name="step"/> (of length
        /// <paramref name="stepUt"/>) here may be a vehicle standing in the lane: within the lane's reach (with a
        /// neighbour's field <paramref name="neighbourExcursionUt"/> away from its settled field) and not pointing away
        /// from the pulses' direction, unless a neighbour's field stands <paramref name="neighbourDisplacementUt"/> off
        /// the level its state expects; or beyond that reach but close to the pulses' axis.</summary>
        public bool IsLaneLikeArrival(FieldVector step, float stepUt, float neighbourExcursionUt, float neighbourDisplacementUt)
        {
            if (!IsBusy)
            {
                return false;
            }

            bool withinReach = IsWithinReach(stepUt, neighbourExcursionUt);
            if (!KnowsDirection)
            {
                return withinReach;
            }

            float alongUt;
            float acrossUt;
            Split(step, stepUt, out alongUt, out acrossUt);
            if (withinReach)
            {
                // A vehicle over the sensor moves the field its own way (its steel is above the sensor, a vehicle in
                // the lane's beside it), a motorbike's often against the lane's pulses: decided at once, unless the
                // neighbours' fields stand off their levels too (a queue beside them as well).
                bool pointsAway = alongUt < AwayAlongShare * EnvelopeUt || acrossUt >= AwayAcrossShare * EnvelopeUt;
                bool queueBesideNeighbours = stepUt < LaneReachShare * EnvelopeUt && neighbourDisplacementUt >= DisplacedShare * stepUt;
                return !pointsAway || queueBesideNeighbours;
            }

            // Straight along the pulses' axis, either way (a lorry stopping close by, a queue moving up): at the row's
            // ends, with one neighbour to tell or none, such steps made an event pair at every red.
            return Math.Abs(alongUt) < LaneReachShare * EnvelopeUt && acrossUt < AxisAcrossShare * EnvelopeUt;
        }

        /// <summary>True when, beside a busy lane, a departure-like <paramref name="step"/> (of length
        /// <paramref name="stepUt"/>) here may be a vehicle in the lane cancelling the parked one's field: within the
        /// lane's reach (with a neighbour's field standing <paramref name="neighbourStandingUt"/> away from its settled
        /// field) and, once the pulses' direction is known, not far across it.</summary>
        public bool IsLaneLikeDeparture(FieldVector step, float stepUt, float neighbourStandingUt)
        {
            if (!IsBusy || !IsWithinReach(stepUt, neighbourStandingUt))
            {
                return false;
            }

            if (!KnowsDirection)
            {
                return true;
            }

            float alongUt;
            float acrossUt;
            Split(step, stepUt, out alongUt, out acrossUt);
            return acrossUt < DepartureAcrossShare * EnvelopeUt;
        }

        private bool IsWithinReach(float stepUt, float neighbourExcursionUt)
        {
            return stepUt <= EnvelopeShare * EnvelopeUt || neighbourExcursionUt >= NeighbourShare * stepUt;
        }

        /// <summary>Splits <paramref name="step"/> into its components along and across <see cref="PulseDirection"/>.</summary>
        private void Split(FieldVector step, float stepUt, out float alongUt, out float acrossUt)
        {
            float length = _direction.Magnitude;
            alongUt = ((step.X * _direction.X) + (step.Y * _direction.Y) + (step.Z * _direction.Z)) / length;
            float across = (stepUt * stepUt) - (alongUt * alongUt);
            acrossUt = across > 0f ? (float)Math.Sqrt(across) : 0f;
        }

        /// <summary>Moves <see cref="PulseDirection"/> towards the unit vector of the pulse that just ended.</summary>
        private void LearnDirection()
        {
            float toUnit = DirectionRate / _pulsePeakUt;
            _direction.X += (_pulsePeak.X * toUnit) - (_direction.X * DirectionRate);
            _direction.Y += (_pulsePeak.Y * toUnit) - (_direction.Y * DirectionRate);
            _direction.Z += (_pulsePeak.Z * toUnit) - (_direction.Z * DirectionRate);
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
