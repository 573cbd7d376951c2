using CityEdge.Config;
using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Node
{
    /// <summary>
    /// A remote config on trial (docs/mqtt.md "Remote configuration"): kept once the node is connected
    /// with it, rolled back when config.trial_s passes without a connection.
    /// </summary>
    public sealed class ConfigTrial
    {
        /// <summary><see cref="Check"/>: nothing changed.</summary>
        public const int Unchanged = 0;

        /// <summary><see cref="Check"/>: the config on trial connected and is now the last good one.</summary>
        public const int Kept = 1;

        /// <summary><see cref="Check"/>: the trial ran out; the last good config is active again and the node must restart.</summary>
        public const int RolledBack = 2;

        private const string LogTag = "node";
        private readonly ConfigSlots _slots;
        private readonly NodeConfig _config;
        private readonly IClock _clock;
        private long _deadlineMs = -1;

        public ConfigTrial(ConfigSlots slots, NodeConfig config, IClock clock, ILogSink log)
        {
            _slots = slots;
            _config = config;
            _clock = clock;
            if (slots.IsOnTrial)
            {
                _deadlineMs = clock.MonotonicMs() + (config.ConfigTrialS * 1000L);
                (log ?? NullLogSink.Instance).Write(LogLevel.Warning, LogTag, "config version " + config.ConfigVersion + " on trial for " + config.ConfigTrialS + " s");
            }
        }

        /// <summary>"trial", "rolled-back" (the previous boot's config failed its trial) or "good".</summary>
        public string State
        {
            get { return _deadlineMs >= 0 ? "trial" : _slots.RolledBack ? "rolled-back" : "good"; }
        }

        /// <summary>Why the node must restart after <see cref="RolledBack"/>.</summary>
        public string RollBackReason
        {
            get { return "config version " + _config.ConfigVersion + " did not reconnect within " + _config.ConfigTrialS + " s"; }
        }

        /// <summary>Every link period: <see cref="Kept"/>, <see cref="RolledBack"/> or <see cref="Unchanged"/>.</summary>
        public int Check(bool connected)
        {
            if (_deadlineMs < 0)
            {
                return Unchanged;
            }

            if (connected)
            {
                _deadlineMs = -1;
                _slots.Commit();
                return Kept;
            }

            if (_clock.MonotonicMs() >= _deadlineMs)
            {
                _deadlineMs = -1;
                _slots.RollBack();
                return RolledBack;
            }

            return Unchanged;
        }

        /// <summary>The running config's text (for the retained config message).</summary>
        public byte[] ReadActive()
        {
            return _slots.ReadActive();
        }

        /// <summary>Stages a validated config text for the next boot's trial.</summary>
        public void Stage(string text)
        {
            _slots.Stage(text);
        }
    }
}
