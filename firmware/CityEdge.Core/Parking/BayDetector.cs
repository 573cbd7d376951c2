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
    /// too (motorbikes, cars whose field nearly cancels at the sensor).</item>
    /// <item>The baseline follows slow drift (temperature, seasons, a neighbour's long stay) only while
    /// the bay is free, the deviation is below the occupy threshold and the field has been stable.</item>
    /// <item>No valid reading for a while, or bit-identical readings (a stuck sensor), make the bay unknown.</item>
    /// <item>An implausibly long stay is re-examined: a field that showed neither noise nor drift during
    /// the whole stay is not trusted (unknown, latched until the field drops or a technician recalibrates);
    /// a live field keeps the bay occupied and raises a long-stay notice. The baseline is never reset silently.</item>
    /// </list>
    /// Fixed memory; <see cref="Update"/> allocates nothing. Arithmetic is single precision.
    /// </summary>
    public sealed class BayDetector
    {
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

        // A neighbour's change within this time of a weak step here explains that step.
        private const int CrosstalkWindowMs = 10000;

        // An occupied bay's field settles within this time of a neighbour's change (a 4 µT step takes
        // ~10 s to pass the stability test, then 5 s more).
        private const int NeighbourSettleMs = 60000;

        // A departure removes at least this share of the parked vehicle's own field.
        private const float CarGoneShare = 0.6f;

        // Settled steps of at least this share of the weak test, yet under it, are remembered as a vehicle
        // that may have come unseen: above the settled field's noise (~0.3 µT), below a motorbike.
        private const float MissedStepShare = 0.5f;

        // A later weak step that undoes a remembered one to within this share of the weak test is that
        // vehicle leaving: the step vectors are drift-free, so their sum is near zero only for a return.
        private const float ReturnShare = 0.33f;

        // Longest sample gap one baseline / mean step may span, so a long outage is not one big jump.
        private const int MaxStepMs = 10000;

        private readonly BayDetectorSettings _settings;

        private float _baseX;
        private float _baseY;
        private float _baseZ;

        private bool _hasLastSample;
        private long _lastSampleMs;
        private float _meanX;
        private float _meanY;
        private float _meanZ;
        private long _unstableAtMs;

        private bool _calibrating;
        private int _calCount;
        private float _calSumX;
        private float _calSumY;
        private float _calSumZ;
        private float _calMinX;
        private float _calMinY;
        private float _calMinZ;
        private float _calMaxX;
        private float _calMaxY;
        private float _calMaxZ;

        private int _runKind;
        private long _runStartMs;

        private bool _everValid;
        private long _lastValidMs;
        private FaultReason _lastFault;
        private bool _hasPrevious;
        private float _prevX;
        private float _prevY;
        private float _prevZ;
        private long _sameSinceMs;

        private float _quietX;
        private float _quietY;
        private float _quietZ;
        private float _preX;
        private float _preY;
        private float _preZ;
        private float _occX;
        private float _occY;
        private float _occZ;

        // The parked vehicle's own field (occupied level at the arrival − empty field before it): drift
        // moves the empty and the occupied field alike, so a departure takes this vector away again.
        private float _carX;
        private float _carY;
        private float _carZ;

        private bool _reanchoring;
        private long _neighbourChangedAtMs = long.MinValue / 2;
        private float _neighbourStepUt;
        private long _occupiedDecidedAtMs;
        private long _freeDecidedAtMs = long.MinValue / 2;

        // The occupied level before a neighbour's change: the shift it settles to is that car's field, and
        // moves the empty field under this bay's vehicle as well.
        private bool _neighbourShiftPending;
        private float _occBeforeNeighbourX;
        private float _occBeforeNeighbourY;
        private float _occBeforeNeighbourZ;

        // The last settled step of a free bay too weak to count and explained by no neighbour: perhaps a
        // vehicle that came unseen, whose departure must then not be read as an arrival.
        private bool _hasMissedStep;
        private float _missedX;
        private float _missedY;
        private float _missedZ;

        // Weak-signature evidence: the settled field before the last change in a free bay, and when it changed.
        private bool _weakActive;
        private long _weakStepAtMs;
        private float _weakRefX;
        private float _weakRefY;
        private float _weakRefZ;
        private long _releasedAtMs = long.MinValue / 2;
        private float _absorbUt;
        private bool _watchdogLatched;
        private bool _occupiedBeforeUnknown;
        private long _reviewAtMs;
        private float _stayMinX;
        private float _stayMinY;
        private float _stayMinZ;
        private float _stayMaxX;
        private float _stayMaxY;
        private float _stayMaxZ;

        /// <summary>A new detector learns its baseline from its first readings, assuming the bay is
        /// empty (until then the bay is unknown); <see cref="SetBaseline"/> restores a saved one instead.</summary>
        public BayDetector(BayDetectorSettings settings)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            _settings = settings;
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
            get { return _calibrating; }
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

                if (_calibrating)
                {
                    // Learning a baseline, unless the sensor is not even giving readings.
                    return _lastFault != FaultReason.None ? _lastFault : FaultReason.WarmingUp;
                }

                return _watchdogLatched ? FaultReason.BadData : _lastFault;
            }
        }

        public float BaselineXUt
        {
            get { return _baseX; }
        }

        public float BaselineYUt
        {
            get { return _baseY; }
        }

        public float BaselineZUt
        {
            get { return _baseZ; }
        }

        /// <summary>Times the bay went unknown because of its sensor.</summary>
        public int SensorFaultCount { get; private set; }

        /// <summary>Watchdog re-examinations that found the field untrustworthy.</summary>
        public int WatchdogCount { get; private set; }

        /// <summary>Watchdog re-examinations that found a live field (a genuinely long stay).</summary>
        public int LongStayCount { get; private set; }

        /// <summary>Calibrations restarted because the field moved during them.</summary>
        public int CalibrationRetryCount { get; private set; }

        /// <summary>Set when a long stay was re-examined and found live; the owner reports it and clears it.</summary>
        public bool LongStayPending { get; set; }

        /// <summary>How long the current stay has lasted at the last re-examination, ms.</summary>
        public long LongStayMs { get; private set; }

        /// <summary>Largest per-axis span of the field during the re-examined stay, µT.</summary>
        public float LongStaySpanUt { get; private set; }

        /// <summary>Restores a saved empty-bay baseline; the state is decided from the next readings.</summary>
        public void SetBaseline(float xUt, float yUt, float zUt)
        {
            _baseX = xUt;
            _baseY = yUt;
            _baseZ = zUt;
            HasBaseline = true;
            _calibrating = false;
            _watchdogLatched = false;
            _runKind = RunNone;
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
            bool settled = !_hasPrevious || IsNear(xUt - _prevX, yUt - _prevY, zUt - _prevZ, 2f * _settings.StableUt);
            if (IsFrozen(nowMs, xUt, yUt, zUt))
            {
                return Fail(nowMs, FaultReason.BadData);
            }

            long stepMs = _hasLastSample ? nowMs - _lastSampleMs : 0;
            stepMs = stepMs < 0 ? 0 : stepMs > MaxStepMs ? MaxStepMs : stepMs;
            _hasLastSample = true;
            _lastSampleMs = nowMs;
            _everValid = true;
            _lastValidMs = nowMs;
            _lastFault = FaultReason.None;

            if (_calibrating)
            {
                DeviationUt = -1f;
                return Calibrate(nowMs, xUt, yUt, zUt);
            }

            float dx = xUt - _baseX;
            float dy = yUt - _baseY;
            float dz = zUt - _baseZ;
            float deviation = Distance(dx, dy, dz);
            DeviationUt = deviation;
            long quietForMs = nowMs - _unstableAtMs;
            bool stable = FollowMean(nowMs, stepMs, xUt, yUt, zUt);

            if (State == ParkingBayState.Free)
            {
                if (settled && nowMs - _releasedAtMs <= SettleAfterReleaseMs
                    && IsNear(xUt - _quietX, yUt - _quietY, zUt - _quietZ, _absorbUt))
                {
                    // Just after a departure the empty field is whatever the field settles to, not the
                    // occupied level (a stale baseline alone must not re-occupy the bay) nor the reading
                    // the release was decided on (the car may still have been pulling out): the
                    // stability mean restarts from it too. After a neighbour's car shifted the field,
                    // only shifts a neighbour can make are absorbed: a car pulling in here meanwhile is not.
                    _meanX = _quietX = xUt;
                    _meanY = _quietY = yUt;
                    _meanZ = _quietZ = zUt;
                }

                if (deviation >= _settings.OccupyUt)
                {
                    // Only a settled field that stepped by the occupy threshold away from the last settled
                    // one counts: a vehicle swinging through the bay to park next door changes it from one
                    // reading to the next, drift creeping past the threshold makes no step, and a
                    // neighbour's car makes a step of a few µT only.
                    if (_runKind != RunHigh)
                    {
                        _preX = _quietX;
                        _preY = _quietY;
                        _preZ = _quietZ;
                    }

                    float stepUt = Distance(xUt - _preX, yUt - _preY, zUt - _preZ);
                    if (settled && stepUt >= _settings.OccupyUt)
                    {
                        if (IsCrosstalk(stepUt, nowMs))
                        {
                            // The car next door came or went: its field, not a car here, made this step.
                            CrosstalkCount++;
                            Reanchor(xUt, yUt, zUt, nowMs, _settings.CrosstalkStepUt);
                            _runKind = RunNone;
                            return false;
                        }

                        if (Run(RunHigh, nowMs, _settings.OccupyDebounceMs))
                        {
                            LastStepUt = stepUt;
                            _occupiedDecidedAtMs = nowMs;
                            return Occupy(nowMs);
                        }

                        return false;
                    }
                }

                // Not an arrival (possibly a stale baseline after a long stay): track below.
                _runKind = RunNone;
                if (WeighWeakEvidence(nowMs, stable, quietForMs))
                {
                    return true;
                }

                if (_reanchoring && deviation < _settings.ReleaseUt / 2f)
                {
                    _reanchoring = false;
                }

                if (stable && nowMs - _unstableAtMs >= _settings.StableForMs)
                {
                    // Confidently free: follow drift with a first-order low-pass (alpha = dt / tau), at most
                    // as fast as drift plausibly goes, so a vehicle too weak to detect is not soaked up at once.
                    float alpha = (float)stepMs / (_reanchoring ? ReanchorTauMs : _settings.BaselineTauMs);
                    float limit = _reanchoring ? deviation : _settings.MaxDriftUtPerHour * stepMs / 3600000f;
                    float step = deviation * alpha;
                    float scale = step > limit ? limit / step : 1f;
                    _baseX += dx * alpha * scale;
                    _baseY += dy * alpha * scale;
                    _baseZ += dz * alpha * scale;
                }

                return false;
            }

            if (State == ParkingBayState.Occupied)
            {
                WidenStaySpan(xUt, yUt, zUt);
                if (stable && nowMs - _unstableAtMs >= OccupiedSettleMs && _runKind != RunLow)
                {
                    // The occupied level follows slow drift, so drift alone never releases a bay; not
                    // while a departure is being weighed, or it would swallow a weak vehicle's step. It
                    // follows no faster than drift goes: the stability mean takes seconds to cross a weak
                    // departure's step and must not drag the level along, and a bus standing beside a car
                    // for a minute must not become the car's level (its leaving would look like the car's).
                    if (_neighbourShiftPending)
                    {
                        ShiftEmptyFieldByNeighbour(nowMs);
                    }

                    float heldUt = Distance(_carX, _carY, _carZ);
                    bool larger = !IsNear(_meanX - _preX, _meanY - _preY, _meanZ - _preZ, heldUt + _settings.OccupyUt);
                    float followUt = Distance(_meanX - _occX, _meanY - _occY, _meanZ - _occZ);
                    float limitUt = _settings.MaxDriftUtPerHour * stepMs / 3600000f;
                    float share = larger || followUt <= limitUt ? 1f : limitUt / followUt;
                    _occX += (_meanX - _occX) * share;
                    _occY += (_meanY - _occY) * share;
                    _occZ += (_meanZ - _occZ) * share;
                    if (larger)
                    {
                        // The field settled a vehicle's worth farther from the empty field than the vehicle
                        // it was decided on (a car took the place of a motorbike, or one came while the
                        // bay was wrongly held occupied): that larger field is what a departure must remove.
                        RememberVehicleField();
                    }
                }

                // A vehicle weaker than the occupy threshold leaves as it came: judged on the settled field
                // and only after the step has stood longer than a bus may queue beside the bay.
                float carUt = Distance(_carX, _carY, _carZ);
                bool weak = carUt < _settings.OccupyUt;
                float fx = weak ? _meanX : xUt;
                float fy = weak ? _meanY : yUt;
                float fz = weak ? _meanZ : zUt;
                float fromBaseline = weak ? Distance(fx - _baseX, fy - _baseY, fz - _baseZ) : deviation;

                // A departure is a step away from the occupied level (at least most of the vehicle's own
                // field) ending near the empty field: the baseline or, if drift outran the baseline, the
                // field just before the arrival; or a step that takes the vehicle's own field vector away
                // again, which ends at the empty field wherever drift has moved it during a long stay.
                // A field right at the baseline also releases a vehicle stronger than the occupy threshold,
                // whatever led there; drift alone brings a weak vehicle's field that close, so it must step.
                float fromEmpty = Math.Min(fromBaseline, Distance(fx - _preX, fy - _preY, fz - _preZ));
                float fromOccupied = Distance(fx - _occX, fy - _occY, fz - _occZ);
                bool stepped = fromOccupied >= Math.Min(_settings.ReleaseUt, CarGoneShare * carUt);
                bool carGone = IsNear(fx - _occX + _carX, fy - _occY + _carY, fz - _occZ + _carZ, Math.Max(_settings.ReleaseUt / 2f, (1f - CarGoneShare) * carUt));
                bool nearEmpty = fromEmpty < Math.Min(_settings.ReleaseUt, (1f - CarGoneShare) * carUt);
                bool released = (stepped && (carGone || nearEmpty || fromEmpty < fromOccupied * _settings.ReleaseRatio))
                    || (fromBaseline < _settings.ReleaseUt / 2f && (weak || fromOccupied >= _settings.ReleaseUt / 2f));
                // While a neighbour's shift is still settling, a step of its size is that shift; once it is
                // in the empty field, a step is this bay's own (a motorbike leaving 20 s after the car next door).
                if (released && !(_neighbourShiftPending && IsNeighbourShift(fromOccupied, nowMs)))
                {
                    if (!Run(RunLow, nowMs, weak ? _settings.WeakHoldMs : _settings.ReleaseDebounceMs))
                    {
                        return false;
                    }

                    long changedAtMs = _runStartMs;
                    LastStepUt = fromOccupied;
                    _freeDecidedAtMs = nowMs;
                    Reanchor(xUt, yUt, zUt, nowMs, float.MaxValue);
                    _reanchoring = deviation >= _settings.ReleaseUt;
                    return SetState(ParkingBayState.Free, BayChangeCause.Detection, changedAtMs);
                }

                _runKind = RunNone;
                return Review(nowMs);
            }

            // Unknown with a baseline: decide afresh after a debounced run, except that a watchdog
            // verdict stands until the field drops to the empty-bay level.
            if (deviation < _settings.ReleaseUt)
            {
                return Run(RunLow, nowMs, _settings.ReleaseDebounceMs) && Release();
            }

            if (!_watchdogLatched && _occupiedBeforeUnknown)
            {
                // The sensor went silent under a car: the baseline is as stale as the drift under that
                // car made it, so judge as a departure would be judged: within drift of the empty field
                // (twice the occupy threshold) and nearer to it than to the occupied level means the car
                // left meanwhile; farther off, a car (that one or another) is there.
                if (!settled)
                {
                    // A vehicle moving over the sensor (perhaps the one leaving): wait until it settles.
                    _runKind = RunNone;
                    return false;
                }

                float fromEmpty = Math.Min(deviation, Distance(xUt - _preX, yUt - _preY, zUt - _preZ));
                float fromOccupied = Distance(xUt - _occX, yUt - _occY, zUt - _occZ);
                if (fromEmpty < 2f * _settings.OccupyUt && fromEmpty < fromOccupied * _settings.ReleaseRatio)
                {
                    if (!Run(RunLow, nowMs, _settings.ReleaseDebounceMs))
                    {
                        return false;
                    }

                    long changedAtMs = _runStartMs;
                    Reanchor(xUt, yUt, zUt, nowMs, float.MaxValue);
                    _reanchoring = true;
                    return SetState(ParkingBayState.Free, BayChangeCause.Detection, changedAtMs);
                }

                return Run(RunHigh, nowMs, _settings.OccupyDebounceMs) && Occupy(nowMs);
            }

            if (!_watchdogLatched && deviation >= (_settings.OccupyUt + _settings.ReleaseUt) / 2f)
            {
                return Run(RunHigh, nowMs, _settings.OccupyDebounceMs) && Occupy(nowMs);
            }

            _runKind = RunNone;
            return false;
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
            if (_weakActive && (nowMs - _weakStepAtMs <= CrosstalkWindowMs || nowMs - _unstableAtMs <= CrosstalkWindowMs))
            {
                // A weak step here at the time the car next door moved is that car's field, also when
                // something else (a passing car) had already started the evidence a while before.
                _weakActive = false;
            }

            if (State == ParkingBayState.Occupied && !_neighbourShiftPending)
            {
                _neighbourShiftPending = true;
                _occBeforeNeighbourX = _occX;
                _occBeforeNeighbourY = _occY;
                _occBeforeNeighbourZ = _occZ;
            }

            if (Cause != BayChangeCause.Detection || !IsCrosstalk(LastStepUt, nowMs))
            {
                return false;
            }

            if (State == ParkingBayState.Occupied && nowMs - _occupiedDecidedAtMs <= CrosstalkWindowMs)
            {
                CrosstalkCount++;
                Reanchor(_prevX, _prevY, _prevZ, nowMs, _settings.CrosstalkStepUt);
                _reanchoring = true;
                return SetState(ParkingBayState.Free, BayChangeCause.Detection, nowMs);
            }

            if (State == ParkingBayState.Free && nowMs - _freeDecidedAtMs <= CrosstalkWindowMs && IsNeighbourShift(LastStepUt, nowMs))
            {
                // A weak vehicle here, there before the car next door moved, seemed to leave as it moved:
                // that car's field shifted this one (it can cancel a motorbike's). The vehicle stays; the
                // empty field it would leave behind has shifted with the occupied one.
                CrosstalkCount++;
                MoveOccupiedLevel(_occX, _occY, _occZ, _prevX, _prevY, _prevZ);
                _reanchoring = false;
                _releasedAtMs = long.MinValue / 2;
                _reviewAtMs = nowMs + _settings.MaxStayMs;
                _occupiedDecidedAtMs = long.MinValue / 2;
                return SetState(ParkingBayState.Occupied, BayChangeCause.Detection, nowMs);
            }

            return false;
        }

        /// <summary>Set by the owner while a bay next to this one is unknown (its sensor silent or learning
        /// its baseline): that bay's changes would go unreported, so the slow test for weak signatures waits.</summary>
        public bool NeighbourUnknown { get; set; }

        /// <summary>Size of the step that made the last detected arrival or departure, µT (passed to neighbours).</summary>
        public float LastStepUt { get; private set; }

        /// <summary>Arrivals decided by the slow test for weak signatures.</summary>
        public int WeakCount { get; private set; }

        /// <summary>Weak steps put down to a neighbour's change (arrivals dropped or withdrawn).</summary>
        public int CrosstalkCount { get; private set; }

        /// <summary>A read that gave no valid value. True when <see cref="State"/> changed (to unknown,
        /// once no valid reading has come for <see cref="BayDetectorSettings.FailHoldMs"/>).</summary>
        public bool Fail(long nowMs, FaultReason reason)
        {
            _lastFault = reason == FaultReason.None ? FaultReason.NotResponding : reason;
            DeviationUt = -1f;
            if (State == ParkingBayState.Unknown || (_everValid && nowMs - _lastValidMs < _settings.FailHoldMs))
            {
                return false;
            }

            SensorFaultCount++;
            _runKind = RunNone;
            return SetState(ParkingBayState.Unknown, BayChangeCause.SensorFault, nowMs);
        }

        /// <summary>
        /// The slow second test for vehicles too weak for the occupy threshold (a motorbike beside the
        /// sensor, one half of a car straddling two bays): when the settled field of a free bay has stood
        /// at least <see cref="BayDetectorSettings.WeakOccupyUt"/> away from the field before its last
        /// change for <see cref="BayDetectorSettings.WeakHoldMs"/> (longer than a bus queueing in the
        /// lane), and no neighbour changed within 10 s of that change, the bay is occupied from the
        /// change on. True when the state changed.
        /// </summary>
        private bool WeighWeakEvidence(long nowMs, bool stable, long quietForMs)
        {
            if (NeighbourUnknown)
            {
                // A car coming or going next door would go unreported: no weak step here can be explained.
                _weakActive = false;
                return false;
            }

            if (!stable)
            {
                // A change after a quiet spell starts the evidence; the field before it is the reference.
                // While the field still stands away from an earlier reference (a queueing bus leaving),
                // that reference is kept, so the return to it is not taken as a new step.
                bool backAtReference = !_weakActive || IsNear(_quietX - _weakRefX, _quietY - _weakRefY, _quietZ - _weakRefZ, _settings.WeakOccupyUt / 2f);
                if (quietForMs >= _settings.StableForMs && backAtReference)
                {
                    _weakActive = nowMs - _neighbourChangedAtMs > CrosstalkWindowMs;
                    _weakStepAtMs = nowMs;
                    _weakRefX = _quietX;
                    _weakRefY = _quietY;
                    _weakRefZ = _quietZ;
                }

                return false;
            }

            if (!_weakActive || nowMs - _weakStepAtMs < _settings.WeakHoldMs || nowMs - _unstableAtMs < _settings.StableForMs)
            {
                return false;
            }

            _weakActive = false;
            float stepX = _meanX - _weakRefX;
            float stepY = _meanY - _weakRefY;
            float stepZ = _meanZ - _weakRefZ;
            bool undoesMissed = _hasMissedStep
                && IsNear(stepX + _missedX, stepY + _missedY, stepZ + _missedZ, ReturnShare * _settings.WeakOccupyUt);
            if (IsNear(stepX, stepY, stepZ, _settings.WeakOccupyUt))
            {
                // Too weak to count. Remember it, unless it is mere noise or undid the remembered one
                // (that vehicle came and went unseen).
                if (undoesMissed)
                {
                    _hasMissedStep = false;
                }
                else if (!IsNear(stepX, stepY, stepZ, MissedStepShare * _settings.WeakOccupyUt))
                {
                    _hasMissedStep = true;
                    _missedX = stepX;
                    _missedY = stepY;
                    _missedZ = stepZ;
                }

                return false;
            }

            if (IsNear(_meanX - _baseX, _meanY - _baseY, _meanZ - _baseZ, _settings.WeakOccupyUt / 2f))
            {
                // Back at the empty bay's field: what stood there before was the passing thing (a bus queueing).
                return false;
            }

            if (undoesMissed)
            {
                // The vehicle that came unseen left: the field is the empty bay's again.
                _hasMissedStep = false;
                _reanchoring = true;
                return false;
            }

            _runStartMs = _weakStepAtMs;
            LastStepUt = Distance(_meanX - _weakRefX, _meanY - _weakRefY, _meanZ - _weakRefZ);
            _occupiedDecidedAtMs = nowMs;
            bool changed = Occupy(nowMs);
            _preX = _weakRefX;
            _preY = _weakRefY;
            _preZ = _weakRefZ;
            RememberVehicleField();
            WeakCount++;
            return changed;
        }

        /// <summary>The occupied level settled after a neighbour's change: a shift a neighbour's car can make
        /// is that car's field, added to the empty field under this bay's vehicle too, so that the vehicle's
        /// departure still ends near it and the shift is not taken for a larger vehicle here.</summary>
        private void ShiftEmptyFieldByNeighbour(long nowMs)
        {
            _neighbourShiftPending = false;
            if (nowMs - _neighbourChangedAtMs <= NeighbourSettleMs
                && IsNear(_meanX - _occBeforeNeighbourX, _meanY - _occBeforeNeighbourY, _meanZ - _occBeforeNeighbourZ, _settings.CrosstalkStepUt))
            {
                MoveOccupiedLevel(_occBeforeNeighbourX, _occBeforeNeighbourY, _occBeforeNeighbourZ, _meanX, _meanY, _meanZ);
            }
        }

        /// <summary>A neighbour's car moved the occupied level from one field to another: the empty field
        /// under this bay's vehicle (baseline and the field before the arrival) moved by as much.</summary>
        private void MoveOccupiedLevel(float fromX, float fromY, float fromZ, float toX, float toY, float toZ)
        {
            _preX += toX - fromX;
            _preY += toY - fromY;
            _preZ += toZ - fromZ;
            _baseX += toX - fromX;
            _baseY += toY - fromY;
            _baseZ += toZ - fromZ;
            _occX = toX;
            _occY = toY;
            _occZ = toZ;
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
        private void Reanchor(float xUt, float yUt, float zUt, long nowMs, float absorbUt)
        {
            _releasedAtMs = nowMs;
            _absorbUt = absorbUt;
            _meanX = _quietX = xUt;
            _meanY = _quietY = yUt;
            _meanZ = _quietZ = zUt;
        }

        private static float Distance(float dx, float dy, float dz)
        {
            return (float)Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
        }

        private static bool IsNear(float dx, float dy, float dz, float limit)
        {
            return (dx * dx) + (dy * dy) + (dz * dz) <= limit * limit;
        }

        private bool IsFrozen(long nowMs, float xUt, float yUt, float zUt)
        {
            if (_hasPrevious && xUt == _prevX && yUt == _prevY && zUt == _prevZ)
            {
                return nowMs - _sameSinceMs >= _settings.FrozenMs;
            }

            _hasPrevious = true;
            _prevX = xUt;
            _prevY = yUt;
            _prevZ = zUt;
            _sameSinceMs = nowMs;
            return false;
        }

        private bool FollowMean(long nowMs, long stepMs, float xUt, float yUt, float zUt)
        {
            float ex = xUt - _meanX;
            float ey = yUt - _meanY;
            float ez = zUt - _meanZ;
            // After a gap (dropout) the mean moves by at most one normal step: what changed while the
            // sensor was silent must still look like a change, not like the settled field.
            float alpha = (float)Math.Min(stepMs, 1000L) / StabilityTauMs;
            _meanX += ex * alpha;
            _meanY += ey * alpha;
            _meanZ += ez * alpha;
            float limit = _settings.StableUt;
            if (!IsNear(ex, ey, ez, limit))
            {
                _unstableAtMs = nowMs;
                return false;
            }

            // The last settled field: while a vehicle manoeuvres in, this still holds the field before it.
            _quietX = _meanX;
            _quietY = _meanY;
            _quietZ = _meanZ;

            return true;
        }

        private bool Run(int kind, long nowMs, int debounceMs)
        {
            if (_runKind != kind)
            {
                _runKind = kind;
                _runStartMs = nowMs;
            }

            return nowMs - _runStartMs >= debounceMs;
        }

        private bool Occupy(long nowMs)
        {
            _reviewAtMs = _runStartMs + _settings.MaxStayMs;
            if (IsNear(_preX - _prevX, _preY - _prevY, _preZ - _prevZ, _settings.OccupyUt))
            {
                // No vehicle-sized step since the last settled field (drift crept over the threshold):
                // that field is not the empty bay; only the baseline is.
                _preX = _baseX;
                _preY = _baseY;
                _preZ = _baseZ;
            }

            _occX = _prevX;
            _occY = _prevY;
            _occZ = _prevZ;
            RememberVehicleField();
            _stayMaxX = _stayMinX = _prevX;
            _stayMaxY = _stayMinY = _prevY;
            _stayMaxZ = _stayMinZ = _prevZ;
            return SetState(ParkingBayState.Occupied, BayChangeCause.Detection, _runStartMs);
        }

        /// <summary>The parked vehicle's own field: the occupied level less the empty field before it.</summary>
        private void RememberVehicleField()
        {
            _carX = _occX - _preX;
            _carY = _occY - _preY;
            _carZ = _occZ - _preZ;
        }

        private bool Release()
        {
            _watchdogLatched = false;
            return SetState(ParkingBayState.Free, BayChangeCause.Detection, _runStartMs);
        }

        private void WidenStaySpan(float xUt, float yUt, float zUt)
        {
            _stayMinX = Math.Min(_stayMinX, xUt);
            _stayMinY = Math.Min(_stayMinY, yUt);
            _stayMinZ = Math.Min(_stayMinZ, zUt);
            _stayMaxX = Math.Max(_stayMaxX, xUt);
            _stayMaxY = Math.Max(_stayMaxY, yUt);
            _stayMaxZ = Math.Max(_stayMaxZ, zUt);
        }

        private bool Review(long nowMs)
        {
            if (nowMs < _reviewAtMs)
            {
                return false;
            }

            float span = Math.Max(_stayMaxX - _stayMinX, Math.Max(_stayMaxY - _stayMinY, _stayMaxZ - _stayMinZ));
            LongStayMs = nowMs - ChangedAtMs;
            LongStaySpanUt = span;
            if (span < _settings.StaticSpanUt)
            {
                WatchdogCount++;
                _watchdogLatched = true;
                return SetState(ParkingBayState.Unknown, BayChangeCause.Watchdog, nowMs);
            }

            LongStayCount++;
            LongStayPending = true;
            _reviewAtMs = nowMs + _settings.MaxStayMs;
            _stayMaxX = _stayMinX = _prevX;
            _stayMaxY = _stayMinY = _prevY;
            _stayMaxZ = _stayMinZ = _prevZ;
            return false;
        }

        private void StartCalibration()
        {
            _calibrating = true;
            _calCount = 0;
            _runKind = RunNone;
        }

        private bool Calibrate(long nowMs, float xUt, float yUt, float zUt)
        {
            if (_calCount == 0)
            {
                _calSumX = _calSumY = _calSumZ = 0f;
                _calMinX = _calMaxX = xUt;
                _calMinY = _calMaxY = yUt;
                _calMinZ = _calMaxZ = zUt;
            }

            _calSumX += xUt;
            _calSumY += yUt;
            _calSumZ += zUt;
            _calMinX = Math.Min(_calMinX, xUt);
            _calMinY = Math.Min(_calMinY, yUt);
            _calMinZ = Math.Min(_calMinZ, zUt);
            _calMaxX = Math.Max(_calMaxX, xUt);
            _calMaxY = Math.Max(_calMaxY, yUt);
            _calMaxZ = Math.Max(_calMaxZ, zUt);
            _calCount++;
            if (_calCount < _settings.CalibrationSamples)
            {
                return false;
            }

            float span = Math.Max(_calMaxX - _calMinX, Math.Max(_calMaxY - _calMinY, _calMaxZ - _calMinZ));
            if (span > _settings.CalibrationSpanUt)
            {
                // Something moved nearby: the average would not be the empty bay. Start over.
                CalibrationRetryCount++;
                _calCount = 0;
                return false;
            }

            SetBaseline(_calSumX / _calCount, _calSumY / _calCount, _calSumZ / _calCount);
            _meanX = _quietX = _baseX;
            _meanY = _quietY = _baseY;
            _meanZ = _quietZ = _baseZ;
            _unstableAtMs = nowMs;
            DeviationUt = 0f;
            return SetState(ParkingBayState.Free, BayChangeCause.Recalibration, nowMs);
        }

        private bool SetState(ParkingBayState state, BayChangeCause cause, long changedAtMs)
        {
            _runKind = RunNone;
            _weakActive = false;
            if (state == State)
            {
                return false;
            }

            _neighbourShiftPending = false;
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
