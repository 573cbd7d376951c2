using System;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Lighting
{
    /// <summary>
    /// The adaptive street light: every lighting.period_ms it samples the presence inputs, reads the
    /// ambient sensor now and then, asks the <see cref="LampController"/> for a level, drives the
    /// output, integrates energy and watches for lamp faults. Reports the level at the end of each
    /// interval and the interval's energy in frame v1's lamp group; faults, mode changes and
    /// overrides go out at once as events (types 16..18). If the controller throws, the lamp goes to
    /// full and the exception is passed on for the scheduler to count.
    /// </summary>
    public sealed class LightingPipeline : INodePipeline, IHealthCounters
    {
        /// <summary>Seconds between ambient light measurements (a photocell needs no more).</summary>
        public const int AmbientPeriodMs = 10000;

        private const string LogTag = "lighting";

        private readonly LightingConfig _config;
        private readonly LampController _controller;
        private readonly LampOutput _output;
        private readonly PowerModel _power;
        private readonly PresenceInput[] _presence;
        private readonly IAmbientLightSensor _ambient;
        private readonly ILampPowerMeter _meter;
        private readonly IClock _clock;
        private readonly IEventSink _events;
        private readonly ILogSink _log;
        private readonly LampFaultMonitor _faults = new LampFaultMonitor();
        private readonly LampFaultMonitor.FaultChanged _onFault;
        private readonly byte[] _eventPayload = new byte[8];
        private readonly byte[] _presencePayload = new byte[PresenceMessage.MaxLength];
        private readonly byte[] _nodeId;

        private long _lastRunMs = -1;
        private long _nextAmbientMs;
        private bool _ambientPending;
        private bool _ambientValid;
        private float _ambientLux;
        private FaultReason _ambientFault;
        private float _intervalEnergyWs;
        private bool _intervalCrashed;
        private bool _presenceShared;
        private long _lastPresenceSentMs;
        private long _burningMs;
        private LightingMode _lastMode = LightingMode.NoInputs;
        private bool _hadOverride;
        private float _measuredW;
        private bool _measured;

        public LightingPipeline(LightingConfig config, string nodeId, IPwmChannel lampPwm, IGpioPin[] presencePins, IAmbientLightSensor ambient,
            ILampPowerMeter meter, IClock clock, IEventSink events, ILogSink log)
        {
            if (config == null || lampPwm == null || clock == null || events == null)
            {
                throw new ArgumentNullException(config == null ? "config" : lampPwm == null ? "lampPwm" : clock == null ? "clock" : "events");
            }

            _config = config;
            _controller = new LampController(config.Settings, config.Settings.CreateDefaultCalendar());
            _output = new LampOutput(lampPwm, config.DutyCurve, config.DriverMinPct, config.PwmInverted);
            _power = config.CreatePowerModel();
            int pins = presencePins == null ? 0 : presencePins.Length;
            _presence = new PresenceInput[pins];
            for (int i = 0; i < pins; i++)
            {
                _presence[i] = new PresenceInput(presencePins[i]);
            }

            _ambient = ambient;
            _meter = meter;
            _clock = clock;
            _events = events;
            _log = log ?? NullLogSink.Instance;
            _nodeId = PresenceMessage.EncodeNodeId(nodeId);
            _onFault = OnFaultChanged;

            // Until the first run decides, full light: the state a rebooting lamp must show.
            _output.SetLevel(100f);
        }

        /// <summary>The decision logic, for the command layer (calendar, overrides) and tests.</summary>
        public LampController Controller
        {
            get { return _controller; }
        }

        public LampOutput Output
        {
            get { return _output; }
        }

        /// <summary>Where outgoing neighbour presence goes; null = not shared. Set by the link layer.</summary>
        public IPresenceSink PresenceOut { get; set; }

        /// <summary>The level the output applies now, % of full light.</summary>
        public float AppliedLevelPct
        {
            get { return _output.AppliedLevelPct; }
        }

        /// <summary>Seconds the lamp has been lit since start-up.</summary>
        public long BurningS
        {
            get { return _burningMs / 1000; }
        }

        /// <summary>Energy since start-up, Wh.</summary>
        public float TotalEnergyWh { get; private set; }

        public int HealthCounterCount
        {
            get { return 4; }
        }

        public string GetHealthCounterName(int index)
        {
            switch (index)
            {
                case 0: return "lamp_burning_s";
                case 1: return "lamp_energy_wh";
                case 2: return "lamp_presence_detections";
                default: return "lamp_fault_events";
            }
        }

        public long GetHealthCounterValue(int index)
        {
            switch (index)
            {
                case 0: return BurningS;
                case 1: return (long)TotalEnergyWh;
                case 2: return Detections();
                default: return FaultEventCount;
            }
        }

        public int FaultEventCount { get; private set; }

        private long Detections()
        {
            long sum = 0;
            for (int i = 0; i < _presence.Length; i++)
            {
                sum += _presence[i].DetectionCount;
            }

            return sum;
        }

        /// <summary>A parking or noise pipeline saw activity next to the lamp.</summary>
        public void OnPresenceEvent(PresenceSource source, long nowMs)
        {
            _controller.OnPresence(nowMs);
            Share(source, nowMs);
        }

        /// <summary>The link received a message on the group's presence topic.</summary>
        public void OnNeighbourPresence(byte[] payload, int offset, int count)
        {
            string problem = PresenceMessage.Check(payload, offset, count, _nodeId, _clock.IsUtcValid() ? (uint)NightPlan.UnixSeconds(_clock.UtcNow()) : 0);
            if (problem == null)
            {
                _controller.OnPresence(_clock.MonotonicMs());
            }
            else if (problem != "own")
            {
                _log.Write(LogLevel.Debug, LogTag, "neighbour presence ignored: " + problem);
            }
        }

        /// <summary>A manual command (command centre or technician); reported as an override event.</summary>
        public void SetOverride(OverrideKind kind, float levelPct, int durationS)
        {
            _controller.SetOverride(kind, levelPct, durationS, _clock.MonotonicMs());
            _hadOverride = true;
            float level = kind == OverrideKind.On ? 100f : kind == OverrideKind.Off ? 0f : levelPct;
            _events.Emit(LightingEvents.OverrideType, _eventPayload, 0, LightingEvents.EncodeOverride((int)kind, level, durationS, _eventPayload));
        }

        /// <summary>Ends a manual override at once (back to the program); reported as an override event.</summary>
        public void ClearOverride()
        {
            _controller.ClearOverride();
        }

        public void Run(long nowMs)
        {
            try
            {
                Step(nowMs);
            }
            catch (Exception)
            {
                _output.SetLevel(_controller.Fail());
                _intervalCrashed = true;
                throw;
            }
        }

        public void Contribute(TelemetryReport report)
        {
            report.HasLamp = true;
            report.LampLevelPct = _output.AppliedLevelPct;
            float wh = _intervalEnergyWs / 3600f;
            report.LampEnergyWh = wh > 6553.5f ? 6553.5f : wh;
            if (_intervalCrashed)
            {
                report.AddFault(FaultSource.Lamp, FaultReason.Crashed);
            }
            else if (_ambient != null && !_ambientValid && _ambientFault != FaultReason.None)
            {
                report.AddFault(FaultSource.Lamp, _ambientFault);
            }

            _intervalEnergyWs = 0;
            _intervalCrashed = false;
        }

        private void Step(long nowMs)
        {
            Account(nowMs);
            for (int i = 0; i < _presence.Length; i++)
            {
                _presence[i].Update(nowMs);
                if (_presence[i].IsActive)
                {
                    _controller.OnPresence(nowMs);
                    Share(PresenceSource.Pir, nowMs);
                }
            }

            PollAmbient(nowMs);
            bool utcValid = _clock.IsUtcValid();
            DateTime utc = utcValid ? _clock.UtcNow() : DateTime.MinValue;
            float level = _controller.Update(nowMs, utcValid, utc, _ambientValid, _ambientLux);
            _output.SetLevel(level);
            // A reading no meter can give (a driver fault) is no measurement: the power model stands in.
            _measured = _meter != null && _meter.TryReadPowerW(out _measuredW) && _measuredW >= 0f && _measuredW <= float.MaxValue;

            LightingMode mode = _controller.Mode;
            if (mode != _lastMode)
            {
                _events.Emit(LightingEvents.ModeChangedType, _eventPayload, 0, LightingEvents.EncodeModeChanged(mode, _lastMode, _output.AppliedLevelPct, _eventPayload));
                _log.Write(mode == LightingMode.Schedule || mode == LightingMode.Override ? LogLevel.Info : LogLevel.Warning, LogTag, "mode " + (int)_lastMode + " -> " + (int)mode);
                _lastMode = mode;
            }

            if (_hadOverride && !_controller.HasOverride)
            {
                _hadOverride = false;
                _events.Emit(LightingEvents.OverrideType, _eventPayload, 0, LightingEvents.EncodeOverride(0, _output.AppliedLevelPct, 0, _eventPayload));
            }

            bool daylight = false;
            if (utcValid && _config.Settings.HasPosition)
            {
                long unixS = NightPlan.UnixSeconds(utc);
                NightPlan plan = _controller.Plan;
                daylight = unixS < plan.LitStartS - 1800 || unixS >= plan.LitEndS + 1800;
            }

            bool excused = mode == LightingMode.DarkDay || mode == LightingMode.Override;
            _faults.Update(nowMs, _output.AppliedLevelPct, daylight, excused, _power.PowerW(_output.AppliedLevelPct), _power.StandbyW, _power.RatedW,
                _measured, _measuredW, _onFault);
        }

        /// <summary>Energy and burning time since the last run, at the level that was applied during it.</summary>
        private void Account(long nowMs)
        {
            if (_lastRunMs >= 0 && nowMs > _lastRunMs)
            {
                float dtS = (nowMs - _lastRunMs) / 1000f;
                float watts = _measured ? _measuredW : _power.PowerW(_output.AppliedLevelPct);
                _intervalEnergyWs += watts * dtS;
                TotalEnergyWh += watts * dtS / 3600f;
                if (_output.AppliedLevelPct > 0f)
                {
                    _burningMs += nowMs - _lastRunMs;
                }
            }

            _lastRunMs = nowMs;
        }

        private void PollAmbient(long nowMs)
        {
            if (_ambient == null)
            {
                return;
            }

            if (_ambientPending && nowMs >= _nextAmbientMs)
            {
                _ambientPending = false;
                _ambientValid = _ambient.TryReadLux(out _ambientLux);
                _ambientFault = _ambientValid ? FaultReason.None : _ambient.LastFault;
                _nextAmbientMs = nowMs + AmbientPeriodMs - _ambient.ConversionMs;
            }
            else if (!_ambientPending && nowMs >= _nextAmbientMs)
            {
                _ambientPending = _ambient.StartMeasurement();
                if (!_ambientPending)
                {
                    _ambientValid = false;
                    _ambientFault = _ambient.LastFault;
                    _nextAmbientMs = nowMs + AmbientPeriodMs;
                    return;
                }

                _nextAmbientMs = nowMs + _ambient.ConversionMs;
            }
        }

        /// <summary>Tells the neighbours while the street is lit, at most once per half hold time while presence lasts.</summary>
        private void Share(PresenceSource source, long nowMs)
        {
            IPresenceSink sink = PresenceOut;
            if (sink == null || _config.Group.Length == 0 || !_controller.ShouldBeLit || (_presenceShared && nowMs - _lastPresenceSentMs < _config.Settings.HoldMs / 2))
            {
                return;
            }

            _presenceShared = true;
            _lastPresenceSentMs = nowMs;
            uint unixS = _clock.IsUtcValid() ? (uint)NightPlan.UnixSeconds(_clock.UtcNow()) : 0;
            int length = PresenceMessage.Encode(source, unixS, _nodeId, _presencePayload, 0);
            sink.Publish(_presencePayload, 0, length);
        }

        private void OnFaultChanged(LampFault fault, bool raised)
        {
            FaultEventCount++;
            float level = _output.AppliedLevelPct;
            _events.Emit(LightingEvents.LampFaultType, _eventPayload, 0,
                LightingEvents.EncodeLampFault(fault, raised, level, _power.PowerW(level), _measuredW, _measured, _eventPayload));
            _log.Write(raised ? LogLevel.Warning : LogLevel.Info, LogTag, "lamp fault " + (int)fault + (raised ? " raised" : " cleared"));
        }
    }
}
