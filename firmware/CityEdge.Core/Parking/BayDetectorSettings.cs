using CityEdge.Config;

namespace CityEdge.Parking
{
    /// <summary>
    /// Tuning of <see cref="BayDetector"/>; one instance shared by every bay of a node. Defaults are
    /// the values tuned on the evaluation generator's tuning seed (docs/parking.md); the node sets the
    /// configurable ones from parking.* keys.
    /// </summary>
    public sealed class BayDetectorSettings
    {
        public BayDetectorSettings()
        {
            OccupyUt = 3.5f;
            ReleaseUt = 2.5f;
            ReleaseRatio = 0.8f;
            CrosstalkStepUt = 6f;
            WeakOccupyUt = 1.8f;
            WeakHoldMs = 120000;
            OccupyDebounceMs = 1000;
            ReleaseDebounceMs = 1000;
            BaselineTauMs = 900000;
            MaxDriftUtPerHour = 2f;
            StableUt = 1.5f;
            StableForMs = 20000;
            FailHoldMs = 30000;
            FrozenMs = 600000;
            MaxStayMs = 72L * 3600 * 1000;
            StaticSpanUt = 0.3f;
            CalibrationSamples = 10;
            CalibrationSpanUt = 3f;
        }

        /// <summary>Defaults with the parking.* keys of <paramref name="config"/> applied.</summary>
        public static BayDetectorSettings From(NodeConfig config)
        {
            BayDetectorSettings settings = new BayDetectorSettings();
            settings.OccupyUt = config.ParkingOccupyDut / 10f;
            settings.ReleaseUt = config.ParkingReleaseDut / 10f;
            settings.OccupyDebounceMs = config.ParkingOccupyDebounceMs;
            settings.ReleaseDebounceMs = config.ParkingReleaseDebounceMs;
            settings.BaselineTauMs = config.ParkingBaselineTauS * 1000;
            settings.MaxStayMs = config.ParkingMaxStayH * 3600000L;
            return settings;
        }

        /// <summary>Deviation from the empty-bay baseline at or above which a vehicle is suspected, µT.
        /// A car over an in-ground sensor moves the field by tens of µT; a car in the next bay by a few.</summary>
        public float OccupyUt { get; set; }

        /// <summary>Deviation below which the bay is suspected free again, µT (hysteresis: below <see cref="OccupyUt"/>).</summary>
        public float ReleaseUt { get; set; }

        /// <summary>
        /// The bay is also free again when the reading is at least this much closer to the empty-bay
        /// baseline than to the level it had while occupied (0..1). The baseline cannot follow drift
        /// under a parked car; after a long stay the empty field can sit several µT off it, and this
        /// relative test still sees the car's signature vanish.
        /// </summary>
        public float ReleaseRatio { get; set; }

        /// <summary>Steps smaller than this coinciding with a change in the next bay are that car's field,
        /// not an arrival here, µT: above what a neighbour does (up to ~5 µT for a van), below most halves
        /// of a car straddling two bays.</summary>
        public float CrosstalkStepUt { get; set; }

        /// <summary>The slow test for weak signatures: a settled step of at least this much from the field
        /// before it, held for <see cref="WeakHoldMs"/>, is a vehicle too, µT; above the settled field's
        /// noise, below <see cref="OccupyUt"/>. A neighbour's car makes steps this size as well: those come
        /// with the neighbour's reported change (or while that bay is unknown) and are not counted.</summary>
        public float WeakOccupyUt { get; set; }

        /// <summary>How long a weak step must stand before it counts: longer than a bus queueing in the
        /// lane (up to 90 s), short against a stay.</summary>
        public int WeakHoldMs { get; set; }

        /// <summary>How long the deviation must stay at or above <see cref="OccupyUt"/> before the bay is occupied.
        /// Longer than a passing vehicle's signature, short enough for a ~3 s detection.</summary>
        public int OccupyDebounceMs { get; set; }

        /// <summary>How long the deviation must stay below <see cref="ReleaseUt"/> before the bay is free.</summary>
        public int ReleaseDebounceMs { get; set; }

        /// <summary>Time constant with which the baseline follows the field of a confidently free bay.
        /// Slow against traffic and parking manoeuvres, fast against temperature drift (µT per hours).</summary>
        public int BaselineTauMs { get; set; }

        /// <summary>Fastest the baseline may move, µT per hour: above the temperature drift of an in-ground
        /// sensor (a few µT per day), far below a vehicle's step.</summary>
        public float MaxDriftUtPerHour { get; set; }

        /// <summary>A reading within this of the recent mean field counts as "stable", µT.</summary>
        public float StableUt { get; set; }

        /// <summary>The field must have been stable this long before the baseline follows it.</summary>
        public int StableForMs { get; set; }

        /// <summary>Without a valid reading for this long the bay becomes unknown; shorter gaps keep the last state.</summary>
        public int FailHoldMs { get; set; }

        /// <summary>Bit-identical readings on all three axes for this long mean a stuck sensor. Real readings
        /// carry noise, but a coarse LSB (HMC5883L gain 5: 0.26 µT) in a quiet night field can repeat for a
        /// while, hence minutes, not seconds.</summary>
        public int FrozenMs { get; set; }

        /// <summary>An occupied stay this long is implausible: the watchdog re-examines the field.</summary>
        public long MaxStayMs { get; set; }

        /// <summary>At re-examination, a field whose span on every axis stayed below this during the whole
        /// stay shows neither noise nor temperature drift: the sensor is not trusted, µT.</summary>
        public float StaticSpanUt { get; set; }

        /// <summary>Readings averaged into a new baseline (start-up and recalibration).</summary>
        public int CalibrationSamples { get; set; }

        /// <summary>Calibration restarts when an axis moved by more than this during it (a vehicle passed), µT.</summary>
        public float CalibrationSpanUt { get; set; }
    }
}
