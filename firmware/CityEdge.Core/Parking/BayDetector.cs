using System;
using CityEdge.Health;
using CityEdge.Telemetry;

namespace CityEdge.Parking
{
    /// <summary>
    /// Occupancy of one bay from its magnetometer. Keeps a baseline of the empty bay's field and
    /// decides on the magnitude of the reading's deviation from it: a car over an in-ground sensor
    /// moves the field by tens of µT, a car in the next bay or a passing bus by a few.
    /// <list type="bullet">
    /// <item>Hysteresis (occupy / release thresholds) and debounce times reject passing traffic.</item>
    /// <item>A weaker step that stands for minutes and coincides with no neighbour's change is a vehicle
    /// too (motorbikes, cars whose field nearly cancels at the sensor): <see cref="WeakSignatureTest"/>.</item>
    /// <item>The baseline follows slow drift (temperature, seasons, a neighbour's long stay) only while
    /// the bay is free, the deviation is below the occupy threshold and the field has been stable.</item>
    /// <item>No valid reading for a while, or bit-identical readings (a stuck sensor), make the bay unknown.</item>
    /// <item>An implausibly long stay is re-examined (<see cref="StayReview"/>): a field that showed neither
    /// noise nor drift during the whole stay is not trusted (unknown, latched until the field drops or a
    /// technician recalibrates); a live field keeps the bay occupied and raises a long-stay notice. The
    /// baseline is never reset silently.</item>
    /// </list>
    /// <see cref="Update"/> runs one method per state: <see cref="UpdateFree"/>, <see cref="UpdateOccupied"/>,
    /// <see cref="UpdateUnknown"/> (and <see cref="BaselineCalibration"/> while a baseline is learned).
    /// Fixed memory; <see cref="Update"/> allocates nothing. Arithmetic is single precision.
    /// </summary>
    public sealed class BayDetector
    {
        /// <summary>A neighbour's change within this time of a step here explains that step.</summary>
        internal const int CrosstalkWindowMs = 10000;

        private const int RunNone = 0;
        private const int RunHigh = 1;
        private const int RunLow = 2;

        // The stability mean follows the field with this time constant: a parking manoeuvre or a
        // passing vehicle moves the reading away from it, a settled field comes back within it.
        private const int StabilityTauMs = 10000;

        // The occupied level follows the field once it has been stable this long after a change.
        private const int OccupiedSettleMs = 5000;

        // After a departure that left the field more than the release threshold off the baseline (drift
        // under the car), the baseline catches up with the empty bay with this shorter time constant.
        private const int ReanchorTauMs = 60000;

        // For this long after a departure, settled readings define the empty field for the step test.
        private const int SettleAfterReleaseMs = 10000;

        // An occupied bay's field settles within this time of a neighbour's change (a 4 µT step takes
        // ~10 s to pass the stability test, then 5 s more).
        private const int NeighbourSettleMs = 60000;

        // Beside a busy lane a vehicle driving or standing beside a parked one can cancel its field long enough
        // to release it; a field back at the occupied level within this time of the release is that vehicle.
        private const int ReturnAfterReleaseMs = 120000;

        // A departure removes at least this share of the parked vehicle's own field.
        private const float CarGoneShare = 0.6f;

        // A weak vehicle whose settled field spends this share of the time at the empty field (averaged with this
        // time constant, and not before the vehicle has been held that long) is a queue in the lane that comes and goes.
        private const int EmptyShareTauMs = 600000;
        private const float EmptyShareToRelease = 0.33f;

        // Longest sample gap one baseline / mean step may span, so a long outage is not one big jump.
        private const int MaxStepMs = 10000;

        private readonly BayDetectorSettings _settings;
        private readonly BaselineCalibration _calibration;
        private readonly StayReview _review;
        private readonly WeakSignatureTest _weak;
        private readonly LaneTraffic _lane;

        // The empty bay's field.
        private readonly FieldVector _base = new FieldVector();

        // The last valid reading, and since when it has been bit-identical.
        private readonly FieldVector _reading = new FieldVector();
        private bool _hasReading;
        private long _lastReadingMs;
        private long _sameSinceMs;
        private FaultReason _lastFault;

        // The stability mean, the last settled field (while a vehicle manoeuvres in, this still holds the
        // field before it) and when the reading last strayed from the mean.
        private readonly FieldVector _mean = new FieldVector();
        private readonly FieldVector _quiet = new FieldVector();
        private long _unstableAtMs;

        // The reading less the last settled field (scratch for the lane's pulses), and a step weighed as lane-like.
        private readonly FieldVector _excursion = new FieldVector();
        private readonly FieldVector _step = new FieldVector();

        // The empty field just before the arrival, the occupied level, and the parked vehicle's own field
        // (occupied level at the arrival − empty field before it): drift moves the empty and the occupied
        // field alike, so a departure takes this vector away again.
        private readonly FieldVector _pre = new FieldVector();
        private readonly FieldVector _occ = new FieldVector();
        private readonly FieldVector _car = new FieldVector();

        // The baseline when the last departure was decided (re-anchoring moves it, a withdrawn release restores
        // it), and whether that departure is still the last change of state.
        private readonly FieldVector _baseBeforeRelease = new FieldVector();
        private bool _releaseWithdrawable;

        // The empty field from before the vehicle that left last had arrived.
        private readonly FieldVector _emptyBeforeDeparted = new FieldVector();

        // A release of the vehicle parked now was withdrawn: the lane's traffic cancels its field, so it is released
        // only on settled readings (a vehicle driving past changes the field from one reading to the next).
        private bool _releaseMustSettle;

        // When the settled field was last no farther from the empty field than the parked vehicle.
        private long _notLargerAtMs;

