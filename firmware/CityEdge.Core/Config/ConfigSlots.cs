using System.Text;
using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Config
{
    /// <summary>
    /// Where the node's configuration text lives in flash, and the try-then-keep-or-roll-back cycle
    /// of a remote change (docs/mqtt.md "Remote configuration"):
    /// 1. <see cref="Stage"/> (after NodeConfig.Parse accepted the text) saves the running text as
    ///    "last good", writes the new one atomically and marks it "staged"; the node reboots.
    /// 2. <see cref="SelectAtBoot"/> turns "staged" into "on trial" and boots the new text. A boot that
    ///    finds "on trial" means the new config crashed or hung the node: it rolls back at once.
    /// 3. The runtime calls <see cref="Commit"/> once the node is connected and has published its status
    ///    within config.trial_s, or <see cref="RollBack"/> (and reboots) when that time runs out.
    /// </summary>
    public sealed class ConfigSlots
    {
        public const string ActiveFile = "config.txt";
        public const string GoodFile = "config.good";
        public const string TrialFile = "config.trial";
        public const string RollbackFile = "config.rollback";

        private const string LogTag = "config";
        private const byte Staged = (byte)'S';
        private const byte OnTrial = (byte)'T';

        private readonly IPersistentStore _store;
        private readonly ILogSink _log;

        public ConfigSlots(IPersistentStore store, ILogSink log)
        {
            _store = store;
            _log = log ?? NullLogSink.Instance;
        }

        /// <summary>True while the running config is new and not yet proven.</summary>
        public bool IsOnTrial
        {
            get { return Marker() == OnTrial; }
        }

        /// <summary>True after a rollback until a new config is kept.</summary>
        public bool RolledBack
        {
            get { return _store.Exists(RollbackFile); }
        }

        /// <summary>The running config text as stored; null when none.</summary>
        public byte[] ReadActive()
        {
            return _store.ReadAll(ActiveFile);
        }

        /// <summary>Writes the first config of a freshly provisioned node (also "last good").</summary>
        public void Provision(string text)
        {
            byte[] data = Encoding.UTF8.GetBytes(text);
            _store.WriteAll(ActiveFile, data, 0, data.Length);
            _store.WriteAll(GoodFile, data, 0, data.Length);
            _store.Delete(TrialFile);
        }

        /// <summary>
        /// The text the node must boot with; null when none is stored. Advances a staged config to
        /// "on trial" and rolls back one that was already on trial (the node restarted before it proved
        /// itself). <paramref name="rolledBack"/> tells the caller to report it.
        /// </summary>
        public string SelectAtBoot(out bool rolledBack)
        {
            rolledBack = false;
            byte marker = Marker();
            if (marker == OnTrial)
            {
                _log.Write(LogLevel.Error, LogTag, "restarted while a new config was on trial: rolling back");
                RollBack();
                rolledBack = true;
            }
            else if (marker == Staged)
            {
                _store.WriteAll(TrialFile, new byte[] { OnTrial }, 0, 1);
            }

            byte[] active = ReadActive();
            return active == null ? null : Encoding.UTF8.GetString(active, 0, active.Length);
        }

        /// <summary>Keeps the running text for later rollbacks and the new one as the next boot's.</summary>
        public void Stage(string newText)
        {
            byte[] running = ReadActive();
            if (running != null && Marker() == 0)
            {
                _store.WriteAll(GoodFile, running, 0, running.Length);
            }

            byte[] data = Encoding.UTF8.GetBytes(newText);
            _store.WriteAll(ActiveFile, data, 0, data.Length);
            _store.WriteAll(TrialFile, new byte[] { Staged }, 0, 1);
        }

        /// <summary>The config on trial proved itself: it becomes the last good one.</summary>
        public void Commit()
        {
            byte[] data = _store.ReadAll(ActiveFile);
            _store.WriteAll(GoodFile, data, 0, data.Length);
            _store.Delete(TrialFile);
            _store.Delete(RollbackFile);
            _log.Write(LogLevel.Info, LogTag, "new config kept");
        }

        /// <summary>Restores the last good config as the next boot's.</summary>
        public void RollBack()
        {
            byte[] good = _store.ReadAll(GoodFile);
            if (good != null)
            {
                _store.WriteAll(ActiveFile, good, 0, good.Length);
            }

            _store.Delete(TrialFile);
            _store.WriteAll(RollbackFile, new byte[] { 1 }, 0, 1);
            _log.Write(LogLevel.Warning, LogTag, "rolled back to the last good config");
        }

        private byte Marker()
        {
            byte[] marker = _store.ReadAll(TrialFile);
            return marker == null || marker.Length != 1 ? (byte)0 : marker[0];
        }
    }
}
