using System.Threading;
using CityEdge.Hal;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// A software watchdog: a thread that restarts the board through <see cref="DevicePlatform.RebootFor"/>
    /// (which records "watchdog" as the next boot's reset reason, then calls nanoFramework.Runtime.Native
    /// Power.RebootDevice) when the main loop has not called <see cref="Feed"/> for <c>timeoutS</c> seconds,
    /// e.g. after a hung bus transfer or a deadlock in managed code. nanoFramework exposes no
    /// hardware-watchdog API to managed code (none in nanoFramework.Hardware.Esp32 or
    /// nanoFramework.Runtime.Native, see docs/device-app.md), so this cannot catch a hung CLR; that is
    /// left to whatever ESP-IDF watchdogs the firmware image enables.
    /// </summary>
    public sealed class SoftwareWatchdog
    {
        private const int CheckPeriodMs = 5000;
        private readonly IClock _clock;
        private readonly int _timeoutS;
        private readonly DevicePlatform _platform;
        private int _lastFeedS;
        private Thread _thread;

        public SoftwareWatchdog(IClock clock, int timeoutS, DevicePlatform platform)
        {
            _clock = clock;
            _timeoutS = timeoutS;
            _platform = platform;
            _lastFeedS = NowS();
        }

        public void Start()
        {
            if (_thread == null)
            {
                // Above the main loop's priority, so a busy loop cannot starve the check.
                _thread = new Thread(Watch);
                _thread.Priority = ThreadPriority.AboveNormal;
                _thread.Start();
            }
        }

        /// <summary>Called by the main loop on every pass.</summary>
        public void Feed()
        {
            Interlocked.Exchange(ref _lastFeedS, NowS());
        }

        private int NowS()
        {
            return (int)(_clock.MonotonicMs() / 1000);
        }

        private void Watch()
        {
            while (true)
            {
                Thread.Sleep(CheckPeriodMs);
                int silentS = NowS() - Interlocked.CompareExchange(ref _lastFeedS, 0, 0);
                if (silentS > _timeoutS)
                {
                    _platform.RebootFor("watchdog", "main loop silent for " + silentS + " s");
                }
            }
        }
    }
}
