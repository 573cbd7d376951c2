using System;
using System.Collections;
using System.Device.Gpio;
using System.Device.I2c;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Device.Hal;
using CityEdge.Diagnostics;
using CityEdge.Drivers;
using CityEdge.Node;
using nanoFramework.Hardware.Esp32;

namespace CityEdge.Device
{
    /// <summary>
    /// Wires nanoFramework's APIs to the core: reads the node config and board profile from internal
    /// storage, builds the hardware the board file describes, and runs NodeRuntime's scheduler. Every
    /// decision (validation, scheduling, what to report) is the core's; this file only connects parts.
    /// </summary>
    public class Program
    {
        private const string StorageRoot = "I:\\";
        private const string ConfigPath = StorageRoot + "cityedge.conf";
        private const string BoardPath = StorageRoot + "board.board";
        private const string LogTag = "app";
        private const int MaxSleepMs = 1000;
        private const int WatchdogTimeoutS = 300;
        private const int BootWifiTimeoutMs = 60000;
        private const int ReceivedPerPass = 8;

        public static void Main()
        {
            ILogSink log = new DebugLogSink();
            ArrayList errors = new ArrayList();

            // Both files are checked even when the first has errors, so one pass shows every problem.
            BoardProfile board = BoardProfile.Parse(ReadText(BoardPath, errors), errors);
            NodeConfig config = NodeConfig.Parse(ReadText(ConfigPath, errors), errors);

            GpioController gpio = new GpioController();
            DeviceGpioPin statusLed = null;
            if (board != null && board.Has("status_led.pin"))
            {
                statusLed = new DeviceGpioPin(gpio.OpenPin(board.GetNumber("status_led.pin", 0), PinMode.Output));
                statusLed.Write(false);
            }

            if (board == null || config == null)
            {
                SafeIdle(errors, statusLed);
                return;
            }

            log.Write(LogLevel.Info, LogTag, "board " + board.Name + ", node " + config.NodeId);

            DeviceClock clock = new DeviceClock();
            SoftwareWatchdog watchdog = new SoftwareWatchdog(clock, WatchdogTimeoutS);
            watchdog.Start();

            NodeHardware hardware = new NodeHardware();
            if (board.Has("bme280.address"))
            {
                int bus = board.GetNumber("bme280.bus", 1);
                try
                {
                    I2cDevice bme280Device = OpenI2c(board, bus, board.GetNumber("bme280.address", 0x76));
                    if (bme280Device != null)
                    {
                        hardware.Climate = new Bme280ClimateSensor(bme280Device);
                    }
                    else
                    {
                        log.Write(LogLevel.Error, LogTag, "bme280: I2C bus " + bus + " is not 1 or 2 or has no sda/scl in the board file");
                    }
                }
                catch (Exception ex)
                {
                    // Runs without the climate pipeline; the report simply has no climate group.
                    log.Write(LogLevel.Error, LogTag, "bme280: cannot open I2C bus " + bus + ": " + ex.Message);
                }
            }

            // Join Wi-Fi before the runtime starts so that the first reports can carry a timestamp; a failed
            // join is retried by the link's connection thread.
            WifiJoin wifi = new WifiJoin(config.WifiSsid, config.WifiPassword, log);
            watchdog.Feed();
            wifi.EnsureJoined(BootWifiTimeoutMs, true);
            watchdog.Feed();

            NodeTopics topics = new NodeTopics(config);
            M2MqttLink link = new M2MqttLink(config.MqttHost, config.MqttPort, config.NodeId, config.MqttUsername, config.MqttPassword,
                topics.Status, NodeStatus.Offline(), wifi, log);
            FileStore store = new FileStore(StorageRoot);
            NodeRuntime runtime = new NodeRuntime(config, hardware, clock, store, link, log);
            link.Start();

            while (true)
            {
                try
                {
                    long next = runtime.Scheduler.RunDue();
                    link.DeliverReceived(ReceivedPerPass);
                    if (statusLed != null)
                    {
                        statusLed.Write(link.IsConnected);
                    }

                    watchdog.Feed();
                    long waitMs = next - clock.MonotonicMs();
                    if (waitMs > MaxSleepMs)
                    {
                        waitMs = MaxSleepMs;
                    }

                    if (waitMs > 0)
                    {
                        Thread.Sleep((int)waitMs);
                    }
                }
                catch (Exception ex)
                {
                    // The scheduler already isolates task failures; this guards the loop's own calls.
                    log.Write(LogLevel.Error, LogTag, "main loop: " + ex.Message);
                    Thread.Sleep(MaxSleepMs);
                }
            }
        }

        /// <summary>The file as UTF-8 text; on failure adds a ConfigError naming the file and returns "".</summary>
        private static string ReadText(string path, ArrayList errors)
        {
            try
            {
                if (!File.Exists(path))
                {
                    errors.Add(new ConfigError(0, path, "file not found on internal storage (deploy it with nanoff --filedeployment)"));
                    return string.Empty;
                }

                byte[] bytes = File.ReadAllBytes(path);
                string text = Encoding.UTF8.GetString(bytes, 0, bytes.Length);

                // Windows editors may save UTF-8 with a byte-order mark; it is not part of the first key.
                return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
            }
            catch (Exception ex)
            {
                errors.Add(new ConfigError(0, path, "cannot read: " + ex.Message));
                return string.Empty;
            }
        }

        /// <summary>
        /// Sets the ESP32 pin functions for I2C bus <paramref name="bus"/> from the board file
        /// (i2c{bus}.sda / .scl / .clock_hz) and opens the device; null when the bus has no pins.
        /// </summary>
        private static I2cDevice OpenI2c(BoardProfile board, int bus, int address)
        {
            string prefix = "i2c" + bus;
            int sda = board.GetNumber(prefix + ".sda", -1);
            int scl = board.GetNumber(prefix + ".scl", -1);
            if (sda < 0 || scl < 0 || (bus != 1 && bus != 2))
            {
                return null;
            }

            Configuration.SetPinFunction(sda, bus == 1 ? DeviceFunction.I2C1_DATA : DeviceFunction.I2C2_DATA);
            Configuration.SetPinFunction(scl, bus == 1 ? DeviceFunction.I2C1_CLOCK : DeviceFunction.I2C2_CLOCK);

            // I2cBusSpeed has three steps; take the fastest that does not exceed the board's clock_hz.
            int clockHz = board.GetNumber(prefix + ".clock_hz", 100000);
            I2cBusSpeed speed = clockHz >= 1000000 ? I2cBusSpeed.FastModePlus : clockHz >= 400000 ? I2cBusSpeed.FastMode : I2cBusSpeed.StandardMode;
            return new I2cDevice(new I2cConnectionSettings(bus, address, speed));
        }

        /// <summary>
        /// A bad or missing config never runs: print every error, blink the status LED (if the board file
        /// was readable and has one) and wait for a technician to deploy fixed files and reset the node.
        /// </summary>
        private static void SafeIdle(ArrayList errors, DeviceGpioPin statusLed)
        {
            int pass = 0;
            while (true)
            {
                if (pass % 120 == 0)
                {
                    Debug.WriteLine("CityEdge: not starting, " + errors.Count + " configuration error(s):");
                    for (int i = 0; i < errors.Count; i++)
                    {
                        Debug.WriteLine("  " + errors[i].ToString());
                    }
                }

                if (statusLed != null)
                {
                    statusLed.Write(pass % 2 == 0);
                }

                pass++;
                Thread.Sleep(250);
            }
        }
    }
}
