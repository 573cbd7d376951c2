using System.Diagnostics;
using System.Threading;
using CityEdge.Hal;
using nanoFramework.Runtime.Native;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// A software watchdog: a thread that reboots the board (nanoFramework.Runtime.Native
    /// Power.RebootDevice) when the main loop has not called <see cref="Feed"/> for
    /// <c>timeoutS</c> seconds, e.g. after a hung bus transfer or a deadlock in managed code.
    /// nanoFramework exposes no hardware-watchdog API to managed code (none in nanoFramework.Hardware.Esp32
    /// or nanoFramework.Runtime.Native, see docs/device-app.md), so this cannot catch a hung CLR; that is
    /// left to whatever ESP-IDF watchdogs the firmware image enables.
    /// </summary>
    public sealed class SoftwareWatchdog
    {
        private const int CheckPeriodMs = 5000;
        private readonly IClock _clock;
        private readonly int _timeoutS;
        private int _lastFeedS;
        private Thread _thread;

        public SoftwareWatchdog(IClock clock, int timeoutS)
        {
            _clock = clock;
            _timeoutS = timeoutS;
            _lastFeedS = NowS();
        }

        public void Start()
        {
            if (_thread == null)
            {
                _thread = new Thread(Watch);
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
                    Debug.WriteLine("watchdog: main loop silent for " + silentS + " s, rebooting");
                    Power.RebootDevice();
                }
            }
        }
    }
}
