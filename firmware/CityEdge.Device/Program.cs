using System;
using System.Collections;
using System.Device.Adc;
using System.Device.Gpio;
using System.Device.I2c;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Device.Hal;
using CityEdge.Device.Setup;
using CityEdge.Diagnostics;
using CityEdge.Drivers;
using CityEdge.Drivers.Bh1750;
using CityEdge.Drivers.Hmc5883l;
using CityEdge.Drivers.I2sMemsMicrophone;
using CityEdge.Drivers.Pms5003;
using CityEdge.Drivers.Qmc5883l;
using CityEdge.Drivers.Sen0232;
using CityEdge.Hal;
using CityEdge.Node;
using CityEdge.Parking;
using CityEdge.Setup;
using CityEdge.Storage;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;

namespace CityEdge.Device
{
    /// <summary>
    /// Wires nanoFramework's APIs to the core: reads the node config and board profile from internal
    /// storage, builds the hardware the board file describes, and runs NodeRuntime's scheduler. Every
    /// decision (validation, scheduling, what to report) is the core's; this file only connects parts.
    /// </summary>
    public class Program
    {
        internal const string StorageRoot = "I:\\";
        internal const string ConfigPath = StorageRoot + "cityedge.conf";
        internal const string BoardPath = StorageRoot + "board.board";
        private const string LogTag = "app";
        private const int MaxSleepMs = 1000;

        /// <summary>Longest main-loop silence before the software watchdog restarts the node: above the boot
        /// Wi-Fi join (60 s); nothing on the loop waits for the network.</summary>
        private const int WatchdogTimeoutS = 120;
        private const int BootWifiTimeoutMs = 60000;

        /// <summary>I2S microphone duty cycle (docs/noise.md "Cost"): 2048-sample bursts every 5 s.</summary>
        private const int MicBurstSamples = 2048;
        private const int MicPeriodMs = 5000;

        public static void Main()
        {
            ILogSink log = new DebugLogSink();
            ArrayList errors = new ArrayList();
            ArrayList warnings = new ArrayList();
            // Power cuts are handled in the portable CrashSafeStore; the device file system is a thin adapter.
            IPersistentStore store = new CrashSafeStore(new FlashFileSystem(StorageRoot));
            DevicePlatform platform = new DevicePlatform(store, log);
            DeviceClock clock = new DeviceClock();

            // The core decides what runs (Board/BootCheck: config slots, board rules, hardware plan, TLS files),
            // exactly as `cityedge config check` does; both files are checked even when the first has errors.
            string boardText = ReadText(BoardPath, true, errors);
            string deployedText = ReadText(ConfigPath, false, errors);
            NodeConfig config;
            HardwarePlan plan = BootCheck.Run(store, deployedText, ConfigPath, boardText, log, errors, warnings, out config);
            for (int i = 0; i < warnings.Count; i++)
            {
                log.Write(LogLevel.Warning, LogTag, Describe((ConfigError)warnings[i]));
            }

            GpioController gpio = new GpioController();
            DeviceGpioPin statusLed = null;
            if (plan != null && plan.StatusLedGpio >= 0)
            {
                statusLed = new DeviceGpioPin(gpio.OpenPin(plan.StatusLedGpio, PinMode.Output));
                statusLed.Write(false);
            }

            // Phone setup mode (docs/field-guide.md): only with no config or the setup button held at boot.
            SetupDecision setup = SetupMode.Decide(plan, config, deployedText, store, gpio, statusLed, clock, platform, log);
            if (setup == SetupDecision.Open)
            {
                NodeConfig settings = config != null ? config : NodeConfig.Parse("node.id = setup\n", new ArrayList());
                SetupMode.Serve(plan, BuildHardware(plan, settings, gpio, log), boardText, store, clock, statusLed, platform, log);
                return;
            }

            X509Certificate caCert = null;
            X509Certificate clientCert = null;
            if (errors.Count == 0 && config != null && config.MqttTls)
            {
                caCert = LoadCertificate(store, HardwarePlan.CaFile, null, errors);
                if (store.Exists(HardwarePlan.ClientCertFile))
                {
                    clientCert = LoadCertificate(store, HardwarePlan.ClientCertFile, HardwarePlan.ClientKeyFile, errors);
                }
            }

            if (plan == null || config == null || errors.Count > 0)
            {
                SafeIdle(errors, statusLed);
                return;
            }

            log.Write(LogLevel.Info, LogTag, "board " + plan.Board.Name + " (" + plan.Board.Target.Name + "), node " + config.NodeId + ", config version "
                + config.ConfigVersion + ", reset reason " + platform.ResetReason);

            SoftwareWatchdog watchdog = new SoftwareWatchdog(clock, WatchdogTimeoutS, platform);
            watchdog.Start();

            NodeHardware hardware = BuildHardware(plan, config, gpio, log);
            hardware.SystemInfo = platform;
            hardware.Control = platform;

            // Join the network before the runtime starts so that the first reports can carry a timestamp; a failed
            // join is retried by the link's connection thread. A wired board's firmware brings Ethernet up itself.
            WifiJoin wifi = new WifiJoin(plan.IsEthernet ? null : config.WifiSsid, config.WifiPassword, log);
            watchdog.Feed();
            if (plan.IsEthernet)
            {
                WaitForEthernet(log);
            }
            else
            {
                wifi.EnsureJoined(BootWifiTimeoutMs, true);
            }

            watchdog.Feed();

            M2MqttLink link = new M2MqttLink(config.MqttHost, config.MqttPort, config.MqttTls, caCert, clientCert, wifi, log);
            NodeRuntime runtime = new NodeRuntime(config, hardware, clock, store, link, log);
            link.Start();

            while (true)
            {
                try
                {
                    runtime.Scheduler.RunDue();
                    if (statusLed != null)
                    {
                        statusLed.Write(runtime.Link.IsUp);
                    }

                    watchdog.Feed();
                    Thread.Sleep(runtime.Scheduler.WaitMs(MaxSleepMs));
                }
                catch (Exception ex)
                {
                    // The scheduler already isolates task failures; this guards the loop's own calls.
                    log.Write(LogLevel.Error, LogTag, "main loop: " + ex.Message);
                    Thread.Sleep(MaxSleepMs);
                }
            }
        }