        // The occupied level before a neighbour's change: the shift it settles to is that car's field, and
        // moves the empty field under this bay's vehicle as well.
        private readonly FieldVector _occBeforeNeighbour = new FieldVector();
        private bool _neighbourShiftPending;

        private int _runKind;
        private long _runStartMs;

        // The arrival being debounced may be a vehicle standing in the lane: it must stand the weak hold.
        private bool _laneHeld;

        private bool _reanchoring;
        private long _neighbourChangedAtMs = long.MinValue / 2;
        private float _neighbourStepUt;
        private long _occupiedDecidedAtMs = long.MinValue / 2;
        private long _freeDecidedAtMs = long.MinValue / 2;
        private long _releasedAtMs = long.MinValue / 2;
        private float _absorbUt;
        private bool _watchdogLatched;
        private bool _occupiedBeforeUnknown;

        // Share of the settled readings at the empty field while a weak vehicle is held (exponential, EmptyShareTauMs).
        private float _emptyShare;

        /// <summary>A new detector learns its baseline from its first readings, assuming the bay is
        /// empty (until then the bay is unknown); <see cref="SetBaseline"/> restores a saved one instead.</summary>
        public BayDetector(BayDetectorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            _settings = settings;
            _calibration = new BaselineCalibration(settings);
            _review = new StayReview(settings);
            _weak = new WeakSignatureTest(settings, _quiet, _mean, _base);
            _lane = new LaneTraffic(settings);
            State = ParkingBayState.Unknown;
            Cause = BayChangeCause.Recalibration;
            StartCalibration();
        }

        public ParkingBayState State { get; private set; }

        /// <summary>Why <see cref="State"/> last changed.</summary>
        public BayChangeCause Cause { get; private set; }

        /// <summary>When the last change really happened (the start of the debounced run), monotonic ms;
        /// earlier than the moment <see cref="Update"/> reported it by up to the debounce time.</summary>
        public long ChangedAtMs { get; private set; }

        /// <summary>Deviation of the last valid reading from the baseline, µT; negative when there is none.</summary>
        public float DeviationUt { get; private set; }

        /// <summary>True once a baseline was learned or restored (it survives a later recalibration start).</summary>
        public bool HasBaseline { get; private set; }

        public bool IsCalibrating
        {
            get { return _calibration.IsRunning; }
        }

        /// <summary>Why the bay is unknown; <see cref="FaultReason.None"/> while it is free or occupied.</summary>
        public FaultReason Fault
        {
            get
            {
                if (State != ParkingBayState.Unknown)
                {
                    return FaultReason.None;
                }

                if (_calibration.IsRunning)
                {
                    // Learning a baseline, unless the sensor is not even giving readings.
                    return _lastFault != FaultReason.None ? _lastFault : FaultReason.WarmingUp;
                }

                return _watchdogLatched ? FaultReason.BadData : _lastFault;
            }
        }

        public float BaselineXUt
        {
            get { return _base.X; }
        }

        public float BaselineYUt
        {
            get { return _base.Y; }
        }

        public float BaselineZUt
        {
            get { return _base.Z; }
        }

        /// <summary>Times the bay went unknown because of its sensor.</summary>
        public int SensorFaultCount { get; private set; }

        /// <summary>Watchdog re-examinations that found the field untrustworthy.</summary>
        public int WatchdogCount
        {
            get { return _review.WatchdogCount; }
        }

        /// <summary>Watchdog re-examinations that found a live field (a genuinely long stay).</summary>
        public int LongStayCount
        {
            get { return _review.LongStayCount; }
        }

        /// <summary>Baselines learned since start-up (the first one and every recalibration).</summary>
        public int CalibrationCount
        {
            get { return _calibration.CompletedCount; }
        }

        /// <summary>Calibrations restarted because the field moved during them.</summary>
        public int CalibrationRetryCount
        {
            get { return _calibration.RetryCount; }
        }

        /// <summary>Set when a long stay was re-examined and found live; the owner reports it and clears it.</summary>
        public bool LongStayPending { get; set; }

        /// <summary>How long the current stay has lasted at the last re-examination, ms.</summary>
        public long LongStayMs
        {
            get { return _review.StayMs; }
        }

        /// <summary>Largest per-axis span of the field during the re-examined stay, µT.</summary>
        public float LongStaySpanUt
        {
            get { return _review.SpanUt; }
        }

        /// <summary>Set by the owner while a bay next to this one is unknown (its sensor silent or learning
        /// its baseline): that bay's changes would go unreported, so the slow test for weak signatures waits.</summary>
        public bool NeighbourUnknown { get; set; }

        /// <summary>Distance of the last valid reading from the last settled field while the field is moving, µT
        /// (0 while it is settled): how much a vehicle moving or standing nearby disturbs this sensor now.</summary>
        public float ExcursionUt { get; private set; }

        /// <summary>True when the last valid reading changed by less than twice the stability tolerance since the
        /// one before: whatever disturbs the field stands still (or barely moves).</summary>
        public bool IsSettled { get; private set; }

        /// <summary>Set by the owner before each reading: the larger <see cref="ExcursionUt"/> of the bays next to
        /// this one whose field is settled (<see cref="IsSettled"/>): a vehicle standing beside them.</summary>
        public float NeighbourStandingUt { get; set; }

        /// <summary>Set by the owner before each reading: the larger <see cref="ExcursionUt"/> of the bays next
        /// to this one. A vehicle in the lane stands beside several sensors, one parked in a bay beside one.</summary>
        public float NeighbourExcursionUt { get; set; }

        /// <summary>How far the last valid reading stands from the field this bay's state expects, µT: from the
        /// baseline while free, from the occupied level while occupied (0 while unknown). Unlike
        /// <see cref="ExcursionUt"/> it stays while a vehicle stands in the lane beside the sensor.</summary>
        public float DisplacementUt { get; private set; }

