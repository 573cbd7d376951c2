using System;
using System.Collections;
using System.Text;
using CityEdge.Air;
using CityEdge.Climate;
using CityEdge.Config;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Lighting;
using CityEdge.Link;
using CityEdge.Noise;
using CityEdge.Parking;
using CityEdge.Scheduling;
using CityEdge.Telemetry;

namespace CityEdge.Node
{
    /// <summary>
    /// One node: the pipelines its hardware allows, a report every report.period_s, and the link.
    /// Data flows one way: driver → pipeline → this scheduler → codec → outbox → link. The same class
    /// runs on the ESP32 and in the simulator; only the clock, store, link and hardware differ.
    /// </summary>
    public sealed class NodeRuntime
    {
        private const string LogTag = "node";
        private const long UnixEpochTicks = 621355968000000000L;
        private const int LinkPeriodMs = 1000;
        private const int MaxPendingCommands = 4;

        private readonly NodeConfig _config;
        private readonly IClock _clock;
        private readonly INetworkLink _link;
        private readonly ILogSink _log;
        private readonly NodeScheduler _scheduler;
        private readonly ArrayList _pipelines = new ArrayList();
        private readonly TelemetryReport _report = new TelemetryReport();
        private readonly byte[] _frameBuffer = new byte[TelemetryFrame.MaxLength];
        private readonly SequenceCounter _sequence;
        private readonly SequenceCounter _eventSequence;
        private readonly byte[] _eventBuffer = new byte[EventFrame.HeaderLength + EventFrame.MaxPayloadLength];
        private readonly Outbox _outbox;
        private readonly NodeHardware _hardware;
        private readonly ConfigSlots _configSlots;
        private readonly Queue _incomingCommands = new Queue();
        private readonly Queue _incomingPresence = new Queue();
        private string _presenceTopic;
        private bool _birthPublished;
        private int _faultsAtLastReport;
        private int _dropsAtLastReport;
        private int _corruptAtLastReport;
        private long _nextStatusMs;
        private long _trialDeadlineMs = -1;
        private string _rebootReason;

        public NodeRuntime(NodeConfig config, NodeHardware hardware, IClock clock, IPersistentStore store, INetworkLink link, ILogSink log)
        {
            if (config == null || hardware == null || clock == null || store == null || link == null)
            {
                throw new ArgumentNullException(config == null ? "config" : hardware == null ? "hardware" : clock == null ? "clock" : store == null ? "store" : "link");
            }

            _config = config;
            _clock = clock;
            _link = link;
            _log = log ?? NullLogSink.Instance;
            Topics = new NodeTopics(config);
            _scheduler = new NodeScheduler(clock, _log);
            _sequence = new SequenceCounter(store, "sequence.bin");
            _eventSequence = new SequenceCounter(store, "event-sequence.bin");
            Events = new EventSink(this);
            _outbox = new Outbox(store, config.OutboxFrames, config.QueueBudgetBytes, _log);
            _hardware = hardware;
            _configSlots = new ConfigSlots(store, _log);
            Commands = new CommandProcessor(config.NodeId, store, clock, _log);
            BuiltInCommands builtIn = new BuiltInCommands(this);
            Commands.Register(CommandAction.RequestStatus, builtIn);
            Commands.Register(CommandAction.Reboot, builtIn);
            Commands.Register(CommandAction.SetConfig, builtIn);
            _link.MessageReceived += OnMessage;

            ClimatePipeline climate = null;
            if (hardware.Climate != null)
            {
                climate = new ClimatePipeline(hardware.Climate, _log);
                AddPipeline("climate", climate, config.ClimatePeriodS * 1000);
            }

            if (hardware.Particulates != null)
            {
                // The first cycle starts at once so the first report can already carry PM.
                Air = new AirPipeline(hardware.Particulates, climate, config, _log);
                _pipelines.Add(Air);
                _scheduler.Add("air", Air, AirPipeline.TickMs, 0);
            }

            if (hardware.Noise != null)
            {
                AddPipeline("noise", new NoisePipeline(hardware.Noise, _log), hardware.Noise.PeriodMs);
            }

            if (hardware.LampPwm != null)
            {
                Lighting = new LightingPipeline(config.Lighting, config.NodeId, hardware.LampPwm, hardware.PresencePins, hardware.AmbientLight, hardware.LampMeter, clock, Events, _log);
                AddPipeline("lighting", Lighting, config.Lighting.PeriodMs);
                LightingCommands lampCommands = new LightingCommands(Lighting);
                Commands.Register(CommandAction.LampSetLevel, lampCommands);
                Commands.Register(CommandAction.LampOverride, lampCommands);
                if (config.Lighting.Group.Length > 0)
                {
                    _presenceTopic = PresenceMessage.Topic(config.TopicRoot, config.Lighting.Group);
                    Lighting.PresenceOut = new PresenceLink(this);
                }
            }

            if (hardware.Magnetometers != null && config.ParkingBays > 0)
            {
                Parking = new ParkingPipeline(hardware.Magnetometers, config.ParkingBays, BayDetectorSettings.From(config), Events, _log, store);
                AddPipeline("parking", Parking, config.ParkingPeriodMs);
                Commands.Register(CommandAction.ParkingRecalibrateBay, new ParkingCommands(Parking, clock));
            }

            // The first report closes the first full interval of every pipeline.
            int reportMs = config.ReportPeriodS * 1000;
            _scheduler.Add("report", new ReportTask(this), reportMs, reportMs);
            _scheduler.Add("link", new LinkTask(this), LinkPeriodMs, 0);
            if (_configSlots.IsOnTrial)
            {
                _trialDeadlineMs = clock.MonotonicMs() + (config.ConfigTrialS * 1000L);
                _log.Write(LogLevel.Warning, LogTag, "config version " + config.ConfigVersion + " on trial for " + config.ConfigTrialS + " s");
            }

            _log.Write(LogLevel.Info, LogTag, "node " + config.NodeId + " started, " + _pipelines.Count + " pipeline(s), first sequence " + _sequence.FirstOfBoot);
        }