        /// <summary>
        /// Opens every part the hardware plan lists (Board/HardwarePlan: the board file checked against the chip
        /// and the node config). A part that cannot be opened is logged and left out (its group is then absent
        /// from reports); a lamp output left out keeps the GPIO an input, so the inverting stage stays off and
        /// the lamp at full light (docs/lighting.md, fail-safe wiring).
        /// </summary>
        private static NodeHardware BuildHardware(HardwarePlan plan, NodeConfig config, GpioController gpio, ILogSink log)
        {
            NodeHardware hardware = new NodeHardware();
            if (plan.Bme280 != null)
            {
                I2cDevice device = OpenI2c(plan.Bme280, log);
                if (device != null)
                {
                    hardware.Climate = new Bme280ClimateSensor(device);
                }
            }

            if (plan.Pms5003 != null)
            {
                try
                {
                    hardware.Particulates = new Pms5003(new SerialPortUart(OpenUart(plan.Pms5003, Pms5003Protocol.BaudRate)));
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "pms5003: " + ex.Message);
                }
            }

            if (plan.Sen0232Gpio >= 0)
            {
                try
                {
                    AdcInput adc = new AdcInput(new AdcController(), plan.Sen0232AdcChannel, plan.Sen0232FullScaleMv / 1000f);
                    hardware.Noise = new Sen0232SoundLevelMeter(adc, config.NoiseOffsetDb, Sen0232SoundLevelMeter.DefaultPeriodMs);
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "sen0232: " + ex.Message);
                }
            }
            else if (plan.MicDataGpio >= 0)
            {
                try
                {
                    Configuration.SetPinFunction(plan.MicBckGpio, DeviceFunction.I2S1_BCK);
                    Configuration.SetPinFunction(plan.MicWsGpio, DeviceFunction.I2S1_WS);
                    Configuration.SetPinFunction(plan.MicDataGpio, DeviceFunction.I2S1_MDATA_IN);
                    I2sAudioBlockSource source = new I2sAudioBlockSource(HardwarePlan.MicrophoneI2sPort, plan.MicSampleHz);
                    hardware.Noise = new I2sMemsMicrophone(source, config.NoiseSensitivityDbfs, config.NoiseOffsetDb,
                        I2sMemsMicrophone.Inmp441NoiseFloorDb, I2sMemsMicrophone.AcousticOverloadDb, MicBurstSamples, MicPeriodMs);
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "i2s microphone: " + ex.Message);
                }
            }

            if (plan.LampPwmGpio >= 0)
            {
                try
                {
                    hardware.LampPwm = new PwmOutput(plan.LampPwmGpio, plan.LampPwmHz);
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "lamp pwm: " + ex.Message + " (lamp left at full light)");
                }
            }

            if (plan.PresenceGpio >= 0)
            {
                try
                {
                    PinMode mode = plan.PresencePullDown ? PinMode.InputPullDown : PinMode.Input;
                    hardware.PresencePins = new IGpioPin[] { new DeviceGpioPin(gpio.OpenPin(plan.PresenceGpio, mode)) };
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "presence input: " + ex.Message);
                }
            }

            if (plan.Bh1750 != null)
            {
                I2cDevice device = OpenI2c(plan.Bh1750, log);
                if (device != null)
                {
                    hardware.AmbientLight = new Bh1750(new I2cBusDevice(device));
                }
            }

            hardware.MagnetometerChecks = OpenMagnetometers(plan, log);
            hardware.Magnetometers = hardware.MagnetometerChecks == null ? null : new IMagnetometer[hardware.MagnetometerChecks.Length];
            return hardware;
        }

        /// <summary>
        /// One magnetometer per parking bay 0 … parking.bays − 1, as the plan gives them (chip, bus; the plan has
        /// already refused a bay without a sensor and a second chip of one kind on a bus), each with its start-up
        /// self-check, which the core runs as scheduled steps (MagnetometerStartup). A bay whose sensor does not
        /// open has no check and stays null: the core then reports that bay unknown. Null when parking.bays is 0.
        /// </summary>
        private static IMagnetometerCheck[] OpenMagnetometers(HardwarePlan plan, ILogSink log)
        {
            if (plan.Bays.Length == 0)
            {
                return null;
            }

            IMagnetometerCheck[] checks = new IMagnetometerCheck[plan.Bays.Length];
            for (int i = 0; i < plan.Bays.Length; i++)
            {
                PlannedBay bay = plan.Bays[i];
                string part = BayPart(bay.Bay, bay.IsQmc5883l);
                string otherPart = BayPart(bay.Bay, !bay.IsQmc5883l);
                I2cDevice device = OpenI2c(bay.Device, log);
                if (device != null)
                {
                    checks[i] = bay.IsQmc5883l ? new Qmc5883lStartupCheck(new Qmc5883l(new I2cBusDevice(device)), part + ": " + bay.Slot, otherPart + ".bus")
                        : (IMagnetometerCheck)new Hmc5883lStartupCheck(new Hmc5883l(new I2cBusDevice(device)), part + ": " + bay.Slot, otherPart + ".bus");
                }
            }

            return checks;
        }

        private static string BayPart(int bay, bool qmc)
        {
            return "bay" + bay + (qmc ? ".qmc5883l" : ".hmc5883l");
        }

        /// <summary>
        /// Routes the plan's SDA/SCL to the device's I2C bus (nanoFramework bus 1 or 2) and opens the device at its
        /// address; null (logged) when it cannot be opened.
        /// </summary>
        internal static I2cDevice OpenI2c(PlannedI2cDevice part, ILogSink log)
        {
            try
            {
                Configuration.SetPinFunction(part.SdaGpio, part.Bus == 1 ? DeviceFunction.I2C1_DATA : DeviceFunction.I2C2_DATA);
                Configuration.SetPinFunction(part.SclGpio, part.Bus == 1 ? DeviceFunction.I2C1_CLOCK : DeviceFunction.I2C2_CLOCK);

                // I2cBusSpeed has three steps; take the fastest that does not exceed the board's clock_hz.
                I2cBusSpeed speed = part.ClockHz >= 1000000 ? I2cBusSpeed.FastModePlus : part.ClockHz >= 400000 ? I2cBusSpeed.FastMode : I2cBusSpeed.StandardMode;
                return new I2cDevice(new I2cConnectionSettings(part.Bus, part.Address, speed));
            }
            catch (Exception ex)
            {
                // Runs without that part; the report simply has no such group.
                log.Write(LogLevel.Error, LogTag, part.Part + ": cannot open I2C bus " + part.Bus + ": " + ex.Message);
                return null;
            }
        }

        /// <summary>Routes the plan's RX/TX to COMn (2 or 3; COM1 is the debug link) and opens it at
        /// <paramref name="baudRate"/>, 8N1.</summary>
        internal static SerialPort OpenUart(PlannedUart uart, int baudRate)
        {
            Configuration.SetPinFunction(uart.RxGpio, uart.Number == 2 ? DeviceFunction.COM2_RX : DeviceFunction.COM3_RX);
            Configuration.SetPinFunction(uart.TxGpio, uart.Number == 2 ? DeviceFunction.COM2_TX : DeviceFunction.COM3_TX);
            SerialPort port = new SerialPort("COM" + uart.Number, baudRate, Parity.None, 8, StopBits.One);
            port.Open();
            return port;
        }

        /// <summary>
        /// Waits up to the boot join time for the Ethernet link, its DHCP address and the clock (System.Net
        /// NetworkHelper.SetupAndConnectNetwork(CancellationToken, bool), nanoframework/System.Net @ 713b02c9);
        /// a cable plugged in later still works: the firmware brings the link up by itself.
        /// </summary>
        private static void WaitForEthernet(ILogSink log)
        {
            CancellationTokenSource cts = new CancellationTokenSource(BootWifiTimeoutMs);
            bool up = NetworkHelper.SetupAndConnectNetwork(cts.Token, true);
            cts.Dispose();
            log.Write(up ? LogLevel.Info : LogLevel.Warning, "ethernet", up ? "link up, address and clock set" : "no address or clock yet (status "
                + (int)NetworkHelper.Status + "): check the cable and the PoE switch port");
        }

        /// <summary>
        /// A certificate from storage; the core's plan has already checked that the files are there and look
        /// like PEM. CA: X509Certificate(string), which keeps the terminating NUL that mbedTLS's PEM parser needs
        /// (System.Net X509Certificate.cs). Client: X509Certificate2(certPem, keyPem, null) with its unencrypted
        /// key (<paramref name="keyName"/>).
        /// </summary>
        private static X509Certificate LoadCertificate(IPersistentStore store, string name, string keyName, ArrayList errors)
        {
            try
            {
                string pem = ReadStoreText(store, name);
                return keyName == null ? new X509Certificate(pem) : new X509Certificate2(pem, ReadStoreText(store, keyName), null);
            }
            catch (Exception ex)
            {
                errors.Add(new ConfigError(name, 0, name, "certificate or key not usable: " + ex.Message));
                return null;
            }
        }

        /// <summary>"board.board: line 12: lamp.pwm.pin: ..." for the serial log.</summary>
        private static string Describe(ConfigError error)
        {
            return (error.Source != null ? error.Source : "cityedge.conf") + ": " + error.ToString();
        }

        private static string ReadStoreText(IPersistentStore store, string name)
        {
            byte[] data = store.ReadAll(name);
            return data == null ? null : Encoding.UTF8.GetString(data, 0, data.Length);
        }

        /// <summary>
        /// The file as UTF-8 text. A missing file is an error (ConfigError naming the file, "" returned) when
        /// <paramref name="required"/>, otherwise null; an unreadable one always is.
        /// </summary>
        internal static string ReadText(string path, bool required, ArrayList errors)
        {
            try
            {
                if (!File.Exists(path))
                {
                    if (!required)
                    {
                        return null;
                    }

                    errors.Add(new ConfigError(path.Substring(StorageRoot.Length), 0, path, "file not found on internal storage (deploy it with nanoff --filedeployment)"));
                    return string.Empty;
                }

                byte[] bytes = File.ReadAllBytes(path);
                string text = Encoding.UTF8.GetString(bytes, 0, bytes.Length);

                // Windows editors may save UTF-8 with a byte-order mark; it is not part of the first key.
                return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
            }
            catch (Exception ex)
            {
                errors.Add(new ConfigError(path.Substring(StorageRoot.Length), 0, path, "cannot read: " + ex.Message));
                return string.Empty;
            }
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
                        Debug.WriteLine("  " + Describe((ConfigError)errors[i]));
                    }
                }

                if (statusLed != null)
                {
                    statusLed.Write(StatusLedPattern.IsLit(StatusLedPattern.ConfigError, false, pass * 250L));
                }

                pass++;
                Thread.Sleep(250);
            }
        }
    }
}
