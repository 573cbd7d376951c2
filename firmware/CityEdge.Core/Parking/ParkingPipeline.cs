using System;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Parking
{
    /// <summary>
    /// Reads one magnetometer per bay every parking.period_ms, runs each bay's <see cref="BayDetector"/>,
    /// sends a "bay state changed" event at once on every change (with how long ago it really happened),
    /// and puts the bay states into each report. A bay whose sensor is missing (null) or failing is
    /// unknown, and the report's health group says why. The bays form a <see cref="BayRow"/>: a change in
    /// bay i is passed to bays i ± 1 so they can tell its field from an arrival. With a store, what each bay
    /// knows survives a reboot (<see cref="BayStateStore"/>).
    /// </summary>
    public sealed class ParkingPipeline : INodePipeline, IHealthCounters
    {
        private const string LogTag = "parking";

        private readonly IMagnetometer[] _sensors;
        private readonly BayRow _row;
        private readonly IEventSink _events;
        private readonly ILogSink _log;
        private readonly MagneticSample _sample = new MagneticSample();
        private readonly byte[] _payload = new byte[ParkingEvents.BayStateChangedLength];
        private readonly BayStateStore _states;

        /// <param name="sensors">Bay i reads sensors[i]; a missing or null entry is a bay without a working sensor.</param>
        /// <param name="store">Where the bays' baselines and states are kept across reboots; null keeps nothing.</param>
        public ParkingPipeline(IMagnetometer[] sensors, int bayCount, BayDetectorSettings settings, IEventSink events, ILogSink log, IPersistentStore store)
        {
            if (bayCount < 1 || bayCount > TelemetryReport.MaxParkingBays)
            {
                throw new ArgumentOutOfRangeException("bayCount", "bays must be 1.." + TelemetryReport.MaxParkingBays + ", got " + bayCount);
            }

            if (events == null)
            {
                throw new ArgumentNullException("events");
            }

            _sensors = sensors ?? new IMagnetometer[0];
            _events = events;
            _log = log ?? NullLogSink.Instance;
            _row = new BayRow(bayCount, settings);
            if (store != null)
            {
                _states = new BayStateStore(store, bayCount, _log);
                _states.Restore(_row);
            }
        }

        /// <summary>Where the bays' states are kept across reboots; null when the pipeline has no store.</summary>
        public BayStateStore States
        {
            get { return _states; }
        }

        public int BayCount
        {
            get { return _row.BayCount; }
        }

        /// <summary>Failed or out-of-range reads since start-up, all bays.</summary>
        public int ReadErrorCount { get; private set; }

        /// <summary>Bay state changes sent as events since start-up.</summary>
        public int ChangeCount { get; private set; }

        public int HealthCounterCount
        {
            get { return 4; }
        }

        public BayDetector GetDetector(int bay)
        {
            return _row.GetDetector(bay);
        }

        public string GetHealthCounterName(int index)
        {
            switch (index)
            {
                case 0:
                    return "parking_read_errors";
                case 1:
                    return "parking_changes";
                case 2:
                    return "parking_watchdog_trips";
                default:
                    return "parking_long_stays";
            }
        }

        public long GetHealthCounterValue(int index)
        {
            long total = 0;
            for (int i = 0; i < _row.BayCount; i++)
            {
                BayDetector detector = _row.GetDetector(i);
                total += index == 2 ? detector.WatchdogCount : detector.LongStayCount;
            }

            return index == 0 ? ReadErrorCount : index == 1 ? ChangeCount : total;
        }

        /// <summary>
        /// The technician's command at an empty bay: learn a new baseline from the next readings. The bay
        /// is unknown (event sent) until it is done, then free (event sent). False for a bay that does not exist.
        /// </summary>
        public bool Recalibrate(int bay, long nowMs)
        {
            if (bay < 0 || bay >= _row.BayCount)
            {
                return false;
            }

            _log.Write(LogLevel.Info, LogTag, "bay " + bay + " recalibration requested");
            if (_row.GetDetector(bay).Recalibrate(nowMs))
            {
                Announce(bay, nowMs);
            }

            return true;
        }

        public void Run(long nowMs)
        {
            for (int bay = 0; bay < _row.BayCount; bay++)
            {
                int changed = Sample(bay, nowMs);
                for (int i = 0; i < changed; i++)
                {
                    Announce(_row.GetChangedBay(i), nowMs);
                }

                BayDetector detector = _row.GetDetector(bay);
                if (detector.LongStayPending)
                {
                    detector.LongStayPending = false;
                    int length = ParkingEvents.EncodeLongStay(bay, detector.LongStayMs, detector.LongStaySpanUt, _payload, 0);
                    _events.Emit(ParkingEvents.TypeLongStay, _payload, 0, length);
                    _log.Write(LogLevel.Warning, LogTag, "bay " + bay + " occupied for " + (detector.LongStayMs / 3600000L) + " h; field alive, still occupied");
                }
            }

            if (_states != null)
            {
                _states.SaveIfDue(nowMs, _row);
            }
        }

        public void Contribute(TelemetryReport report)
        {
            report.SetParkingBayCount(_row.BayCount);
            FaultReason fault = FaultReason.None;
            for (int bay = 0; bay < _row.BayCount; bay++)
            {
                BayDetector detector = _row.GetDetector(bay);
                report.SetBayState(bay, detector.State);
                if (fault == FaultReason.None)
                {
                    fault = detector.Fault;
                }
            }

            if (fault != FaultReason.None)
            {
                report.AddFault(FaultSource.Parking, fault);
            }
        }

        /// <summary>Reads bay's sensor into the row; returns how many bays changed state.</summary>
        private int Sample(int bay, long nowMs)
        {
            IMagnetometer sensor = bay < _sensors.Length ? _sensors[bay] : null;
            if (sensor == null)
            {
                return _row.Fail(bay, nowMs, FaultReason.NotResponding);
            }

            if (!sensor.TryRead(_sample))
            {
                ReadErrorCount++;
                return _row.Fail(bay, nowMs, sensor.LastFault);
            }

            float limit = sensor.FullScaleUt;
            if (!(Math.Abs(_sample.XUt) < limit && Math.Abs(_sample.YUt) < limit && Math.Abs(_sample.ZUt) < limit))
            {
                // At or past full scale the reading is clipped (or NaN): its deviation means nothing.
                ReadErrorCount++;
                return _row.Fail(bay, nowMs, FaultReason.OutOfRange);
            }

            return _row.Update(bay, nowMs, _sample.XUt, _sample.YUt, _sample.ZUt);
        }

        private void Announce(int bay, long nowMs)
        {
            BayDetector detector = _row.GetDetector(bay);
            ChangeCount++;
            int length = ParkingEvents.EncodeBayStateChanged(bay, detector.State, detector.Cause, nowMs - detector.ChangedAtMs, detector.DeviationUt, _payload, 0);
            _events.Emit(ParkingEvents.TypeBayStateChanged, _payload, 0, length);
            if (detector.State == ParkingBayState.Unknown)
            {
                _log.Write(LogLevel.Warning, LogTag, "bay " + bay + " unknown, cause " + (int)detector.Cause + ", fault " + (int)detector.Fault);
            }
        }
    }
}
