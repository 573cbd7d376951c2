using System.Threading;
using CityEdge.Device.Hal;
using CityEdge.Storage;
using CityEdge.Drivers;
using CityEdge.Node;
using nanoFramework.TestFramework;

namespace CityEdge.Tests.Hardware
{
    /// <summary>
    /// Free managed heap after the node has started and after it has run for 10 minutes: steady state
    /// must not allocate its way down (docs/hil.md gives the figures to expect). Runs the real NodeRuntime
    /// with the kit's BME280 (if any) and the device link to the bench broker, for 10 minutes of real time.
    /// </summary>
    [TestClass]
    public class HeapTests
    {
        /// <summary>Heap a plain ESP32 must keep free after the node started (docs/hil.md).</summary>
        private const uint MinimumFreeBytes = 30000;

        /// <summary>What 10 minutes of steady state may take, at most: a few buffers grown to size.</summary>
        private const uint MaximumDriftBytes = 4096;

        [TestMethod]
        public void FreeHeapAfterBootAndAfterTenMinutesOfRunning()
        {
            Bench.SkipUnless(!Bench.Config.MqttTls, "the run uses the bench broker on plain TCP; this kit's config has mqtt.tls = true");
            NodeHardware hardware = new NodeHardware();
            if (Bench.Plan.Bme280 != null)
            {
                hardware.Climate = new Bme280ClimateSensor(CityEdge.Device.Program.OpenI2c(Bench.Plan.Bme280, Bench.Log));
            }

            DeviceClock clock = new DeviceClock();
            WifiJoin wifi = new WifiJoin(Bench.Config.WifiSsid, Bench.Config.WifiPassword, Bench.Log);
            M2MqttLink link = new M2MqttLink(Bench.Config.MqttHost, Bench.Config.MqttPort, false, null, null, wifi, Bench.Log);
            NodeRuntime runtime = new NodeRuntime(Bench.Config, hardware, clock, new CrashSafeStore(new FlashFileSystem(CityEdge.Device.Program.StorageRoot + "hil-heap-")), link, Bench.Log);
            link.Start();
            RunFor(runtime, clock, 30000);
            uint afterBoot = nanoFramework.Runtime.Native.GC.Run(true);
            OutputHelper.WriteLine("free heap after boot: " + afterBoot.ToString() + " bytes");

            RunFor(runtime, clock, 600000);
            uint afterTenMinutes = nanoFramework.Runtime.Native.GC.Run(true);
            OutputHelper.WriteLine("free heap after 10 minutes: " + afterTenMinutes.ToString() + " bytes");

            Assert.IsTrue(afterBoot >= MinimumFreeBytes, "free after boot " + afterBoot.ToString());
            Assert.IsTrue(afterTenMinutes + MaximumDriftBytes >= afterBoot, "no steady-state leak: " + afterBoot.ToString() + " -> " + afterTenMinutes.ToString());
            Assert.AreEqual(0, runtime.Scheduler.SkippedRunCount, "no scheduler run skipped");
        }

        /// <summary>The device app's main loop, for <paramref name="durationMs"/>.</summary>
        private static void RunFor(NodeRuntime runtime, DeviceClock clock, long durationMs)
        {
            long end = clock.MonotonicMs() + durationMs;
            while (clock.MonotonicMs() < end)
            {
                runtime.Scheduler.RunDue();
                Thread.Sleep(runtime.Scheduler.WaitMs(1000));
            }
        }
    }
}
