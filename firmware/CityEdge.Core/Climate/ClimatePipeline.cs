using CityEdge.Diagnostics;
using CityEdge.Health;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Climate
{
    /// <summary>
    /// Samples the climate sensor at its period and reports the interval means. Readings outside the
    /// BME280's operating range (datasheet BST-BME280-DS002 table 1: -40..85 °C, 0..100 %RH,
    /// 300..1100 hPa) are counted and left out, never reported. An interval with no good sample
    /// reports no climate group and a health entry with the last failure reason.
    /// </summary>
    public sealed class ClimatePipeline : INodePipeline, IHealthCounters
    {
        private const string LogTag = "climate";
        private readonly IClimateSensor _sensor;
        private readonly ILogSink _log;
        private readonly ClimateSample _sample = new ClimateSample();
        private readonly ClimateSample _latest = new ClimateSample();
        private long _latestMs = -1;

        // Sums of differences from the interval's first sample: float sums of ~1000 hPa values would
        // lose the 0.1 hPa resolution over an hour; small differences keep it.
        private int _count;
        private float _refTemperature;
        private float _refHumidity;
        private float _refPressure;
        private float _sumTemperature;
        private float _sumHumidity;
        private float _sumPressure;
        private FaultReason _intervalFault;
        private bool _wasFailing;

        public ClimatePipeline(IClimateSensor sensor, ILogSink log)
        {
            _sensor = sensor;
            _log = log ?? NullLogSink.Instance;
        }

        /// <summary>Failed reads (sensor said no) since start-up.</summary>
        public int ReadErrorCount { get; private set; }

        /// <summary>Reads rejected as physically impossible since start-up.</summary>
        public int OutOfRangeCount { get; private set; }

        public int HealthCounterCount
        {
            get { return 2; }
        }

        public string GetHealthCounterName(int index)
        {
            return index == 0 ? "climate_read_errors" : "climate_out_of_range";
        }

        public long GetHealthCounterValue(int index)
        {
            return index == 0 ? ReadErrorCount : OutOfRangeCount;
        }

        /// <summary>
        /// Copies the latest good sample into <paramref name="into"/> if it is at most
        /// <paramref name="maxAgeMs"/> old at <paramref name="nowMs"/>, for pipelines that correct their
        /// readings for the weather (the air pipeline's humidity correction). Data still flows one way:
        /// the reader gets a copy and cannot change this pipeline.
        /// </summary>
        public bool TryGetLatestSample(long nowMs, long maxAgeMs, ClimateSample into)
        {
            if (_latestMs < 0 || nowMs - _latestMs > maxAgeMs)
            {
                return false;
            }

            into.TemperatureDegC = _latest.TemperatureDegC;
            into.HumidityPct = _latest.HumidityPct;
            into.PressureHpa = _latest.PressureHpa;
            return true;
        }

        public void Run(long nowMs)
        {
            if (!_sensor.TryRead(_sample))
            {
                ReadErrorCount++;
                _intervalFault = _sensor.LastFault == FaultReason.None ? FaultReason.NotResponding : _sensor.LastFault;
                if (!_wasFailing)
                {
                    _log.Write(LogLevel.Warning, LogTag, "read failed, reason " + (int)_intervalFault + ", errors so far " + ReadErrorCount);
                    _wasFailing = true;
                }

                return;
            }

            float t = _sample.TemperatureDegC;
            float h = _sample.HumidityPct;
            float p = _sample.PressureHpa;
            if (!(t >= -40f && t <= 85f && h >= 0f && h <= 100f && p >= 300f && p <= 1100f))
            {
                OutOfRangeCount++;
                _intervalFault = FaultReason.OutOfRange;
                _log.Write(LogLevel.Warning, LogTag, "reading out of range: " + t + " C, " + h + " %RH, " + p + " hPa");
                return;
            }

            _latest.TemperatureDegC = t;
            _latest.HumidityPct = h;
            _latest.PressureHpa = p;
            _latestMs = nowMs;

            if (_wasFailing)
            {
                _log.Write(LogLevel.Info, LogTag, "reading again after " + ReadErrorCount + " errors");
                _wasFailing = false;
            }

            if (_count == 0)
            {
                _refTemperature = t;
                _refHumidity = h;
                _refPressure = p;
            }

            _sumTemperature += t - _refTemperature;
            _sumHumidity += h - _refHumidity;
            _sumPressure += p - _refPressure;
            _count++;
        }

        public void Contribute(TelemetryReport report)
        {
            if (_count > 0)
            {
                report.HasClimate = true;
                report.TemperatureDegC = _refTemperature + (_sumTemperature / _count);
                report.HumidityPct = _refHumidity + (_sumHumidity / _count);
                report.PressureHpa = _refPressure + (_sumPressure / _count);
            }
            else
            {
                report.AddFault(FaultSource.Climate, _intervalFault == FaultReason.None ? FaultReason.Stale : _intervalFault);
            }

            _count = 0;
            _sumTemperature = 0;
            _sumHumidity = 0;
            _sumPressure = 0;
            _intervalFault = FaultReason.None;
        }
    }
}
