using System.Collections;
using System.Text;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Link;
using CityEdge.Scheduling;

namespace CityEdge.Node
{
    /// <summary>
    /// The node's JSON messages on its status and config topics (docs/mqtt.md). Every status message
    /// carries "status_seq", counted from 0 at boot. A full one has every field, "state" first, and is
    /// retained; a delta has no "state" and only the fields whose values differ from the last full's,
    /// and is not retained. A full goes out at every (re)connect, on request-status, after a config is
    /// kept and every status.full_period_s; deltas in between. So the retained full and the latest
    /// delta after it give every field's current value: a receiver that starts late or misses a delta
    /// loses nothing, and no message repeats a value that is still the full's. Writing a status
    /// allocates nothing: it goes into a buffer the node keeps.
    /// </summary>
    public sealed class StatusMessage
    {
        private const int FixedFields = 25;

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
        private readonly JsonObjectBuffer _json = new JsonObjectBuffer(1024);
        private string[] _names;
        private long[] _values;
        private string[] _texts;
        private long[] _fullValues;
        private string[] _fullTexts;
        private int _seq;
        private bool _hasFull;

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

        /// <summary>The last status written: its first <see cref="Length"/> bytes.</summary>
        public byte[] Bytes
        {
            get { return _json.Bytes; }
        }

        public int Length
        {
            get { return _json.Length; }
        }

        /// <summary>
        /// Writes the status into <see cref="Bytes"/>: full, or a delta against the last full handed
        /// over (a full when none has been this boot). Reading the loop health restarts its measurement,
        /// so loop_max_ms is the longest main-loop pass since the previous status message. Returns
        /// whether it is full; call <see cref="Sent"/> once the broker has it in hand.
        /// </summary>
        public bool Write(int reportCount, bool full)
        {
            Collect(reportCount);
            full = full || !_hasFull;
            _json.Begin();
            if (full)
            {
                _json.Field("state", "online");
            }

            _json.Field("status_seq", _seq);
            for (int i = 0; i < _names.Length; i++)
            {
                if (_texts[i] != null)
                {
                    if (full || _texts[i] != _fullTexts[i])
                    {
                        _json.Field(_names[i], _texts[i]);
                    }
                }
                else if (full || _values[i] != _fullValues[i] || _fullTexts[i] != null)
                {
                    _json.Field(_names[i], _values[i]);
                }
            }

            _json.End();
            return full;
        }

        /// <summary>The status just written was handed over; a full one is what the next deltas are against.</summary>
        public void Sent(bool full)
        {
            _seq++;
            if (!full)
            {
                return;
            }

            _hasFull = true;
            for (int i = 0; i < _names.Length; i++)
            {
                _fullValues[i] = _values[i];
                _fullTexts[i] = _texts[i];
            }
        }

        /// <summary>The running config: version, trial state and every key but the secrets (ConfigKey.IsSecret).</summary>
        public byte[] Config()
        {
            JsonObjectBuffer json = new JsonObjectBuffer(512);
            json.Begin();
            json.Field("state", _trial.State);
            json.Field("version", _config.ConfigVersion);
            byte[] text = _trial.ReadActive();
            KeyValueReader reader = new KeyValueReader(text == null ? "" : Encoding.UTF8.GetString(text, 0, text.Length));
            while (reader.MoveNext())
            {
                if (reader.Error == null && !ConfigKey.IsSecret(reader.Key))
                {
                    json.Field(reader.Key, reader.Value);
                }
            }

            json.End();
            return json.ToArray();
        }

        /// <summary>Every field's current value, by index; the names are laid out once (the pipelines are fixed after start-up).</summary>
        private void Collect(int reportCount)
        {
            int count = FixedFields;
            for (int i = 0; i < _pipelines.Count; i++)
            {
                IHealthCounters counters = _pipelines[i] as IHealthCounters;
                count += counters == null ? 0 : counters.HealthCounterCount;
            }

            if (_names == null || _names.Length != count)
            {
                _names = new string[count];
                _values = new long[count];
                _texts = new string[count];
                _fullValues = new long[count];
                _fullTexts = new string[count];
                _hasFull = false;
            }

            int n = 0;
            n = Text(n, "node", _config.NodeId);
            n = Text(n, "firmware", NodeStatus.FirmwareVersion);
            n = Number(n, "config_version", _config.ConfigVersion);
            n = Text(n, "config_state", _trial.State);
            n = Number(n, "uptime_s", _clock.MonotonicMs() / 1000);
            n = Text(n, "reset_reason", _system == null ? "unknown" : _system.ResetReason);
            n = Number(n, "free_heap", _system == null ? -1 : _system.FreeHeapBytes);
            n = Number(n, "rssi_dbm", _system == null ? 0 : _system.WifiRssiDbm);
            n = Number(n, "first_sequence", _sequence.FirstOfBoot);
            n = Number(n, "reports", reportCount);
            n = Number(n, "queue_ram", _outbox.RamCount);
            n = Number(n, "queue_flash", _outbox.FlashCount);
            n = Number(n, "queue_flash_bytes", _outbox.FlashBytes);
            n = Number(n, "queue_budget_bytes", _outbox.FlashBudgetBytes);
            n = Number(n, "queue_dropped", _outbox.DroppedCount);
            n = Number(n, "queue_corrupt", _outbox.CorruptCount);
            n = Number(n, "commands_accepted", _commands.AcceptedCount);
            n = Number(n, "commands_rejected", _commands.RejectedCount);
            n = Number(n, "scheduler_faults", _scheduler.FaultCount);
            n = Number(n, "loop_max_ms", _scheduler.TakeLongestPassMs());
            n = Number(n, "sched_skipped", _scheduler.SkippedRunCount);
            n = Number(n, "rx_dropped", _link.ReceivedDropped);
            n = Number(n, "acks_pending", _link.AwaitingAcknowledgement);
            n = Number(n, "link_stalls", _link.StallCount);
            n = Text(n, "mqtt_version", MqttProtocol.Name(_link.ProtocolVersion));
            for (int i = 0; i < _pipelines.Count; i++)
            {
                IHealthCounters counters = _pipelines[i] as IHealthCounters;
                for (int c = 0; counters != null && c < counters.HealthCounterCount; c++)
                {
                    n = Number(n, counters.GetHealthCounterName(c), counters.GetHealthCounterValue(c));
                }
            }
        }

        private int Number(int index, string name, long value)
        {
            _names[index] = name;
            _values[index] = value;
            _texts[index] = null;
            return index + 1;
        }

        private int Text(int index, string name, string value)
        {
            _names[index] = name;
            _texts[index] = value;
            return index + 1;
        }
    }
}
