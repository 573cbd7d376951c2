using System.Text;
using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Config
{
    /// <summary>
    /// Where the node's configuration text lives in flash, and the try-then-keep-or-roll-back cycle
    /// of a remote change (docs/mqtt.md "Remote configuration"):
    /// 1. <see cref="Stage"/> (after RemoteConfigPolicy accepted the text) saves the running text as
    ///    "last good", marks the slot "staged" and writes the new text; the node reboots.
    /// 2. <see cref="SelectAtBoot"/> turns "staged" into "on trial" and boots the new text. A boot that
    ///    finds "on trial" means the new config crashed or hung the node: it rolls back at once.
    /// 3. The runtime calls <see cref="Commit"/> once the node is connected and has published its status
    ///    within config.trial_s, or <see cref="RollBack"/> (and reboots) when that time runs out.
    /// <para>
    /// A power cut may stop any of these between two writes (each WriteAll and Delete is atomic), so
    /// every step keeps two invariants: with no trial marker the active text is proven (provisioned or
    /// kept after it reached its broker), and with a marker the last-good text is proven. The marker is
    /// therefore written before a new active text and removed only when the active text is proven
    /// (tested by cutting power at every write unit: tests/CityEdge.Core.Tests/PowerCut).
    /// </para>
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

        /// <summary>Makes a technician's validated text the config (active and last good) at once, ending
        /// any trial: the first config of a node, a newly deployed file, a setup tool's config.</summary>
        public void Provision(string text)
        {
            byte[] data = Encoding.UTF8.GetBytes(text);
            // Last good first: a marker still present then rolls back to the new text.
            _store.WriteAll(GoodFile, data, 0, data.Length);
            _store.WriteAll(ActiveFile, data, 0, data.Length);
            _store.Delete(TrialFile);
            _store.Delete(RollbackFile);
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

        /// <summary>Keeps the running text for later rollbacks and the new one as the next boot's, on trial.
        /// The caller has validated <paramref name="newText"/> (NodeConfig.Parse, RemoteConfigPolicy).</summary>
        public void Stage(string newText)
        {
            byte[] running = ReadActive();
            if (running != null && Marker() == 0)
            {
                // Proven (no marker), so it is what a failed trial returns to.
                _store.WriteAll(GoodFile, running, 0, running.Length);
            }

            // The marker before the text: a cut in between boots the proven text on a harmless trial,
            // while the other order booted the new text with nothing to roll it back (issue 17).
            _store.WriteAll(TrialFile, new byte[] { Staged }, 0, 1);
            byte[] data = Encoding.UTF8.GetBytes(newText);
            _store.WriteAll(ActiveFile, data, 0, data.Length);
        }

        /// <summary>The config on trial proved itself: it becomes the last good one.</summary>
        public void Commit()
        {
            // Proven now, so the marker may go; a cut before that rolls back, which is safe.
            _store.Delete(RollbackFile);
            _store.Delete(TrialFile);
            byte[] data = _store.ReadAll(ActiveFile);
            _store.WriteAll(GoodFile, data, 0, data.Length);
            _log.Write(LogLevel.Info, LogTag, "new config kept");
        }

        /// <summary>Restores the last good config as the next boot's.</summary>
        public void RollBack()
        {
            // Flag first and marker last: a cut anywhere in between rolls back again at the next boot.
            _store.WriteAll(RollbackFile, new byte[] { 1 }, 0, 1);
            byte[] good = _store.ReadAll(GoodFile);
            if (good != null)
            {
                _store.WriteAll(ActiveFile, good, 0, good.Length);
            }

            _store.Delete(TrialFile);
            _log.Write(LogLevel.Warning, LogTag, "rolled back to the last good config");
        }

        private byte Marker()
        {
            byte[] marker = _store.ReadAll(TrialFile);
            return marker == null || marker.Length != 1 ? (byte)0 : marker[0];
        }
    }
}
