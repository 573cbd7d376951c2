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
    /// Its parts each do one job: <see cref="LinkSession"/> (connection, acknowledgements, backlog),
    /// <see cref="ConfigTrial"/> (keep or roll back a remote config), <see cref="StatusMessage"/> (the
    /// retained status and config payloads); this class wires them to the pipelines and commands.
    /// </summary>
    public sealed class NodeRuntime
    {
        private const string LogTag = "node";
        private const long UnixEpochTicks = 621355968000000000L;
        private const int LinkPeriodMs = 1000;

        private readonly NodeConfig _config;
        private readonly IClock _clock;
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
        private readonly ConfigTrial _trial;
        private readonly LinkSession _session;
        private readonly StatusMessage _status;
        private string _presenceTopic;
        private int _faultsAtLastReport;
        private int _dropsAtLastReport;
        private int _corruptAtLastReport;
        private long _nextStatusMs;
        private long _nextFullStatusMs;
        private string _rebootReason;

        public NodeRuntime(NodeConfig config, NodeHardware hardware, IClock clock, IPersistentStore store, INetworkLink link, ILogSink log)
        {
            if (config == null || hardware == null || clock == null || store == null || link == null)
            {
                throw new ArgumentNullException(config == null ? "config" : hardware == null ? "hardware" : clock == null ? "clock" : store == null ? "store" : "link");
            }

            _config = config;
            _clock = clock;
            _log = log ?? NullLogSink.Instance;
            Topics = new NodeTopics(config);
            _scheduler = new NodeScheduler(clock, _log);
            _sequence = new SequenceCounter(store, "sequence.bin");
            _eventSequence = new SequenceCounter(store, "event-sequence.bin");
            Events = new EventSink(this);
            _outbox = new Outbox(store, config.OutboxFrames, config.QueueBudgetBytes, _log);
            _hardware = hardware;
            _trial = new ConfigTrial(new ConfigSlots(store, _log), config, clock, _log);
            string[] frameTopics = new string[] { Topics.Telemetry, Topics.Events };
            ConnectRequest request = new ConnectRequest(config.NodeId, config.MqttUsername, config.MqttPassword, Topics.Status, NodeStatus.Offline(),
                ConnectRequest.KeepAliveFor(config.ReportPeriodS));
            byte[] nodeId = Encoding.UTF8.GetBytes(config.NodeId);
            _session = new LinkSession(link, request, _outbox, frameTopics, (int)Crc32.Compute(nodeId, 0, nodeId.Length), clock, _log);
            _session.SetOwner(new SessionOwner(this));
            _session.UseTopicAlias(Topics.Telemetry);
            _session.UseTopicAlias(Topics.Status);
            _session.UseTopicAlias(Topics.Events);
            _session.AddSubscription(Topics.Command, MessageQos.AtLeastOnce);
            Commands = new CommandProcessor(config.NodeId, store, clock, _log);
            BuiltInCommands builtIn = new BuiltInCommands(this);
            Commands.Register(CommandAction.RequestStatus, builtIn);
            Commands.Register(CommandAction.Reboot, builtIn);
            Commands.Register(CommandAction.SetConfig, builtIn);
            _status = new StatusMessage(config, clock, hardware.SystemInfo, _sequence, _outbox, Commands, _scheduler, _pipelines, _trial, _session);

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
                    _session.AddSubscription(_presenceTopic, MessageQos.AtMostOnce);
                    _session.UseTopicAlias(_presenceTopic);
                    Lighting.PresenceOut = new PresenceLink(this);
                }
            }

            if (hardware.Magnetometers != null && config.ParkingBays > 0)
            {
                Parking = new ParkingPipeline(hardware.Magnetometers, config.ParkingBays, BayDetectorSettings.From(config), Events, _log, store);
                AddPipeline("parking", Parking, config.ParkingPeriodMs);
                Commands.Register(CommandAction.ParkingRecalibrateBay, new ParkingCommands(Parking, clock));
                if (hardware.MagnetometerChecks != null)
                {
                    _scheduler.Add("bay self-checks", new MagnetometerStartup(hardware.MagnetometerChecks, hardware.Magnetometers, _scheduler, _log),
                        MagnetometerStartup.StepMs, 0);
                }
            }

            // The first report closes the first full interval of every pipeline.
            int reportMs = config.ReportPeriodS * 1000;
            _scheduler.Add("report", new ReportTask(this), reportMs, reportMs);
            _scheduler.Add("link", new LinkTask(this), LinkPeriodMs, 0);
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

        /// <summary>The MQTT session: connection state, acknowledgements awaited, link health.</summary>
        public LinkSession Link
        {
            get { return _session; }
        }

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

        /// <summary>Reports and events the broker has not acknowledged yet: queued, or handed over and awaiting their PUBACK.</summary>
        public int OutboxCount
        {
            get { return _outbox.Count + _session.LiveFramesAwaiting; }
        }

        /// <summary>Reports and events lost because the flash budget was full (or flash failed).</summary>
        public int DroppedReportCount
        {
            get { return _outbox.DroppedCount; }
        }

        /// <summary>Moves queued frames (and those still awaiting acknowledgement) to flash and publishes
        /// the retained "offline" status before a planned stop.</summary>
        public void Shutdown()
        {
            _session.Shutdown();
            _outbox.Flush();
            _session.Publish(Topics.Status, NodeStatus.Offline(), MessageQos.AtLeastOnce, true);
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
                PipelineContribution.Add((INodePipeline)_pipelines[i], _report, _frameBuffer, _log);
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
            _session.SendFrame(Outbox.KindTelemetry, _frameBuffer, length);
            ReportCount++;
        }

        private void Emit(int type, byte[] payload, int offset, int count)
        {
            uint timestamp = _clock.IsUtcValid() ? UnixSecondsNow() : 0;
            int length = EventFrame.Encode(type, (int)(_eventSequence.Next() & 0xFFFF), timestamp, payload, offset, count, _eventBuffer, 0);
            _session.SendFrame(Outbox.KindEvent, _eventBuffer, length);
            EventCount++;
        }

        private uint UnixSecondsNow()
        {
            return (uint)((_clock.UtcNow().Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond);
        }

        /// <summary>Every link period: the session (connection, acknowledgements, received messages,
        /// backlog at link.drain_per_s), the config trial, status.</summary>
        private void ServiceLink()
        {
            _session.Service(_config.DrainPerS);
            int trial = _trial.Check(_session.IsUp);
            if (trial == ConfigTrial.Kept)
            {
                PublishStatus(true);
                PublishConfig();
            }
            else if (trial == ConfigTrial.RolledBack)
            {
                Reboot(_trial.RollBackReason);
                return;
            }

            if (!_session.IsUp)
            {
                return;
            }

            if (_clock.MonotonicMs() >= _nextStatusMs)
            {
                PublishStatus(false);
            }

            if (_rebootReason != null)
            {
                Reboot(_rebootReason);
            }
        }

        /// <summary>A message from the broker, on the main loop's thread: presence to the lamp, commands processed and acknowledged.</summary>
        private void OnMessage(string topic, byte[] payload)
        {
            if (topic == _presenceTopic)
            {
                Lighting.OnNeighbourPresence(payload, 0, payload.Length);
            }
            else if (topic == Topics.Command)
            {
                _session.Publish(Topics.CommandAck, Commands.Process(payload), MessageQos.AtLeastOnce, false);
            }
        }

        /// <summary>A status message: full (retained) when asked, when none has gone out yet this boot or
        /// every status.full_period_s; otherwise a delta against the last full (not retained).</summary>
        private bool PublishStatus(bool full)
        {
            long now = _clock.MonotonicMs();
            _nextStatusMs = now + (_config.StatusPeriodS * 1000L);
            full = _status.Write(ReportCount, full || now >= _nextFullStatusMs);
            if (!_session.Publish(Topics.Status, _status.Bytes, 0, _status.Length, MessageQos.AtLeastOnce, full))
            {
                return false;
            }

            _status.Sent(full);
            if (full)
            {
                _nextFullStatusMs = now + (_config.StatusFullPeriodS * 1000L);
            }

            return true;
        }

        /// <summary>The running config on the retained config topic, secrets left out.</summary>
        private bool PublishConfig()
        {
            return _session.Publish(Topics.Config, _status.Config(), MessageQos.AtLeastOnce, true);
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
                    return _node.PublishStatus(true) ? CommandResult.Ok : CommandResult.Failed;
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

        /// <summary>Checks the text (RemoteConfigPolicy), stages it atomically and reboots into a trial.</summary>
        private int SetConfig(Command command)
        {
            string text = Encoding.UTF8.GetString(command.Arguments, 0, command.Arguments.Length);
            string refusal;
            NodeConfig candidate = RemoteConfigPolicy.Check(_config, text, out refusal);
            if (candidate == null)
            {
                command.Detail = refusal;
                return CommandResult.InvalidArgument;
            }

            _trial.Stage(text);
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
                if (!_node._session.IsUp)
                {
                    return;
                }

                _node._session.Publish(_node._presenceTopic, payload, offset, count, MessageQos.AtMostOnce, false);
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

        /// <summary>Birth messages on every (re)connect, and received messages, for the session.</summary>
        private sealed class SessionOwner : ILinkSessionOwner
        {
            private readonly NodeRuntime _node;

            public SessionOwner(NodeRuntime node)
            {
                _node = node;
            }

            public bool OnSessionStarted()
            {
                return _node.PublishStatus(true) && _node.PublishConfig();
            }

            public void OnMessage(string topic, byte[] payload)
            {
                _node.OnMessage(topic, payload);
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