        /// <summary>Set by the owner before each reading: the larger <see cref="DisplacementUt"/> of the bays next
        /// to this one. A queue in the lane moves them all; a car parking here, its neighbours' fields by a few per
        /// cent of its own step.</summary>
        public float NeighbourDisplacementUt { get; set; }

        /// <summary>What the traffic driving past does to this sensor (learned while the bay is free or occupied; settable, so
        /// that what was learned survives a reboot).</summary>
        public LaneTraffic Lane
        {
            get { return _lane; }
        }

        /// <summary>Size of the step that made the last detected arrival or departure, µT (passed to neighbours).</summary>
        public float LastStepUt { get; private set; }

        /// <summary>Arrivals decided by the slow test for weak signatures.</summary>
        public int WeakCount
        {
            get { return _weak.ArrivalCount; }
        }

        /// <summary>Weak steps put down to a neighbour's change (arrivals dropped or withdrawn).</summary>
        public int CrosstalkCount { get; private set; }

        /// <summary>Restores a saved empty-bay baseline; the state is decided from the next readings.</summary>
        public void SetBaseline(float xUt, float yUt, float zUt)
        {
            _base.Set(xUt, yUt, zUt);
            HasBaseline = true;
            _calibration.Stop();
            _watchdogLatched = false;
            _runKind = RunNone;
        }

        /// <summary>Fills <paramref name="into"/> with what a reboot needs (see <see cref="BaySnapshot"/>).</summary>
        public void TakeSnapshot(BaySnapshot into)
        {
            into.HasBaseline = HasBaseline && !_calibration.IsRunning;
            into.Occupied = into.HasBaseline && (State == ParkingBayState.Occupied
                || (State == ParkingBayState.Unknown && _occupiedBeforeUnknown && !_watchdogLatched));
            into.Baseline.CopyFrom(_base);
            into.OccupiedLevel.CopyFrom(_occ);
            into.EmptyBefore.CopyFrom(_pre);
            into.LaneEnvelopeUt = _lane.EnvelopeUt;
            into.LanePulsesPerHour = _lane.PulsesPerHour;
            into.LaneBusyUt = _lane.BusyUt;
        }

        /// <summary>
        /// Takes up a snapshot saved before a reboot; call it before the first reading. With a baseline the bay
        /// stays unknown until its first readings decide, as after a sensor outage: a vehicle that was there and
        /// still is keeps the bay occupied (also one too weak for the occupy threshold), a field back at the empty
        /// one is free, a vehicle that came meanwhile is an arrival. Without one the bay learns its baseline afresh.
        /// </summary>
        public void Restore(BaySnapshot from)
        {
            _lane.EnvelopeUt = from.LaneEnvelopeUt;
            _lane.PulsesPerHour = from.LanePulsesPerHour;
            _lane.BusyUt = from.LaneBusyUt;
            if (!from.HasBaseline)
            {
                return;
            }

            SetBaseline(from.Baseline.X, from.Baseline.Y, from.Baseline.Z);
            _pre.CopyFrom(from.EmptyBefore);
            _occ.CopyFrom(from.OccupiedLevel);
            RememberVehicleField();
            _occupiedBeforeUnknown = from.Occupied;
            _mean.CopyFrom(from.Occupied ? _occ : _base);
            _quiet.CopyFrom(_mean);
            _lastFault = FaultReason.WarmingUp;
        }

        /// <summary>
        /// A technician at the empty bay asks for a new baseline: the bay is unknown until
        /// <see cref="BayDetectorSettings.CalibrationSamples"/> steady readings have been averaged, then free.
        /// True when the state changed (to unknown).
        /// </summary>
        public bool Recalibrate(long nowMs)
        {
            StartCalibration();
            _watchdogLatched = false;
            return SetState(ParkingBayState.Unknown, BayChangeCause.Recalibration, nowMs);
        }

        /// <summary>One valid reading, µT in the sensor's axes. True when <see cref="State"/> changed.</summary>
        public bool Update(long nowMs, float xUt, float yUt, float zUt)
        {
            bool settled = !_hasReading || _reading.IsNear(xUt, yUt, zUt, 2f * _settings.StableUt);
            IsSettled = settled;
            long stepMs = _hasReading ? nowMs - _lastReadingMs : 0;
            if (IsFrozen(nowMs, xUt, yUt, zUt))
            {
                return Fail(nowMs, FaultReason.BadData);
            }

            stepMs = stepMs < 0 ? 0 : stepMs > MaxStepMs ? MaxStepMs : stepMs;
            _lastReadingMs = nowMs;
            _lastFault = FaultReason.None;

            if (_calibration.IsRunning)
            {
                DeviationUt = -1f;
                ExcursionUt = 0f;
                DisplacementUt = 0f;
                return Calibrate(nowMs);
            }

            float deviation = _reading.DistanceTo(_base);
            DeviationUt = deviation;
            long quietForMs = nowMs - _unstableAtMs;
            bool stable = FollowMean(nowMs, stepMs);
            _excursion.SetDifference(_reading, _quiet);
            ExcursionUt = stable ? 0f : _excursion.Magnitude;
            DisplacementUt = State == ParkingBayState.Free ? deviation : State == ParkingBayState.Occupied ? _reading.DistanceTo(_occ) : 0f;
            if (State != ParkingBayState.Unknown)
            {
                // Vehicles driving past add their pulses to a parked vehicle's field as to the empty bay's.
                _lane.Observe(nowMs, stable, _excursion);
            }

            if (State == ParkingBayState.Free)
            {
                return UpdateFree(nowMs, stepMs, deviation, settled, stable, quietForMs);
            }

            if (State == ParkingBayState.Occupied)
            {
                return UpdateOccupied(nowMs, stepMs, deviation, settled, stable);
            }

            return UpdateUnknown(nowMs, deviation, settled);
        }