        public NodeTopics Topics { get; }

        /// <summary>The particulate pipeline (fan-on time, latest measurement); null when no sensor is fitted.</summary>
        public AirPipeline Air { get; }

        /// <summary>The lamp controller, or null when no lamp is fitted. The command layer sets overrides
        /// through it; the link passes neighbour presence to it and sets its PresenceOut.</summary>
        public LightingPipeline Lighting { get; }

        /// <summary>Where pipelines send events that must not wait for the next report.</summary>
        public IEventSink Events { get; }

        /// <summary>Verifies signed commands; capabilities register their handlers here (docs/mqtt.md).</summary>
        public CommandProcessor Commands { get; }

        /// <summary>Frames in flash waiting for the link (part of <see cref="OutboxCount"/>).</summary>
        public int QueuedInFlash
        {
            get { return _outbox.FlashCount; }
        }

        /// <summary>Flash the queued frames occupy (record headers included).</summary>
        public long QueuedFlashBytes
        {
            get { return _outbox.FlashBytes; }
        }

        /// <summary>The parking pipeline (for the recalibrate command); null when no bays are fitted.</summary>
        public ParkingPipeline Parking { get; }

        /// <summary>The loop owner calls <see cref="NodeScheduler.RunDue"/> and waits until its next due time.</summary>
        public NodeScheduler Scheduler
        {
            get { return _scheduler; }
        }

        /// <summary>Reports encoded since start-up.</summary>
        public int ReportCount { get; private set; }

        /// <summary>Events emitted since start-up.</summary>
        public int EventCount { get; private set; }

        /// <summary>Reports and events waiting for the link.</summary>
        public int OutboxCount
        {
            get { return _outbox.Count; }
        }

        /// <summary>Reports and events lost because the flash budget was full (or flash failed).</summary>
        public int DroppedReportCount
        {
            get { return _outbox.DroppedCount; }
        }

        /// <summary>Moves queued frames to flash and publishes the retained "offline" status before a planned stop.</summary>
        public void Shutdown()
        {
            _outbox.Flush();
            if (_link.IsConnected)
            {
                _link.Publish(Topics.Status, NodeStatus.Offline(), MessageQos.AtLeastOnce, true);
            }

            _log.Write(LogLevel.Info, LogTag, "shut down with " + _outbox.Count + " report(s) unsent");
        }

        private void AddPipeline(string name, INodePipeline pipeline, int periodMs)
        {
            _pipelines.Add(pipeline);
            // A sample taken at the end of an interval belongs to it: first sample one period in.
            _scheduler.Add(name, pipeline, periodMs, periodMs);
        }

