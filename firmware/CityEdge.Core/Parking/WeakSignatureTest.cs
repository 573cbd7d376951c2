namespace CityEdge.Parking
{
    /// <summary>What <see cref="WeakSignatureTest.Weigh"/> found.</summary>
    public enum WeakVerdict
    {
        None,

        /// <summary>A weak vehicle came at <see cref="WeakSignatureTest.StepAtMs"/>; the field before it is
        /// <see cref="WeakSignatureTest.Reference"/>.</summary>
        Arrival,

        /// <summary>A remembered sub-threshold step was undone: the vehicle that came unseen has left, the
        /// field is the empty bay's again.</summary>
        UnseenVehicleLeft,
    }

    /// <summary>
    /// The slow second test of a free bay for vehicles too weak for the occupy threshold (a motorbike beside
    /// the sensor, one half of a car straddling two bays, a car whose field nearly cancels at the sensor):
    /// when the field changes after a quiet spell, the settled field before the change is the reference; if
    /// the settled field then stands at least <see cref="BayDetectorSettings.WeakOccupyUt"/> from it for
    /// <see cref="BayDetectorSettings.WeakHoldMs"/> (longer than a bus queueing in the lane), and no
    /// neighbour changed within <see cref="BayDetector.CrosstalkWindowMs"/> of the change, a vehicle came.
    /// A settled step too weak to count, that no neighbour explains, is remembered: a later step that undoes
    /// it is that vehicle leaving, not an arrival.
    /// </summary>
    public sealed class WeakSignatureTest
    {
        // Settled steps of at least this share of the weak test, yet under it, are remembered as a vehicle
        // that may have come unseen: above the settled field's noise (~0.3 µT), below a motorbike.
        private const float MissedStepShare = 0.5f;

        // A later weak step that undoes a remembered one to within this share of the weak test is that
        // vehicle leaving: the step vectors are drift-free, so their sum is near zero only for a return.
        private const float ReturnShare = 0.33f;

        // While the lane's traffic hides weak steps a weak step must stand this many weak holds (10 min by default):
        // a queue stands beside the bays for a minute or two at every red, never ten.
        private const int HiddenHoldFactor = 5;

        private readonly BayDetectorSettings _settings;
        private readonly FieldVector _quiet;
        private readonly FieldVector _mean;
        private readonly FieldVector _baseline;
        private readonly FieldVector _step = new FieldVector();
        private readonly FieldVector _missed = new FieldVector();
        private bool _active;
        private bool _hasMissed;

        // A weak vehicle released without a step (drift carried its field to the baseline): it may still be there.
        private readonly FieldVector _unseen = new FieldVector();
        private bool _hasUnseen;

        /// <param name="quiet">The detector's last settled field.</param>
        /// <param name="mean">The detector's stability mean.</param>
        /// <param name="baseline">The detector's empty-bay baseline.</param>
        public WeakSignatureTest(BayDetectorSettings settings, FieldVector quiet, FieldVector mean, FieldVector baseline)
        {
            _settings = settings;
            _quiet = quiet;
            _mean = mean;
            _baseline = baseline;
        }

        /// <summary>The settled field before the change being weighed.</summary>
        public FieldVector Reference { get; } = new FieldVector();

        /// <summary>When the change being weighed began, monotonic ms.</summary>
        public long StepAtMs { get; private set; }

        /// <summary>Size of the step of the last <see cref="WeakVerdict.Arrival"/>, µT.</summary>
        public float StepUt { get; private set; }

        /// <summary>Arrivals this test decided.</summary>
        public int ArrivalCount { get; private set; }

        /// <summary>Drops the evidence being weighed (the bay's state changed, or a neighbour's car explains it).</summary>
        public void Cancel()
        {
            _active = false;
        }

        /// <summary>A weak vehicle was released without a step (drift carried its field to the baseline): it may still
        /// be there, so a later step that undoes <paramref name="vehicle"/> is that vehicle leaving, not an arrival.</summary>
        public void RememberUnseen(FieldVector vehicle)
        {
            _hasUnseen = true;
            _unseen.CopyFrom(vehicle);
        }

        /// <summary>A vehicle was found in the bay: whatever was remembered as possibly still there is not.</summary>
        public void ForgetUnseen()
        {
            _hasUnseen = false;
        }

        /// <summary>The bay next door changed at <paramref name="nowMs"/>: a step here at that time is that car's
        /// field, also when something else (a passing car) had already started the evidence a while before.</summary>
        public void OnNeighbourChanged(long nowMs, long unstableAtMs)
        {
            if (_active && (nowMs - StepAtMs <= BayDetector.CrosstalkWindowMs || nowMs - unstableAtMs <= BayDetector.CrosstalkWindowMs))
            {
                _active = false;
            }
        }

        /// <summary>
        /// One reading of a free bay. <paramref name="stable"/>: the reading is near the stability mean;
        /// <paramref name="quietForMs"/>: how long it had been before this reading. <paramref name="stepsHidden"/>:
        /// the lane's traffic moves the field by a weak vehicle's worth often (<see cref="LaneTraffic.HidesWeakSteps"/>);
        /// a step then counts only when it stood <see cref="HiddenHoldFactor"/> weak holds and began at the empty
        /// field, since the settled field before it may have been a vehicle standing in the lane.
        /// </summary>
        public WeakVerdict Weigh(long nowMs, bool stable, long quietForMs, long unstableAtMs, bool neighbourUnknown, long neighbourChangedAtMs, bool stepsHidden)
        {
            if (neighbourUnknown)
            {
                // A car coming or going next door would go unreported: no weak step here can be explained.
                _active = false;
                return WeakVerdict.None;
            }

            if (!stable)
            {
                // A change after a quiet spell starts the evidence; the field before it is the reference.
                // While the field still stands away from an earlier reference (a queueing bus leaving),
                // that reference is kept, so the return to it is not taken as a new step.
                bool backAtReference = !_active || _quiet.IsNear(Reference, _settings.WeakOccupyUt / 2f);
                if (quietForMs >= _settings.StableForMs && backAtReference)
                {
                    _active = nowMs - neighbourChangedAtMs > BayDetector.CrosstalkWindowMs;
                    StepAtMs = nowMs;
                    Reference.CopyFrom(_quiet);
                }

                return WeakVerdict.None;
            }

            int holdMs = stepsHidden ? HiddenHoldFactor * _settings.WeakHoldMs : _settings.WeakHoldMs;
            if (!_active || nowMs - StepAtMs < holdMs || nowMs - unstableAtMs < _settings.StableForMs)
            {
                return WeakVerdict.None;
            }

            _active = false;
            _step.SetDifference(_mean, Reference);
            bool undoesMissed = _hasMissed
                && FieldVector.IsWithin(_step.X + _missed.X, _step.Y + _missed.Y, _step.Z + _missed.Z, ReturnShare * _settings.WeakOccupyUt);
            if (_step.IsWithin(_settings.WeakOccupyUt))
            {
                // Too weak to count. Remember it, unless it is mere noise or undid the remembered one
                // (that vehicle came and went unseen).
                if (undoesMissed)
                {
                    _hasMissed = false;
                }
                else if (!_step.IsWithin(MissedStepShare * _settings.WeakOccupyUt))
                {
                    _hasMissed = true;
                    _missed.CopyFrom(_step);
                }

                return WeakVerdict.None;
            }

            if (_mean.IsNear(_baseline, _settings.WeakOccupyUt / 2f))
            {
                // Back at the empty bay's field: what stood there before was the passing thing (a bus queueing).
                return WeakVerdict.None;
            }

            if (undoesMissed)
            {
                _hasMissed = false;
                return WeakVerdict.UnseenVehicleLeft;
            }

            if (_hasUnseen && FieldVector.IsWithin(_step.X + _unseen.X, _step.Y + _unseen.Y, _step.Z + _unseen.Z, ReturnShare * _settings.WeakOccupyUt))
            {
                _hasUnseen = false;
                return WeakVerdict.UnseenVehicleLeft;
            }

            if (stepsHidden && !Reference.IsNear(_baseline, _settings.WeakOccupyUt / 2f))
            {
                return WeakVerdict.None;
            }

            StepUt = _step.Magnitude;
            ArrivalCount++;
            return WeakVerdict.Arrival;
        }
    }
}