        /// <summary>
        /// The bay next to this one changed state (a vehicle came or went there), with a step of
        /// <paramref name="neighbourStepUt"/> at its own sensor. That car's field reaches this sensor as a
        /// step of a few µT, which can pass for a weak arrival here: a step here within 10 s of the
        /// neighbour's change, smaller than <see cref="BayDetectorSettings.CrosstalkStepUt"/> and under
        /// half the neighbour's step, is taken as crosstalk (a car straddling both bays makes similar
        /// steps in both and is not). An arrival decided here in those 10 s is withdrawn (true: the state
        /// changed back to free); one still being debounced is dropped.
        /// </summary>
        public bool NeighbourChanged(long nowMs, float neighbourStepUt)
        {
            _neighbourChangedAtMs = nowMs;
            _neighbourStepUt = neighbourStepUt;
            _weak.OnNeighbourChanged(nowMs, _unstableAtMs);
            if (State == ParkingBayState.Occupied && !_neighbourShiftPending)
            {
                _neighbourShiftPending = true;
                _occBeforeNeighbour.CopyFrom(_occ);
            }

            if (Cause != BayChangeCause.Detection || !IsCrosstalk(LastStepUt, nowMs))
            {
                return false;
            }

            if (State == ParkingBayState.Occupied && nowMs - _occupiedDecidedAtMs <= CrosstalkWindowMs)
            {
                CrosstalkCount++;
                Reanchor(_reading, nowMs, _settings.CrosstalkStepUt);
                _reanchoring = true;
                return SetState(ParkingBayState.Free, BayChangeCause.Detection, nowMs);
            }

            if (State == ParkingBayState.Free && nowMs - _freeDecidedAtMs <= CrosstalkWindowMs && IsNeighbourShift(LastStepUt, nowMs))
            {
                // A weak vehicle here, there before the car next door moved, seemed to leave as it moved:
                // that car's field shifted this one (it can cancel a motorbike's). The vehicle stays; the
                // empty field it would leave behind has shifted with the occupied one.
                CrosstalkCount++;
                MoveOccupiedLevel(_occ, _reading);
                _reanchoring = false;
                _releasedAtMs = long.MinValue / 2;
                _review.Schedule(nowMs + _settings.MaxStayMs);
                _occupiedDecidedAtMs = long.MinValue / 2;
                return SetState(ParkingBayState.Occupied, BayChangeCause.Detection, nowMs);
            }

            return false;
        }

        /// <summary>A read that gave no valid value. True when <see cref="State"/> changed (to unknown,
        /// once no valid reading has come for <see cref="BayDetectorSettings.FailHoldMs"/>).</summary>
        public bool Fail(long nowMs, FaultReason reason)
        {
            _lastFault = reason == FaultReason.None ? FaultReason.NotResponding : reason;
            DeviationUt = -1f;
            if (State == ParkingBayState.Unknown || (_hasReading && nowMs - _lastReadingMs < _settings.FailHoldMs))
            {
                return false;
            }

            SensorFaultCount++;
            _runKind = RunNone;
            return SetState(ParkingBayState.Unknown, BayChangeCause.SensorFault, nowMs);
        }

        /// <summary>A free bay: an arrival is a settled step of at least the occupy threshold away from the last
        /// settled field, lasting the occupy debounce; weaker ones are left to the slow test; the baseline
        /// follows drift while the field is stable.</summary>
        private bool UpdateFree(long nowMs, long stepMs, float deviation, bool settled, bool stable, long quietForMs)
        {
            if (IsBackAtOccupiedLevel(nowMs, settled))
            {
                return Run(RunHigh, nowMs, _settings.OccupyDebounceMs) && WithdrawRelease(nowMs);
            }

            if (settled && nowMs - _releasedAtMs <= SettleAfterReleaseMs && _quiet.IsNear(_reading, _absorbUt))
            {
                // Just after a departure the empty field is whatever the field settles to, not the
                // occupied level (a stale baseline alone must not re-occupy the bay) nor the reading
                // the release was decided on (the car may still have been pulling out): the
                // stability mean restarts from it too. After a neighbour's car shifted the field,
                // only shifts a neighbour can make are absorbed: a car pulling in here meanwhile is not.
                _mean.CopyFrom(_reading);
                _quiet.CopyFrom(_reading);
            }

            if (deviation >= _settings.OccupyUt)
            {
                // Only a settled field that stepped by the occupy threshold away from the last settled
                // one counts: a vehicle swinging through the bay to park next door changes it from one
                // reading to the next, drift creeping past the threshold makes no step, and a
                // neighbour's car makes a step of a few µT only.
                if (_runKind != RunHigh)
                {
                    _pre.CopyFrom(_quiet);
                }

                float stepUt = _pre.DistanceTo(_reading);
                if (settled && stepUt >= _settings.OccupyUt)
                {
                    if (IsCrosstalk(stepUt, nowMs))
                    {
                        // The car next door came or went: its field, not a car here, made this step.
                        CrosstalkCount++;
                        Reanchor(_reading, nowMs, _settings.CrosstalkStepUt);
                        _runKind = RunNone;
                        return false;
                    }

                    if (Run(RunHigh, nowMs, _settings.OccupyDebounceMs))
                    {
                        // A step the lane's traffic could make here waits until it has outstood a queue.
                        _step.SetDifference(_reading, _pre);
                        _laneHeld = _laneHeld || _lane.IsLaneLikeArrival(_step, stepUt, NeighbourExcursionUt, NeighbourDisplacementUt);
                        if (_laneHeld && nowMs - _runStartMs < _settings.WeakHoldMs)
                        {
                            return false;
                        }

                        if (IsBackAtEmptyBeforeDeparted(_runStartMs))
                        {
                            return ReanchorAtEmptyBeforeDeparted(nowMs);
                        }

                        LastStepUt = stepUt;
                        _occupiedDecidedAtMs = nowMs;
                        return Occupy(nowMs);
                    }

                    return false;
                }

                if (_laneHeld && _runKind == RunHigh && !settled)
                {
                    // Another vehicle driving past the one held: the held step still stands.
                    return false;
                }
            }

            // Not an arrival (possibly a stale baseline after a long stay): track below. While the traffic keeps
            // moving the field here by a weak vehicle's worth, only a long-standing weak step from the empty field
            // counts beside a lane learned to be busy, and none elsewhere.
            _runKind = RunNone;
            WeakVerdict weak = WeakVerdict.None;
            if (_lane.HidesWeakSteps && !_lane.IsBusy)
            {
                _weak.Cancel();
            }
            else
            {
                weak = _weak.Weigh(nowMs, stable, quietForMs, _unstableAtMs, NeighbourUnknown, _neighbourChangedAtMs, _lane.HidesWeakSteps);
            }
            if (weak == WeakVerdict.Arrival)
            {
                return IsBackAtEmptyBeforeDeparted(_weak.StepAtMs) ? ReanchorAtEmptyBeforeDeparted(nowMs) : OccupyWeak(nowMs);
            }

            if (weak == WeakVerdict.UnseenVehicleLeft)
            {
                _reanchoring = true;
            }

            if (_reanchoring && deviation < _settings.ReleaseUt / 2f)
            {
                _reanchoring = false;
            }

            if (stable && nowMs - _unstableAtMs >= _settings.StableForMs)
            {
                FollowDrift(stepMs, deviation);
            }

            return false;
        }

