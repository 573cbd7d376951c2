using CityEdge.Diagnostics;
using CityEdge.Health;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Noise
{
    /// <summary>
    /// Runs the noise front end at its period and reports the interval's LAeq, LAFmax, LAFmin, LA10,
    /// LA50 and LA90. Levels outside the front end's valid range set the range flag: the values are
    /// then bounds, not measurements (docs/noise.md). An interval without a single measurement
    /// reports no noise groups and a health entry saying why. Only levels reach the report: the
    /// pipeline never sees a sample.
    /// </summary>
    public sealed class NoisePipeline : INodePipeline, IHealthCounters
    {
        private const string LogTag = "noise";
        private readonly INoiseFrontEnd _frontEnd;
        private readonly ILogSink _log;
        private readonly LevelStatistics _statistics;
        private long _measuredMs;
        private long _scheduledMs;
        private FaultReason _intervalFault;
        private bool _wasFailing;

        public NoisePipeline(INoiseFrontEnd frontEnd, ILogSink log)
        {
            _frontEnd = frontEnd;
            _log = log ?? NullLogSink.Instance;
            _statistics = new LevelStatistics(frontEnd.ValidMinDb, frontEnd.ValidMaxDb);
        }

        /// <summary>Measurements that failed since start-up.</summary>
        public int ReadErrorCount { get; private set; }

        /// <summary>Intervals reported with the range flag since start-up.</summary>
        public int OutOfRangeIntervalCount { get; private set; }

        /// <summary>Part of the last reported interval the levels cover, in per mille (1000 = all of it).</summary>
        public int MeasuredPermille { get; private set; }

        public int HealthCounterCount
        {
            get { return 3; }
        }

        public string GetHealthCounterName(int index)
        {
            return index == 0 ? "noise_read_errors" : index == 1 ? "noise_out_of_range_intervals" : "noise_measured_permille";
        }

        public long GetHealthCounterValue(int index)
        {
            return index == 0 ? ReadErrorCount : index == 1 ? OutOfRangeIntervalCount : MeasuredPermille;
        }

        public void Run(long nowMs)
        {
            _scheduledMs += _frontEnd.PeriodMs;
            int measuredMs = _frontEnd.Measure(_statistics);
            if (measuredMs <= 0)
            {
                ReadErrorCount++;
                _intervalFault = _frontEnd.LastFault == FaultReason.None ? FaultReason.NotResponding : _frontEnd.LastFault;
                if (!_wasFailing)
                {
                    _log.Write(LogLevel.Warning, LogTag, "measurement failed, reason " + (int)_intervalFault + ", errors so far " + ReadErrorCount);
                    _wasFailing = true;
                }

                return;
            }

            if (_wasFailing)
            {
                _log.Write(LogLevel.Info, LogTag, "measuring again after " + ReadErrorCount + " errors");
                _wasFailing = false;
            }

            _measuredMs += measuredMs;
        }

        public void Contribute(TelemetryReport report)
        {
            MeasuredPermille = _scheduledMs == 0 ? 0 : (int)((_measuredMs * 1000) / _scheduledMs);
            if (_statistics.HasLevels)
            {
                bool outOfRange = _statistics.OutOfRangeCount > 0;
                if (outOfRange)
                {
                    OutOfRangeIntervalCount++;
                }

                report.HasNoise = true;
                report.NoiseRangeFlag = outOfRange;
                report.LaeqDb = FrameLevel(_statistics.LaeqDb);
                report.LafmaxDb = FrameLevel(_statistics.LafmaxDb);
                report.HasNoiseStatistics = true;
                report.LafminDb = FrameLevel(_statistics.LafminDb);
                report.La10Db = _statistics.ExceedanceLevelDb(10);
                report.La50Db = _statistics.ExceedanceLevelDb(50);
                report.La90Db = _statistics.ExceedanceLevelDb(90);
            }
            else
            {
                report.AddFault(FaultSource.Noise, _intervalFault == FaultReason.None ? FaultReason.Stale : _intervalFault);
            }

            _statistics.Reset();
            _measuredMs = 0;
            _scheduledMs = 0;
            _intervalFault = FaultReason.None;
        }

        /// <summary>Levels beyond the frame's 0..150 dB can only come with the range flag set; they
        /// are sent as the limit they passed.</summary>
        private static float FrameLevel(float levelDb)
        {
            return levelDb < 0 ? 0 : levelDb > LevelStatistics.MaxLevelDb ? LevelStatistics.MaxLevelDb : levelDb;
        }
    }
}
