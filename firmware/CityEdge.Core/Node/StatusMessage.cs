using System.Collections;
using System.Text;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Link;
using CityEdge.Scheduling;

namespace CityEdge.Node
{
    /// <summary>
    /// The node's retained JSON messages (docs/mqtt.md): the status (health, queue, versions, loop
    /// health) and the running config with its secrets left out.
    /// </summary>
    public sealed class StatusMessage
    {
        private readonly NodeConfig _config;
        private readonly IClock _clock;
        private readonly ISystemInfo _system;
        private readonly SequenceCounter _sequence;
        private readonly Outbox _outbox;
        private readonly CommandProcessor _commands;
        private readonly NodeScheduler _scheduler;
        private readonly ArrayList _pipelines;
        private readonly ConfigTrial _trial;
        private readonly LinkSession _link;

        public StatusMessage(NodeConfig config, IClock clock, ISystemInfo system, SequenceCounter sequence, Outbox outbox, CommandProcessor commands,
            NodeScheduler scheduler, ArrayList pipelines, ConfigTrial trial, LinkSession link)
        {
            _config = config;
            _clock = clock;
            _system = system;
            _sequence = sequence;
            _outbox = outbox;
            _commands = commands;
            _scheduler = scheduler;
            _pipelines = pipelines;
            _trial = trial;
            _link = link;
        }

        /// <summary>The status payload. Reading it restarts the longest-pass measurement, so loop_max_ms
        /// is the longest main-loop pass since the previous status message.</summary>
        public byte[] Status(int reportCount)
        {
            StringBuilder json = NodeStatus.Begin("state", "online");
            NodeStatus.Field(json, "node", _config.NodeId);
            NodeStatus.Field(json, "firmware", NodeStatus.FirmwareVersion);
            NodeStatus.Field(json, "config_version", _config.ConfigVersion);
            NodeStatus.Field(json, "config_state", _trial.State);
            NodeStatus.Field(json, "uptime_s", _clock.MonotonicMs() / 1000);
            NodeStatus.Field(json, "reset_reason", _system == null ? "unknown" : _system.ResetReason);
            NodeStatus.Field(json, "free_heap", _system == null ? -1 : _system.FreeHeapBytes);
            NodeStatus.Field(json, "rssi_dbm", _system == null ? 0 : _system.WifiRssiDbm);
            NodeStatus.Field(json, "first_sequence", _sequence.FirstOfBoot);
            NodeStatus.Field(json, "reports", reportCount);
            NodeStatus.Field(json, "queue_ram", _outbox.RamCount);
            NodeStatus.Field(json, "queue_flash", _outbox.FlashCount);
            NodeStatus.Field(json, "queue_flash_bytes", _outbox.FlashBytes);
            NodeStatus.Field(json, "queue_budget_bytes", _outbox.FlashBudgetBytes);
            NodeStatus.Field(json, "queue_dropped", _outbox.DroppedCount);
            NodeStatus.Field(json, "queue_corrupt", _outbox.CorruptCount);
            NodeStatus.Field(json, "commands_accepted", _commands.AcceptedCount);
            NodeStatus.Field(json, "commands_rejected", _commands.RejectedCount);
            NodeStatus.Field(json, "scheduler_faults", _scheduler.FaultCount);
            NodeStatus.Field(json, "loop_max_ms", _scheduler.TakeLongestPassMs());
            NodeStatus.Field(json, "sched_skipped", _scheduler.SkippedRunCount);
            NodeStatus.Field(json, "rx_dropped", _link.ReceivedDropped);
            NodeStatus.Field(json, "acks_pending", _link.AwaitingAcknowledgement);
            NodeStatus.Field(json, "link_stalls", _link.StallCount);
            NodeStatus.Field(json, "mqtt_version", MqttProtocol.Name(_link.ProtocolVersion));
            for (int i = 0; i < _pipelines.Count; i++)
            {
                IHealthCounters counters = _pipelines[i] as IHealthCounters;
                for (int c = 0; counters != null && c < counters.HealthCounterCount; c++)
                {
                    NodeStatus.Field(json, counters.GetHealthCounterName(c), counters.GetHealthCounterValue(c));
                }
            }

            return NodeStatus.End(json);
        }

        /// <summary>The running config: version, trial state and every key but the secrets (ConfigKey.IsSecret).</summary>
        public byte[] Config()
        {
            StringBuilder json = NodeStatus.Begin("state", _trial.State);
            NodeStatus.Field(json, "version", _config.ConfigVersion);
            byte[] text = _trial.ReadActive();
            KeyValueReader reader = new KeyValueReader(text == null ? "" : Encoding.UTF8.GetString(text, 0, text.Length));
            while (reader.MoveNext())
            {
                if (reader.Error == null && !ConfigKey.IsSecret(reader.Key))
                {
                    NodeStatus.Field(json, reader.Key, reader.Value);
                }
            }

            return NodeStatus.End(json);
        }
    }
}