        /// <summary>Confidently free: the baseline follows drift with a first-order low-pass (alpha = dt / tau),
        /// at most as fast as drift plausibly goes, so a vehicle too weak to detect is not soaked up at once.</summary>
        private void FollowDrift(long stepMs, float deviation)
        {
            float alpha = (float)stepMs / (_reanchoring ? ReanchorTauMs : _settings.BaselineTauMs);
            float limit = _reanchoring ? deviation : _settings.MaxDriftUtPerHour * stepMs / 3600000f;
            float step = deviation * alpha;
            float scale = step > limit ? limit / step : 1f;
            _base.X += (_reading.X - _base.X) * alpha * scale;
            _base.Y += (_reading.Y - _base.Y) * alpha * scale;
            _base.Z += (_reading.Z - _base.Z) * alpha * scale;
        }

        /// <summary>An occupied bay: the occupied level follows drift, a departure is a step that removes most
        /// of the vehicle's field and ends near the empty field, and a long stay is reviewed.</summary>
        private bool UpdateOccupied(long nowMs, long stepMs, float deviation, bool settled, bool stable)
        {
            _review.Widen(_reading);
            if (stable && nowMs - _unstableAtMs >= OccupiedSettleMs && _runKind != RunLow)
            {
                FollowOccupiedLevel(nowMs, stepMs);
            }

            // A vehicle weaker than the occupy threshold leaves as it came: judged on the settled field
            // and only after the step has stood longer than a bus may queue beside the bay.
            float carUt = _car.Magnitude;
            bool weak = carUt < _settings.OccupyUt;
            FieldVector field = weak ? _mean : _reading;
            float fromBaseline = weak ? field.DistanceTo(_base) : deviation;
            if (weak && settled && IsWeakHeldByQueues(nowMs, stepMs, deviation))
            {
                return ReleaseWeakAtEmpty(nowMs);
            }

            // A departure is a step away from the occupied level (at least most of the vehicle's own
            // field) ending near the empty field: the baseline or, if drift outran the baseline, the
            // field just before the arrival; or a step that takes the vehicle's own field vector away
            // again, which ends at the empty field wherever drift has moved it during a long stay.
            // A field right at the baseline also releases a vehicle stronger than the occupy threshold,
            // whatever led there; drift alone brings a weak vehicle's field that close, so it must step.
            float fromEmpty = Math.Min(fromBaseline, field.DistanceTo(_pre));
            float fromOccupied = field.DistanceTo(_occ);
            bool stepped = fromOccupied >= Math.Min(_settings.ReleaseUt, CarGoneShare * carUt);
            bool carGone = FieldVector.IsWithin(field.X - _occ.X + _car.X, field.Y - _occ.Y + _car.Y, field.Z - _occ.Z + _car.Z, Math.Max(_settings.ReleaseUt / 2f, (1f - CarGoneShare) * carUt));
            bool nearEmpty = fromEmpty < Math.Min(_settings.ReleaseUt, (1f - CarGoneShare) * carUt);
            // Beside a busy lane a weak vehicle can go unseen (its step hidden by traffic), and its departure then reads as
            // an arrival; a car parking there later steps the field past the wrongly held empty field, nearer to it
            // than to the occupied level. A departure brings the field nearer the baseline than the vehicle held it.
            bool nearer = fromEmpty < fromOccupied * _settings.ReleaseRatio
                && (!_lane.IsBusy || fromBaseline < _occ.DistanceTo(_base));
            bool released = (stepped && (carGone || nearEmpty || nearer))
                || (fromBaseline < _settings.ReleaseUt / 2f && (weak || fromOccupied >= _settings.ReleaseUt / 2f));

            released = released && (settled || !_releaseMustSettle);

            // While a neighbour's shift is still settling, a step of its size is that shift; once it is
            // in the empty field, a step is this bay's own (a motorbike leaving 20 s after the car next door).
            if (released && !(_neighbourShiftPending && IsNeighbourShift(fromOccupied, nowMs)))
            {
                if (!Run(RunLow, nowMs, weak ? _settings.WeakHoldMs : _settings.ReleaseDebounceMs))
                {
                    return false;
                }

                // A step the size of what the lane's traffic does here may be a vehicle standing in the lane
                // that cancels this one's field: it must outstand a queue.
                _step.SetDifference(_reading, _occ);
                _laneHeld = _laneHeld || (!weak && _lane.IsLaneLikeDeparture(_step, fromOccupied, NeighbourStandingUt));
                if (_laneHeld && nowMs - _runStartMs < _settings.WeakHoldMs)
                {
                    return false;
                }

                long changedAtMs = _runStartMs;
                if (weak && fromOccupied < carUt / 2f)
                {
                    // Released by drift, not by a step: the vehicle may still be there.
                    _weak.RememberUnseen(_car);
                }

                LastStepUt = fromOccupied;
                _freeDecidedAtMs = nowMs;
                _emptyBeforeDeparted.CopyFrom(_pre);
                _baseBeforeRelease.CopyFrom(_base);
                Reanchor(_reading, nowMs, float.MaxValue);
                if (nowMs - changedAtMs > _settings.ReleaseDebounceMs)
                {
                    // A departure held for minutes settled long ago: a car pulling in as it is decided is an
                    // arrival, not the field the departure settles to (busy-lane seed 1605: 36 hours inverted).
                    _releasedAtMs = changedAtMs + _settings.ReleaseDebounceMs;
                }

                _reanchoring = deviation >= _settings.ReleaseUt;
                bool changed = SetState(ParkingBayState.Free, BayChangeCause.Detection, changedAtMs);
                _releaseWithdrawable = true;
                return changed;
            }

            if (_laneHeld && _runKind == RunLow && !settled)
            {
                // Another vehicle driving past during the held departure.
                return false;
            }

            _runKind = RunNone;
            return Review(nowMs);
        }

