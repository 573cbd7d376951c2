namespace CityEdge.Parking
{
    /// <summary>
    /// Learns the empty bay's field at start-up and on a technician's recalibration: the mean of
    /// <see cref="BayDetectorSettings.CalibrationSamples"/> readings, taken only if no axis moved by more
    /// than <see cref="BayDetectorSettings.CalibrationSpanUt"/> meanwhile (a vehicle passing restarts it).
    /// </summary>
    public sealed class BaselineCalibration
    {
        private readonly BayDetectorSettings _settings;
        private readonly FieldVector _sum = new FieldVector();
        private readonly FieldRange _range = new FieldRange();
        private int _count;

        public BaselineCalibration(BayDetectorSettings settings)
        {
            _settings = settings;
        }

        public bool IsRunning { get; private set; }

        /// <summary>Averages restarted because the field moved during them.</summary>
        public int RetryCount { get; private set; }

        /// <summary>Baselines learned since start-up.</summary>
        public int CompletedCount { get; private set; }

        /// <summary>The learned empty-bay field, once <see cref="Add"/> returned true.</summary>
        public FieldVector Mean { get; } = new FieldVector();

        public void Start()
        {
            IsRunning = true;
            _count = 0;
        }

        public void Stop()
        {
            IsRunning = false;
        }

        /// <summary>One valid reading; true when enough steady readings are averaged into <see cref="Mean"/>.</summary>
        public bool Add(FieldVector reading)
        {
            if (_count == 0)
            {
                _sum.Set(0f, 0f, 0f);
                _range.Start(reading);
            }

            _sum.Add(reading);
            _range.Widen(reading);
            _count++;
            if (_count < _settings.CalibrationSamples)
            {
                return false;
            }

            if (_range.LargestSpanUt > _settings.CalibrationSpanUt)
            {
                // Something moved nearby: the average would not be the empty bay. Start over.
                RetryCount++;
                _count = 0;
                return false;
            }

            Mean.Set(_sum.X / _count, _sum.Y / _count, _sum.Z / _count);
            CompletedCount++;
            return true;
        }
    }
}
