using System;
using System.Collections;
using CityEdge.Climate;
using CityEdge.Config;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Health;
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
        private bool _birthPublished;
        private int _faultsAtLastReport;
        private int _dropsAtLastReport;

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
            _outbox = new Outbox(config.OutboxFrames);

            if (hardware.Climate != null)
            {
                AddPipeline("climate", new ClimatePipeline(hardware.Climate, _log), config.ClimatePeriodS * 1000);
            }

            if (hardware.Magnetometers != null && config.ParkingBays > 0)
            {
                Parking = new ParkingPipeline(hardware.Magnetometers, config.ParkingBays, BayDetectorSettings.From(config), Events, _log);
                AddPipeline("parking", Parking, config.ParkingPeriodMs);
            }

            // Sampling tasks start at once; the first report closes the first full interval.
            int reportMs = config.ReportPeriodS * 1000;
            _scheduler.Add("report", new ReportTask(this), reportMs, reportMs);
            _scheduler.Add("link", new LinkTask(this), LinkPeriodMs, 0);
            _log.Write(LogLevel.Info, LogTag, "node " + config.NodeId + " started, " + _pipelines.Count + " pipeline(s), first sequence " + _sequence.FirstOfBoot);
        }

        public NodeTopics Topics { get; }

        /// <summary>Where pipelines send events that must not wait for the next report.</summary>
        public IEventSink Events { get; }

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

        /// <summary>Reports lost because the outbox was full.</summary>
        public int DroppedReportCount
        {
            get { return _outbox.DroppedCount; }
        }

        /// <summary>Publishes the retained "offline" status before a planned stop.</summary>
        public void Shutdown()
        {
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

            int length = TelemetryCodec.Encode(_report, _frameBuffer, 0);
            byte[] frame = new byte[length];
            Array.Copy(_frameBuffer, frame, length);
            _outbox.Add(Topics.Telemetry, frame);
            ReportCount++;
            Drain();
        }

        private void Emit(int type, byte[] payload, int offset, int count)
        {
            uint timestamp = _clock.IsUtcValid() ? UnixSecondsNow() : 0;
            int length = EventFrame.Encode(type, (int)(_eventSequence.Next() & 0xFFFF), timestamp, payload, offset, count, _eventBuffer, 0);
            byte[] frame = new byte[length];
            Array.Copy(_eventBuffer, frame, length);
            _outbox.Add(Topics.Events, frame);
            EventCount++;
            Drain();
        }

        private uint UnixSecondsNow()
        {
            return (uint)((_clock.UtcNow().Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond);
        }

        private void Drain()
        {
            if (!_link.IsConnected)
            {
                _birthPublished = false;
                return;
            }

            if (!_birthPublished)
            {
                _birthPublished = _link.Publish(Topics.Status, NodeStatus.Online(_config.NodeId, _sequence.FirstOfBoot), MessageQos.AtLeastOnce, true);
            }

            OutboxItem item = _outbox.Peek();
            while (item != null && _link.Publish(item.Topic, item.Frame, MessageQos.AtLeastOnce, false))
            {
                _outbox.RemoveOldest();
                item = _outbox.Peek();
            }
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
                _node.Drain();
            }
        }
    }
}