        /// <summary>Beside a busy lane, shortly after a departure of a vehicle above the occupy threshold: the settled
        /// field is back at the occupied level it left, so what left was a vehicle in the lane that had cancelled
        /// the parked one's field (a lorry driving past a car 1-1.5 m away, or standing beside it). Without this the
        /// car's field would become the empty bay's, and its real departure would read as an arrival.</summary>
        private bool IsBackAtOccupiedLevel(long nowMs, bool settled)
        {
            return settled && _releaseWithdrawable && _lane.IsBusy && nowMs - _freeDecidedAtMs <= ReturnAfterReleaseMs
                && _car.Magnitude >= _settings.OccupyUt && _reading.IsNear(_occ, _settings.ReleaseUt);
        }

        /// <summary>An arrival step that began within <see cref="BayDetectorSettings.WeakHoldMs"/> of a departure and ended
        /// back at the empty field from before the vehicle that left: the departure was decided on a field something else
        /// still moved (a vehicle standing in the lane as the car pulled out), and the step is that thing leaving. Taken
        /// for an arrival, it held the empty bay occupied until the next car came and went.</summary>
        private bool IsBackAtEmptyBeforeDeparted(long stepAtMs)
        {
            return stepAtMs - _freeDecidedAtMs <= _settings.WeakHoldMs && _reading.IsNear(_emptyBeforeDeparted, _settings.ReleaseUt);
        }

        /// <summary>No arrival: the field now is the empty bay's, and the baseline catches up with it.</summary>
        private bool ReanchorAtEmptyBeforeDeparted(long nowMs)
        {
            Reanchor(_reading, nowMs, float.MaxValue);
            _reanchoring = true;
            _runKind = RunNone;
            return false;
        }

        /// <summary>The vehicle released by <see cref="IsBackAtOccupiedLevel"/> never left: occupied again with the
        /// empty field it had before the release.</summary>
        private bool WithdrawRelease(long nowMs)
        {
            _base.CopyFrom(_baseBeforeRelease);
            _releaseMustSettle = true;
            _reanchoring = false;
            _releasedAtMs = long.MinValue / 2;
            _mean.CopyFrom(_reading);
            _quiet.CopyFrom(_reading);
            return SetState(ParkingBayState.Occupied, BayChangeCause.Detection, _runStartMs);
        }

        /// <summary>
        /// The occupied level follows slow drift, so drift alone never releases a bay; not while a departure
        /// is being weighed, or it would swallow a weak vehicle's step. It follows no faster than drift goes:
        /// the stability mean takes seconds to cross a weak departure's step and must not drag the level along,
        /// and a bus standing beside a car for a minute must not become the car's level (its leaving would look
        /// like the car's).
        /// </summary>
        private void FollowOccupiedLevel(long nowMs, long stepMs)
        {
            if (_neighbourShiftPending)
            {
                ShiftEmptyFieldByNeighbour(nowMs);
            }

            float heldUt = _car.Magnitude;
            bool larger = !_mean.IsNear(_pre, heldUt + _settings.OccupyUt);
            if (!larger)
            {
                _notLargerAtMs = nowMs;
            }
            else if (_lane.IsBusy && nowMs - _notLargerAtMs < _settings.WeakHoldMs)
            {
                // Beside a busy lane a lorry queueing beside the parked car adds its field for a minute or two: only a
                // larger field that outstands a queue is a larger vehicle, or the lorry leaving would release the car.
                larger = false;
            }

            float followUt = _mean.DistanceTo(_occ);
            float limitUt = _settings.MaxDriftUtPerHour * stepMs / 3600000f;
            float share = larger || followUt <= limitUt ? 1f : limitUt / followUt;
            _occ.MoveToward(_mean, share);
            if (larger)
            {
                // The field settled a vehicle's worth farther from the empty field than the vehicle
                // it was decided on (a car took the place of a motorbike, or one came while the
                // bay was wrongly held occupied): that larger field is what a departure must remove.
                RememberVehicleField();
            }
        }

