using CityEdge.Climate;
using CityEdge.Config;
using CityEdge.Diagnostics;
using CityEdge.Health;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Air
{
    /// <summary>
    /// Duty-cycles the particulate sensor and turns its readings into corrected PM and an AQI.
    /// Every air.period_s the fan wakes; the readings of the first air.warmup_s are thrown away
    /// (PMS5003 datasheet V2.3, "Circuit Attentions" 4: stable data at least 30 s after wake-up);
    /// then air.frames_per_measurement readings are requested one per second and their median is
    /// the measurement; the fan sleeps again until the next cycle. The fan therefore runs about
    /// (warm-up + frames) / period of the time, which stretches its life (datasheet MTTF ≥ 3 years)
    /// by the inverse of that fraction.
    /// The measurement is corrected for humidity with the climate pipeline's latest sample (see
    /// <see cref="HumidityCorrection"/>) and flagged when the humidity is above
    /// air.humidity_flag_pct or unknown. The AQI comes from hourly means of the corrected values: US
    /// EPA from the NowCast, China HJ 633-2012 from the latest 1-hour mean. Every report carries the
    /// latest measurement until the next cycle replaces it; a failed cycle reports a health entry.
    /// </summary>
    public sealed class AirPipeline : INodePipeline, IHealthCounters
    {
        /// <summary>The pipeline's scheduling period: one reading request per second while sampling.</summary>
        public const int TickMs = 1000;

        /// <summary>Extra time the sampling phase may take before the cycle is declared failed.</summary>
        public const int SamplingSlackMs = 5000;

        private const string LogTag = "air";

        // States of the duty cycle.
        private const int Sleeping = 0;
        private const int WarmingUp = 1;
        private const int Sampling = 2;

        private readonly IParticulateSensor _sensor;
        private readonly ClimatePipeline _climate;
        private readonly ILogSink _log;
        private readonly long _periodMs;
        private readonly long _warmupMs;
        private readonly int _frames;
        private readonly AqiStandard _standard;
        private readonly float _kappa;
        private readonly float _humidityFlagPct;
        private readonly long _maxClimateAgeMs;
        private readonly ParticulateSample _sample = new ParticulateSample();
        private readonly ClimateSample _climateSample = new ClimateSample();
        private readonly int[] _pm1_0;
        private readonly int[] _pm2_5;
        private readonly int[] _pm10;
        private readonly MedianCombiner _median;
        private readonly HourlyMeans _pm2_5Hours = new HourlyMeans();
        private readonly HourlyMeans _pm10Hours = new HourlyMeans();
        private readonly AqiResult _aqi = new AqiResult();

        private int _state;
        private long _nextCycleMs;
        private long _warmupEndMs;
        private long _samplingDeadlineMs;
        private long _fanOnSinceMs;
        private long _fanOnMs;
        private long _lastRunMs;
        private int _framesTaken;
        private bool _hasMeasurement;
        private bool _hasAqi;
        private FaultReason _fault = FaultReason.WarmingUp;

        /// <param name="climate">Source of the humidity for the correction; null when no climate sensor is fitted.</param>
        public AirPipeline(IParticulateSensor sensor, ClimatePipeline climate, NodeConfig config, ILogSink log)
        {
            _sensor = sensor;
            _climate = climate;
            _log = log ?? NullLogSink.Instance;
            _periodMs = config.AirPeriodS * 1000L;
            _warmupMs = config.AirWarmupS * 1000L;
            _frames = config.AirFramesPerMeasurement;
            _standard = config.AirAqiStandard;
            _kappa = config.AirKappa;
            _humidityFlagPct = config.AirHumidityFlagPct;
            _maxClimateAgeMs = 2L * config.ClimatePeriodS * 1000L;
            _pm1_0 = new int[_frames];
            _pm2_5 = new int[_frames];
            _pm10 = new int[_frames];
            _median = new MedianCombiner(_frames);
        }

        /// <summary>Total time the fan has run since start-up, including the current run.</summary>
        public long FanOnMs
        {
            get { return _fanOnMs + (_state == Sleeping ? 0 : _lastRunMs - _fanOnSinceMs); }
        }

        /// <summary>Completed measurements since start-up.</summary>
        public int MeasurementCount { get; private set; }

        /// <summary>Cycles that ended without a measurement (no answer, corrupt frames, out of range).</summary>
        public int FailedCycleCount { get; private set; }

        /// <summary>The latest measurement, humidity-corrected, µg/m³ (valid while <see cref="HasMeasurement"/>).</summary>
        public float Pm1_0UgM3 { get; private set; }

        public float Pm2_5UgM3 { get; private set; }

        public float Pm10UgM3 { get; private set; }

        /// <summary>The uncorrected median PM2.5 of the latest measurement, µg/m³.</summary>
        public float RawPm2_5UgM3 { get; private set; }

        public bool HumidityFlag { get; private set; }

        public bool HasMeasurement
        {
            get { return _hasMeasurement; }
        }

        public int HealthCounterCount
        {
            get { return 3; }
        }

        public string GetHealthCounterName(int index)
        {
            return index == 0 ? "fan_on_s" : index == 1 ? "air_measurements" : "air_failed_cycles";
        }

        public long GetHealthCounterValue(int index)
        {
            return index == 0 ? FanOnMs / 1000 : index == 1 ? MeasurementCount : FailedCycleCount;
        }

        public void Run(long nowMs)
        {
            _lastRunMs = nowMs;
            if (_state == Sleeping)
            {
                if (nowMs >= _nextCycleMs)
                {
                    StartCycle(nowMs);
                }

                return;
            }

            if (_state == WarmingUp)
            {
                // Readings during the warm-up are read and thrown away (this also drains the UART).
                _sensor.TryRead(_sample);
                if (nowMs >= _warmupEndMs)
                {
                    _state = Sampling;
                    _framesTaken = 0;
                    _samplingDeadlineMs = nowMs + (_frames * (long)TickMs) + SamplingSlackMs;
                    _sensor.RequestReading();
                }

                return;
            }

            if (_sensor.TryRead(_sample))
            {
                _pm1_0[_framesTaken] = _sample.Pm1_0UgM3;
                _pm2_5[_framesTaken] = _sample.Pm2_5UgM3;
                _pm10[_framesTaken] = _sample.Pm10UgM3;
                _framesTaken++;
                if (_framesTaken == _frames)
                {
                    Finish(nowMs);
                    return;
                }
            }
            else if (nowMs >= _samplingDeadlineMs)
            {
                EndCycle(nowMs);
                Fail(_sensor.LastFault == FaultReason.None ? FaultReason.NotResponding : _sensor.LastFault,
                    "no measurement: " + _framesTaken + " of " + _frames + " readings");
                return;
            }

            // One request per tick: a lost request or a corrupt answer costs one second, not the cycle.
            _sensor.RequestReading();
        }

        public void Contribute(TelemetryReport report)
        {
            if (!_hasMeasurement)
            {
                report.AddFault(FaultSource.Particulates, _fault);
                return;
            }

            report.HasParticulates = true;
            report.Pm1_0UgM3 = Pm1_0UgM3;
            report.Pm2_5UgM3 = Pm2_5UgM3;
            report.Pm10UgM3 = Pm10UgM3;
            report.ParticulatesHumidityFlag = HumidityFlag;
            if (_hasAqi)
            {
                report.HasAqi = true;
                report.AqiValue = _aqi.Aqi;
                report.AqiStandard = _aqi.Standard;
                report.AqiDominant = _aqi.Dominant;
            }
        }

        private void StartCycle(long nowMs)
        {
            // Fixed cadence from the first cycle; after a long stall start afresh rather than catch up.
            _nextCycleMs = _nextCycleMs == 0 || _nextCycleMs + _periodMs <= nowMs ? nowMs + _periodMs : _nextCycleMs + _periodMs;
            _sensor.Wake();
            _fanOnSinceMs = nowMs;
            _warmupEndMs = nowMs + _warmupMs;
            _state = WarmingUp;
        }

        private void EndCycle(long nowMs)
        {
            _sensor.Sleep();
            _fanOnMs += nowMs - _fanOnSinceMs;
            _state = Sleeping;
        }

        private void Finish(long nowMs)
        {
            EndCycle(nowMs);
            float pm1_0 = _median.Median(_pm1_0, _frames);
            float pm2_5 = _median.Median(_pm2_5, _frames);
            float pm10 = _median.Median(_pm10, _frames);
            if (pm1_0 > TelemetryFrame.ParticulateMax || pm2_5 > TelemetryFrame.ParticulateMax || pm10 > TelemetryFrame.ParticulateMax)
            {
                Fail(FaultReason.OutOfRange, "reading above the sensor's 1000 ug/m3 range: PM10 " + pm10);
                return;
            }

            bool humidityKnown = _climate != null && _climate.TryGetLatestSample(nowMs, _maxClimateAgeMs, _climateSample);
            float humidity = humidityKnown ? _climateSample.HumidityPct : 0f;
            RawPm2_5UgM3 = pm2_5;
            Pm1_0UgM3 = HumidityCorrection.Correct(pm1_0, humidity, _kappa);
            Pm2_5UgM3 = HumidityCorrection.Correct(pm2_5, humidity, _kappa);
            Pm10UgM3 = HumidityCorrection.Correct(pm10, humidity, _kappa);
            HumidityFlag = !humidityKnown || humidity > _humidityFlagPct;

            _pm2_5Hours.Add(nowMs, Pm2_5UgM3);
            _pm10Hours.Add(nowMs, Pm10UgM3);
            float aqiPm2_5;
            float aqiPm10;
            if (_standard == AqiStandard.UsEpa)
            {
                aqiPm2_5 = NowCast.Compute(_pm2_5Hours.Means());
                aqiPm10 = NowCast.Compute(_pm10Hours.Means());
            }
            else
            {
                aqiPm2_5 = _pm2_5Hours.LatestUgM3();
                aqiPm10 = _pm10Hours.LatestUgM3();
            }

            _hasAqi = aqiPm2_5 >= 0 && aqiPm10 >= 0;
            if (_hasAqi)
            {
                AirQualityIndex.Compute(_standard, aqiPm2_5, aqiPm10, _aqi);
            }

            if (!_hasMeasurement && MeasurementCount > 0)
            {
                _log.Write(LogLevel.Info, LogTag, "measuring again after " + FailedCycleCount + " failed cycle(s)");
            }

            _hasMeasurement = true;
            _fault = FaultReason.None;
            MeasurementCount++;
        }

        private void Fail(FaultReason reason, string why)
        {
            if (_hasMeasurement || _fault != reason)
            {
                _log.Write(LogLevel.Warning, LogTag, why + ", reason " + (int)reason);
            }

            FailedCycleCount++;
            _hasMeasurement = false;
            _hasAqi = false;
            _fault = reason;
        }
    }
}
