using System;
using CityEdge.Health;
using CityEdge.Telemetry;

namespace CityEdge.Parking
{
    /// <summary>
    /// The bays a node watches, side by side and numbered in their physical order along the row, one
    /// <see cref="BayDetector"/> each. A change detected in bay i is passed to bays i ± 1, so that they can
    /// tell the field of that car from an arrival of their own, and a bay's slow test for weak vehicles
    /// waits while a neighbour is unknown. The node's pipeline and the host's replay both feed readings
    /// through this one place. Fixed memory; no allocation per reading.
    /// </summary>
    public sealed class BayRow
    {
        private readonly BayDetector[] _detectors;

        // A bay that has never been fed is not part of the row yet (a replay file may number its bays
        // sparsely): it is neither told of changes nor counted as an unknown neighbour.
        private readonly bool[] _fed;
        private readonly int[] _changed = new int[3];

        public BayRow(int bayCount, BayDetectorSettings settings)
        {
            if (bayCount < 1)
            {
                throw new ArgumentOutOfRangeException("bayCount", "a row has at least one bay, got " + bayCount);
            }

            _detectors = new BayDetector[bayCount];
            _fed = new bool[bayCount];
            for (int i = 0; i < bayCount; i++)
            {
                _detectors[i] = new BayDetector(settings);
            }
        }

        public int BayCount
        {
            get { return _detectors.Length; }
        }

        public BayDetector GetDetector(int bay)
        {
            return _detectors[bay];
        }

        /// <summary>The bays whose state the last <see cref="Update"/> or <see cref="Fail"/> changed: the bay
        /// itself first, then a neighbour whose decision its change withdrew.</summary>
        public int GetChangedBay(int index)
        {
            return _changed[index];
        }

        /// <summary>Feeds a valid reading of <paramref name="bay"/>; returns how many bays changed state
        /// (<see cref="GetChangedBay"/>).</summary>
        public int Update(int bay, long nowMs, float xUt, float yUt, float zUt)
        {
            BayDetector detector = Feed(bay);
            return detector.Update(nowMs, xUt, yUt, zUt) ? Changed(bay, nowMs) : 0;
        }

        /// <summary>Feeds a failed read of <paramref name="bay"/>; returns how many bays changed state.</summary>
        public int Fail(int bay, long nowMs, FaultReason reason)
        {
            BayDetector detector = Feed(bay);
            return detector.Fail(nowMs, reason) ? Changed(bay, nowMs) : 0;
        }

        private BayDetector Feed(int bay)
        {
            _fed[bay] = true;
            BayDetector detector = _detectors[bay];
            detector.NeighbourUnknown = IsUnknown(bay - 1) || IsUnknown(bay + 1);
            detector.NeighbourExcursionUt = Math.Max(Excursion(bay - 1, false), Excursion(bay + 1, false));
            detector.NeighbourStandingUt = Math.Max(Excursion(bay - 1, true), Excursion(bay + 1, true));
            detector.NeighbourDisplacementUt = Math.Max(Displacement(bay - 1), Displacement(bay + 1));
            return detector;
        }

        private float Excursion(int bay, bool settledOnly)
        {
            return IsFed(bay) && (!settledOnly || _detectors[bay].IsSettled) ? _detectors[bay].ExcursionUt : 0f;
        }

        /// <summary>True for a bay of this row (<paramref name="bay"/> may be one past either end) that has had a reading.</summary>
        private bool IsFed(int bay)
        {
            return bay >= 0 && bay < _detectors.Length && _fed[bay];
        }

        private float Displacement(int bay)
        {
            return IsFed(bay) ? _detectors[bay].DisplacementUt : 0f;
        }

        private int Changed(int bay, long nowMs)
        {
            int count = 0;
            _changed[count++] = bay;
            BayDetector detector = _detectors[bay];
            if (detector.Cause == BayChangeCause.Detection && detector.State != ParkingBayState.Unknown)
            {
                if (TellNeighbour(bay - 1, detector.LastStepUt, nowMs))
                {
                    _changed[count++] = bay - 1;
                }

                if (TellNeighbour(bay + 1, detector.LastStepUt, nowMs))
                {
                    _changed[count++] = bay + 1;
                }
            }

            return count;
        }

        private bool TellNeighbour(int bay, float stepUt, long nowMs)
        {
            return IsFed(bay) && _detectors[bay].NeighbourChanged(nowMs, stepUt);
        }

        private bool IsUnknown(int bay)
        {
            return IsFed(bay) && _detectors[bay].State == ParkingBayState.Unknown;
        }
    }
}