        /// <summary>Unknown with a baseline: decide afresh after a debounced run, except that a watchdog
        /// verdict stands until the field drops to the empty-bay level.</summary>
        private bool UpdateUnknown(long nowMs, float deviation, bool settled)
        {
            if (!_watchdogLatched && _occupiedBeforeUnknown)
            {
                // The sensor went silent under a car (or the node rebooted under it): the baseline is as
                // stale as the drift under that car made it, so judge as a departure would be judged: within
                // drift of the empty field (twice the occupy threshold) and nearer to it than to the occupied
                // level means the car left meanwhile; farther off, a car (that one or another) is there. A
                // vehicle weaker than the release threshold is still there when its field still is.
                if (!settled)
                {
                    // A vehicle moving over the sensor (perhaps the one leaving): wait until it settles.
                    _runKind = RunNone;
                    return false;
                }

                float fromEmpty = Math.Min(deviation, _reading.DistanceTo(_pre));
                float fromOccupied = _reading.DistanceTo(_occ);
                if (fromEmpty < 2f * _settings.OccupyUt && fromEmpty < fromOccupied * _settings.ReleaseRatio)
                {
                    if (!Run(RunLow, nowMs, _settings.ReleaseDebounceMs))
                    {
                        return false;
                    }

                    long changedAtMs = _runStartMs;
                    Reanchor(_reading, nowMs, float.MaxValue);
                    _reanchoring = true;
                    return SetState(ParkingBayState.Free, BayChangeCause.Detection, changedAtMs);
                }

                return Run(RunHigh, nowMs, _settings.OccupyDebounceMs) && Occupy(nowMs);
            }

            if (deviation < _settings.ReleaseUt)
            {
                return Run(RunLow, nowMs, _settings.ReleaseDebounceMs) && Release();
            }

            if (!_watchdogLatched && deviation >= (_settings.OccupyUt + _settings.ReleaseUt) / 2f)
            {
                return Run(RunHigh, nowMs, _settings.OccupyDebounceMs) && Occupy(nowMs);
            }

            _runKind = RunNone;
            return false;
        }

        /// <summary>The slow test found a weak vehicle: occupied from its step on, and the field before the
        /// step is the empty field its departure must return to.</summary>
        private bool OccupyWeak(long nowMs)
        {
            _runStartMs = _weak.StepAtMs;
            LastStepUt = _weak.StepUt;
            _occupiedDecidedAtMs = nowMs;
            bool changed = Occupy(nowMs);
            _pre.CopyFrom(_weak.Reference);
            RememberVehicleField();
            return changed;
        }

        /// <summary>The occupied level settled after a neighbour's change: a shift a neighbour's car can make
        /// is that car's field, added to the empty field under this bay's vehicle too, so that the vehicle's
        /// departure still ends near it and the shift is not taken for a larger vehicle here.</summary>
        private void ShiftEmptyFieldByNeighbour(long nowMs)
        {
            // Beside a busy lane the shift may as well be a vehicle standing in the lane: moving the empty field
            // by it, again and again during a long stay, would walk the baseline away from the empty bay.
            _neighbourShiftPending = false;
            if (nowMs - _neighbourChangedAtMs <= NeighbourSettleMs && _mean.IsNear(_occBeforeNeighbour, _settings.CrosstalkStepUt) && !_lane.IsBusy)
            {
                MoveOccupiedLevel(_occBeforeNeighbour, _mean);
            }
        }

        /// <summary>A neighbour's car moved the occupied level from one field to another: the empty field
        /// under this bay's vehicle (baseline and the field before the arrival) moved by as much.</summary>
        private void MoveOccupiedLevel(FieldVector from, FieldVector to)
        {
            _pre.Shift(from, to);
            _base.Shift(from, to);
            _occ.CopyFrom(to);
        }

        /// <summary>A step away from the occupied level that the neighbour's change explains, for a vehicle
        /// that was here well before that change (a fresh arrival is judged by <see cref="IsCrosstalk"/>),
        /// until the field has settled and the shift has been taken into the empty field.</summary>
        private bool IsNeighbourShift(float stepUt, long nowMs)
        {
            return nowMs - _occupiedDecidedAtMs > 2 * CrosstalkWindowMs && nowMs - _neighbourChangedAtMs <= NeighbourSettleMs
                && stepUt < _settings.CrosstalkStepUt && stepUt < _neighbourStepUt / 2f;
        }

        private bool IsCrosstalk(float stepUt, long nowMs)
        {
            return nowMs - _neighbourChangedAtMs <= CrosstalkWindowMs && stepUt < _settings.CrosstalkStepUt && stepUt < _neighbourStepUt / 2f;
        }

        /// <summary>The field now is the empty bay's: the next arrival must step away from it, and for
        /// a few seconds the settling field keeps redefining it, by settled readings within
        /// <paramref name="absorbUt"/> of it (a departing car's field may still be anywhere; a neighbour's
        /// shifts it by less than <see cref="BayDetectorSettings.CrosstalkStepUt"/>).</summary>
        private void Reanchor(FieldVector field, long nowMs, float absorbUt)
        {
            _releasedAtMs = nowMs;
            _absorbUt = absorbUt;
            _mean.CopyFrom(field);
            _quiet.CopyFrom(field);
        }