        private void Report()
        {
            _report.Clear();
            _report.Sequence = (int)(_sequence.Next() & 0xFFFF);
            if (_clock.IsUtcValid())
            {
                _report.TimestampUnixSeconds = UnixSecondsNow();
            }
            else
            {
                _report.AddFault(FaultSource.Clock, FaultReason.NotSet);
            }

            for (int i = 0; i < _pipelines.Count; i++)
            {
                ((INodePipeline)_pipelines[i]).Contribute(_report);
            }

            if (_scheduler.FaultCount != _faultsAtLastReport)
            {
                _faultsAtLastReport = _scheduler.FaultCount;
                _report.AddFault(FaultSource.Scheduler, FaultReason.Crashed);
            }

            if (_outbox.DroppedCount != _dropsAtLastReport)
            {
                _dropsAtLastReport = _outbox.DroppedCount;
                _report.AddFault(FaultSource.Link, FaultReason.Overflow);
            }

            if (_outbox.CorruptCount != _corruptAtLastReport)
            {
                _corruptAtLastReport = _outbox.CorruptCount;
                _report.AddFault(FaultSource.Storage, FaultReason.BadData);
            }

            int length = TelemetryCodec.Encode(_report, _frameBuffer, 0);
            byte[] frame = new byte[length];
            Array.Copy(_frameBuffer, frame, length);
            Send(Outbox.KindTelemetry, frame);
            ReportCount++;
        }

        private void Emit(int type, byte[] payload, int offset, int count)
        {
            uint timestamp = _clock.IsUtcValid() ? UnixSecondsNow() : 0;
            int length = EventFrame.Encode(type, (int)(_eventSequence.Next() & 0xFFFF), timestamp, payload, offset, count, _eventBuffer, 0);
            byte[] frame = new byte[length];
            Array.Copy(_eventBuffer, frame, length);
            Send(Outbox.KindEvent, frame);
            EventCount++;
        }

