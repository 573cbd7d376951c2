namespace CityEdge.Parking
{
    /// <summary>
    /// What one bay's detector must remember across a reboot so that parked vehicles need not leave before it
    /// is right again: the empty-bay baseline, whether a vehicle was there, the level its field held and the
    /// empty field before it came (its departure must return there), and what it learned about the lane.
    /// Reused, not allocated per save (<see cref="BayDetector.TakeSnapshot"/>, <see cref="BayDetector.Restore"/>).
    /// </summary>
    public sealed class BaySnapshot
    {
        /// <summary>False while no baseline was ever learned (or a recalibration was under way): learn afresh.</summary>
        public bool HasBaseline;

        /// <summary>Free or occupied; a bay that was occupied when its sensor fell silent counts as occupied.</summary>
        public bool Occupied;

        public readonly FieldVector Baseline = new FieldVector();

        /// <summary>The field the parked vehicle holds (only meaningful when <see cref="Occupied"/>).</summary>
        public readonly FieldVector OccupiedLevel = new FieldVector();

        /// <summary>The empty field just before that vehicle came.</summary>
        public readonly FieldVector EmptyBefore = new FieldVector();

        public float LaneEnvelopeUt;
        public float LanePulsesPerHour;
        public float LaneBusyUt;
    }
}