        /// <summary>Takes the reading as the last valid one; true when it has been bit-identical on all three
        /// axes for <see cref="BayDetectorSettings.FrozenMs"/>.</summary>
        private bool IsFrozen(long nowMs, float xUt, float yUt, float zUt)
        {
            if (_hasReading && xUt == _reading.X && yUt == _reading.Y && zUt == _reading.Z)
            {
                return nowMs - _sameSinceMs >= _settings.FrozenMs;
            }

            _hasReading = true;
            _reading.Set(xUt, yUt, zUt);
            _sameSinceMs = nowMs;
            return false;
        }

        /// <summary>Moves the stability mean towards the reading; true when the reading was near it (stable).</summary>
        private bool FollowMean(long nowMs, long stepMs)
        {
            float ex = _reading.X - _mean.X;
            float ey = _reading.Y - _mean.Y;
            float ez = _reading.Z - _mean.Z;
            // After a gap (dropout) the mean moves by at most one normal step: what changed while the
            // sensor was silent must still look like a change, not like the settled field.
            float alpha = (float)Math.Min(stepMs, 1000L) / StabilityTauMs;
            _mean.X += ex * alpha;
            _mean.Y += ey * alpha;
            _mean.Z += ez * alpha;
            if (!FieldVector.IsWithin(ex, ey, ez, _settings.StableUt))
            {
                _unstableAtMs = nowMs;
                return false;
            }

            _quiet.CopyFrom(_mean);
            return true;
        }

        private bool Run(int kind, long nowMs, int debounceMs)
        {
            if (_runKind != kind)
            {
                _runKind = kind;
                _runStartMs = nowMs;
                _laneHeld = false;
            }

            return nowMs - _runStartMs >= debounceMs;
        }

        /// <summary>A weak vehicle held while its settled field keeps coming back to the empty field (nearer to it than to
        /// the occupied level), a third of the time or more over ten minutes: what stood there was a queue in the lane,
        /// forming beside the bay at every red (a weak step of ~2 µT that comes and goes). A vehicle parked here does not
        /// leave its field that often; the weak release, which needs 120 s at the empty field in one piece, waited for
        /// hours between the queues (busy-lane seeds 1601 and 1602). Drift carrying a weak vehicle's field toward the
        /// baseline moves the occupied level along, so it does not count here.</summary>
        private bool IsWeakHeldByQueues(long nowMs, long stepMs, float deviation)
        {
            float fromEmpty = Math.Min(deviation, _reading.DistanceTo(_pre));
            bool atEmpty = fromEmpty < _settings.ReleaseUt / 2f && _reading.DistanceTo(_occ) >= fromEmpty;
            _emptyShare += ((atEmpty ? 1f : 0f) - _emptyShare) * stepMs / EmptyShareTauMs;
            return nowMs - ChangedAtMs >= EmptyShareTauMs && _emptyShare >= EmptyShareToRelease;
        }

        /// <summary>Free at the empty field the weak vehicle was held against (no step: the baseline stays).</summary>
        private bool ReleaseWeakAtEmpty(long nowMs)
        {
            // Released without a step: if a vehicle was there after all, its departure is not an arrival.
            _weak.RememberUnseen(_car);
            LastStepUt = _car.Magnitude;
            _freeDecidedAtMs = nowMs;
            Reanchor(_reading, nowMs, 0f);
            return SetState(ParkingBayState.Free, BayChangeCause.Detection, nowMs);
        }

        private bool Occupy(long nowMs)
        {
            _weak.ForgetUnseen();
            _releaseMustSettle = false;
            _review.Schedule(_runStartMs + _settings.MaxStayMs);
            if (_pre.IsNear(_reading, _settings.OccupyUt))
            {
                // No vehicle-sized step since the last settled field (drift crept over the threshold):
                // that field is not the empty bay; only the baseline is.
                _pre.CopyFrom(_base);
            }

            _occ.CopyFrom(_reading);
            RememberVehicleField();
            _review.Begin(_reading);
            return SetState(ParkingBayState.Occupied, BayChangeCause.Detection, _runStartMs);
        }

        /// <summary>The parked vehicle's own field: the occupied level less the empty field before it.</summary>
        private void RememberVehicleField()
        {
            _car.SetDifference(_occ, _pre);
        }

        private bool Release()
        {
            _watchdogLatched = false;
            return SetState(ParkingBayState.Free, BayChangeCause.Detection, _runStartMs);
        }

        private bool Review(long nowMs)
        {
            StayVerdict verdict = _review.Examine(nowMs, ChangedAtMs, _reading);
            if (verdict == StayVerdict.Static)
            {
                _watchdogLatched = true;
                return SetState(ParkingBayState.Unknown, BayChangeCause.Watchdog, nowMs);
            }

            if (verdict == StayVerdict.Alive)
            {
                LongStayPending = true;
            }

            return false;
        }

        private void StartCalibration()
        {
            _calibration.Start();
            _runKind = RunNone;
        }

        private bool Calibrate(long nowMs)
        {
            if (!_calibration.Add(_reading))
            {
                return false;
            }

            FieldVector mean = _calibration.Mean;
            SetBaseline(mean.X, mean.Y, mean.Z);
            _mean.CopyFrom(_base);
            _quiet.CopyFrom(_base);
            _unstableAtMs = nowMs;
            DeviationUt = 0f;
            return SetState(ParkingBayState.Free, BayChangeCause.Recalibration, nowMs);
        }

        private bool SetState(ParkingBayState state, BayChangeCause cause, long changedAtMs)
        {
            _runKind = RunNone;
            _weak.Cancel();
            if (state == State)
            {
                return false;
            }

            _neighbourShiftPending = false;
            _releaseWithdrawable = false;
            _emptyShare = 0f;
            if (state == ParkingBayState.Unknown)
            {
                _occupiedBeforeUnknown = State == ParkingBayState.Occupied;
            }

            State = state;
            Cause = cause;
            ChangedAtMs = changedAtMs;
            return true;
        }
    }
}