        private uint UnixSecondsNow()
        {
            return (uint)((_clock.UtcNow().Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond);
        }

        /// <summary>Live data goes out at once when the session is up; otherwise it waits in the outbox.</summary>
        private void Send(int kind, byte[] frame)
        {
            if (!EnsureSession() || !_link.Publish(TopicOf(kind), frame, MessageQos.AtLeastOnce, false))
            {
                _outbox.Add(kind, frame);
            }
        }

        private string TopicOf(int kind)
        {
            return kind == Outbox.KindEvent ? Topics.Events : Topics.Telemetry;
        }

        /// <summary>Every link period: session set-up, commands, config trial, backlog, status.</summary>
        private void ServiceLink()
        {
            bool up = EnsureSession();
            CheckConfigTrial(up);
            if (!up)
            {
                return;
            }

            ProcessCommands();
            if (_presenceTopic != null)
            {
                ProcessPresence();
            }

            // Rate-limited so a long backlog never delays live reports (they bypass the outbox).
            for (int sent = 0; sent < _config.DrainPerS; sent++)
            {
                OutboxItem item = _outbox.Peek();
                if (item == null || !_link.Publish(TopicOf(item.Kind), item.Frame, MessageQos.AtLeastOnce, false))
                {
                    break;
                }

                _outbox.RemoveOldest();
            }

            if (_clock.MonotonicMs() >= _nextStatusMs)
            {
                PublishStatus();
            }

            if (_rebootReason != null)
            {
                Reboot(_rebootReason);
            }
        }

        /// <summary>After every (re)connect: command subscription, birth status, config. False while down.</summary>
        private bool EnsureSession()
        {
            if (!_link.IsConnected)
            {
                _birthPublished = false;
                return false;
            }

            if (!_birthPublished)
            {
                _birthPublished = _link.Subscribe(Topics.Command, MessageQos.AtLeastOnce)
                    && (_presenceTopic == null || _link.Subscribe(_presenceTopic, MessageQos.AtMostOnce))
                    && PublishStatus() && PublishConfig();
            }

            return _birthPublished;
        }

        /// <summary>A config on trial is kept once the node is connected and has reported; rolled back when time runs out.</summary>
        private void CheckConfigTrial(bool up)
        {
            if (_trialDeadlineMs < 0)
            {
                return;
            }

            if (up)
            {
                _trialDeadlineMs = -1;
                _configSlots.Commit();
                PublishStatus();
                PublishConfig();
            }
            else if (_clock.MonotonicMs() >= _trialDeadlineMs)
            {
                _trialDeadlineMs = -1;
                _configSlots.RollBack();
                Reboot("config version " + _config.ConfigVersion + " did not reconnect within " + _config.ConfigTrialS + " s");
            }
        }

        private void OnMessage(string topic, byte[] payload)
        {
            if (topic == _presenceTopic)
            {
                // Presence is only worth acting on at once; a backlog of it would light an empty street.
                lock (_incomingPresence)
                {
                    if (_incomingPresence.Count < MaxPendingCommands)
                    {
                        _incomingPresence.Enqueue(payload);
                    }
                }

                return;
            }

            if (topic != Topics.Command)
            {
                return;
            }

            // Arrives on the link's thread: hand over to the scheduler's, bounded against floods.
            lock (_incomingCommands)
            {
                if (_incomingCommands.Count < MaxPendingCommands)
                {
                    _incomingCommands.Enqueue(payload);
                    return;
                }
            }

            _log.Write(LogLevel.Warning, LogTag, "command queue full; command dropped");
        }

        private void ProcessPresence()
        {
            while (true)
            {
                byte[] message;
                lock (_incomingPresence)
                {
                    if (_incomingPresence.Count == 0)
                    {
                        return;
                    }

                    message = (byte[])_incomingPresence.Dequeue();
                }

                Lighting.OnNeighbourPresence(message, 0, message.Length);
            }
        }

        private void ProcessCommands()
        {
            while (true)
            {
                byte[] frame;
                lock (_incomingCommands)
                {
                    if (_incomingCommands.Count == 0)
                    {
                        return;
                    }

                    frame = (byte[])_incomingCommands.Dequeue();
                }

                _link.Publish(Topics.CommandAck, Commands.Process(frame), MessageQos.AtLeastOnce, false);
            }
        }

        private bool PublishStatus()
        {
            _nextStatusMs = _clock.MonotonicMs() + (_config.StatusPeriodS * 1000L);
            StringBuilder json = NodeStatus.Begin("state", "online");
            NodeStatus.Field(json, "node", _config.NodeId);
            NodeStatus.Field(json, "firmware", NodeStatus.FirmwareVersion);
            NodeStatus.Field(json, "config_version", _config.ConfigVersion);
            NodeStatus.Field(json, "config_state", ConfigState());
            NodeStatus.Field(json, "uptime_s", _clock.MonotonicMs() / 1000);
            ISystemInfo system = _hardware.SystemInfo;
            NodeStatus.Field(json, "reset_reason", system == null ? "unknown" : system.ResetReason);
            NodeStatus.Field(json, "free_heap", system == null ? -1 : system.FreeHeapBytes);
            NodeStatus.Field(json, "rssi_dbm", system == null ? 0 : system.WifiRssiDbm);
            NodeStatus.Field(json, "first_sequence", _sequence.FirstOfBoot);
            NodeStatus.Field(json, "reports", ReportCount);
            NodeStatus.Field(json, "queue_ram", _outbox.RamCount);
            NodeStatus.Field(json, "queue_flash", _outbox.FlashCount);
            NodeStatus.Field(json, "queue_flash_bytes", _outbox.FlashBytes);
            NodeStatus.Field(json, "queue_budget_bytes", _outbox.FlashBudgetBytes);
            NodeStatus.Field(json, "queue_dropped", _outbox.DroppedCount);
            NodeStatus.Field(json, "queue_corrupt", _outbox.CorruptCount);
            NodeStatus.Field(json, "commands_accepted", Commands.AcceptedCount);
            NodeStatus.Field(json, "commands_rejected", Commands.RejectedCount);
            NodeStatus.Field(json, "scheduler_faults", _scheduler.FaultCount);
            for (int i = 0; i < _pipelines.Count; i++)
            {
                IHealthCounters counters = _pipelines[i] as IHealthCounters;
                for (int c = 0; counters != null && c < counters.HealthCounterCount; c++)
                {
                    NodeStatus.Field(json, counters.GetHealthCounterName(c), counters.GetHealthCounterValue(c));
                }
            }

            return _link.Publish(Topics.Status, NodeStatus.End(json), MessageQos.AtLeastOnce, true);
        }

        /// <summary>The running config on the retained config topic, secrets left out.</summary>
        private bool PublishConfig()
        {
            StringBuilder json = NodeStatus.Begin("state", ConfigState());
            NodeStatus.Field(json, "version", _config.ConfigVersion);
            byte[] text = _configSlots.ReadActive();
            KeyValueReader reader = new KeyValueReader(text == null ? "" : Encoding.UTF8.GetString(text, 0, text.Length));
            while (reader.MoveNext())
            {
                if (reader.Error == null && reader.Key.IndexOf("password") < 0)
                {
                    NodeStatus.Field(json, reader.Key, reader.Value);
                }
            }

            return _link.Publish(Topics.Config, NodeStatus.End(json), MessageQos.AtLeastOnce, true);
        }

        private string ConfigState()
        {
            return _trialDeadlineMs >= 0 ? "trial" : _configSlots.RolledBack ? "rolled-back" : "good";
        }

        /// <summary>Planned restart through the device app; the queue is in flash and "offline" said first.</summary>
        private void Reboot(string reason)
        {
            _rebootReason = null;
            if (_hardware.Control == null)
            {
                _log.Write(LogLevel.Error, LogTag, "reboot needed (" + reason + ") but the node cannot reboot itself");
                return;
            }

            _log.Write(LogLevel.Warning, LogTag, "rebooting: " + reason);
            Shutdown();
            _hardware.Control.Reboot(reason);
        }

        /// <summary>The node's own commands: request-status, reboot, set-config.</summary>
        private sealed class BuiltInCommands : ICommandHandler
        {
            private readonly NodeRuntime _node;

            public BuiltInCommands(NodeRuntime node)
            {
                _node = node;
            }

            public int Execute(Command command)
            {
                if (command.Action == CommandAction.RequestStatus)
                {
                    return _node.PublishStatus() ? CommandResult.Ok : CommandResult.Failed;
                }

                if (_node._hardware.Control == null)
                {
                    command.Detail = "this node cannot reboot itself";
                    return CommandResult.Unsupported;
                }

                if (command.Action == CommandAction.Reboot)
                {
                    _node._rebootReason = "reboot command " + command.Counter;
                    return CommandResult.Ok;
                }

                return _node.SetConfig(command);
            }
        }

        /// <summary>Validates the whole text, stages it atomically and reboots into a trial.</summary>
        private int SetConfig(Command command)
        {
            string text = Encoding.UTF8.GetString(command.Arguments, 0, command.Arguments.Length);
            ArrayList errors = new ArrayList();
            NodeConfig candidate = NodeConfig.Parse(text, errors);
            if (candidate == null)
            {
                string detail = errors[0].ToString();
                for (int i = 1; i < errors.Count; i++)
                {
                    detail += "; " + errors[i].ToString();
                }

                command.Detail = detail;
                return CommandResult.InvalidArgument;
            }

            if (candidate.NodeId != _config.NodeId)
            {
                command.Detail = "node.id: cannot be changed remotely (" + candidate.NodeId + ")";
                return CommandResult.InvalidArgument;
            }

            _configSlots.Stage(text);
            command.Detail = "config version " + candidate.ConfigVersion + " staged; rebooting into a " + candidate.ConfigTrialS + " s trial";
            _rebootReason = "new config version " + candidate.ConfigVersion;
            return CommandResult.Ok;
        }

        private sealed class ReportTask : IScheduledTask
        {
            private readonly NodeRuntime _node;

            public ReportTask(NodeRuntime node)
            {
                _node = node;
            }

            public void Run(long nowMs)
            {
                _node.Report();
            }
        }

        /// <summary>Neighbour presence goes straight to the group's topic, QoS 0, or nowhere: it is only
        /// worth anything now, so it is never queued.</summary>
        private sealed class PresenceLink : IPresenceSink
        {
            private readonly NodeRuntime _node;

            public PresenceLink(NodeRuntime node)
            {
                _node = node;
            }

            public void Publish(byte[] payload, int offset, int count)
            {
                if (!_node._link.IsConnected)
                {
                    return;
                }

                byte[] message = new byte[count];
                Array.Copy(payload, offset, message, 0, count);
                _node._link.Publish(_node._presenceTopic, message, MessageQos.AtMostOnce, false);
            }
        }

        private sealed class EventSink : IEventSink
        {
            private readonly NodeRuntime _node;

            public EventSink(NodeRuntime node)
            {
                _node = node;
            }

            public void Emit(int type, byte[] payload, int offset, int count)
            {
                _node.Emit(type, payload, offset, count);
            }
        }

        private sealed class LinkTask : IScheduledTask
        {
            private readonly NodeRuntime _node;

            public LinkTask(NodeRuntime node)
            {
                _node = node;
            }

            public void Run(long nowMs)
            {
                _node.ServiceLink();
            }
        }
    }
}
