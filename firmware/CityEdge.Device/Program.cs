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
using CityEdge.Diagnostics;
using CityEdge.Drivers;
using CityEdge.Drivers.Bh1750;
using CityEdge.Drivers.Hmc5883l;
using CityEdge.Drivers.I2sMemsMicrophone;
using CityEdge.Drivers.Pms5003;
using CityEdge.Drivers.Qmc5883l;
using CityEdge.Drivers.Sen0232;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Node;
using CityEdge.Parking;
using CityEdge.Storage;
using CityEdge.Telemetry;
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
        private const string CaFile = "ca.pem";
        private const string ClientCertFile = "client.pem";
        private const string ClientKeyFile = "client.key";
        private const string LogTag = "app";
        private const int MaxSleepMs = 1000;

        /// <summary>Longest main-loop silence before the software watchdog restarts the node: above the boot
        /// Wi-Fi join (60 s) and one acknowledgement wait (M2MqttLink.AckTimeoutMs).</summary>
        private const int WatchdogTimeoutS = 120;
        private const int BootWifiTimeoutMs = 60000;
        private const int ReceivedPerPass = 8;

        /// <summary>I2S microphone duty cycle (docs/noise.md "Cost"): 2048-sample bursts every 5 s.</summary>
        private const int MicBurstSamples = 2048;
        private const int MicPeriodMs = 5000;

        /// <summary>Wait between magnetometer self-check steps at start-up: longer than one output period of
        /// the HMC5883L at 15 Hz (datasheet Form #900405 Rev E, table 5), so each self-test step finds a new sample.</summary>
        private const int MagnetometerCheckStepMs = 100;

        /// <summary>Self-check steps before a bay's sensor is given up: the HMC5883L's self-test takes four
        /// (drivers/Hmc5883l/README.md); the rest let a sensor at the end of a long cable finish powering up.</summary>
        private const int MagnetometerCheckSteps = 10;

        public static void Main()
        {
            ILogSink log = new DebugLogSink();
            ArrayList errors = new ArrayList();
            // Power cuts are handled in the portable CrashSafeStore; the device file system is a thin adapter.
            IPersistentStore store = new CrashSafeStore(new FlashFileSystem(StorageRoot));
            DevicePlatform platform = new DevicePlatform(store, log);

            // Both files are checked even when the first has errors, so one pass shows every problem.
            BoardProfile board = BoardProfile.Parse(ReadText(BoardPath, true, errors), errors);
            NodeConfig config = ConfigBoot.Select(store, ReadText(ConfigPath, false, errors), ConfigPath, log, errors);
            X509Certificate caCert = null;
            X509Certificate clientCert = null;
            if (config != null && config.MqttTls)
            {
                caCert = LoadCaCertificate(store, errors);
                clientCert = LoadClientCertificate(store, errors);
            }

            GpioController gpio = new GpioController();
            DeviceGpioPin statusLed = null;
            if (board != null && board.Has("status_led.pin"))
            {
                statusLed = new DeviceGpioPin(gpio.OpenPin(board.GetNumber("status_led.pin", 0), PinMode.Output));
                statusLed.Write(false);
            }

            if (board == null || config == null || errors.Count > 0)
            {
                SafeIdle(errors, statusLed);
                return;
            }

            log.Write(LogLevel.Info, LogTag, "board " + board.Name + ", node " + config.NodeId + ", config version " + config.ConfigVersion
                + ", reset reason " + platform.ResetReason);

            DeviceClock clock = new DeviceClock();
            SoftwareWatchdog watchdog = new SoftwareWatchdog(clock, WatchdogTimeoutS, platform);
            watchdog.Start();

            NodeHardware hardware = BuildHardware(board, config, gpio, log);
            hardware.SystemInfo = platform;
            hardware.Control = platform;

            // Join Wi-Fi before the runtime starts so that the first reports can carry a timestamp; a failed
            // join is retried by the link's connection thread.
            WifiJoin wifi = new WifiJoin(config.WifiSsid, config.WifiPassword, log);
            watchdog.Feed();
            wifi.EnsureJoined(BootWifiTimeoutMs, true);
            watchdog.Feed();

            NodeTopics topics = new NodeTopics(config);
            M2MqttLink link = new M2MqttLink(config.MqttHost, config.MqttPort, config.NodeId, config.MqttUsername, config.MqttPassword,
                topics.Status, NodeStatus.Offline(), config.MqttTls, caCert, clientCert, wifi, log);
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

        /// <summary>
        /// Every capability whose keys the board file has. A part that cannot be opened is logged and left
        /// out (its group is then absent from reports); a lamp output left out keeps the GPIO an input, so
        /// the inverting stage stays off and the lamp at full light (docs/lighting.md, fail-safe wiring).
        /// </summary>
        private static NodeHardware BuildHardware(BoardProfile board, NodeConfig config, GpioController gpio, ILogSink log)
        {
            NodeHardware hardware = new NodeHardware();
            if (board.Has("bme280.address"))
            {
                I2cDevice device = OpenI2c(board, "bme280", 0x76, log);
                if (device != null)
                {
                    hardware.Climate = new Bme280ClimateSensor(device);
                }
            }

            if (board.Has("pms5003.uart"))
            {
                try
                {
                    hardware.Particulates = new Pms5003(new SerialPortUart(OpenUart(board, board.GetNumber("pms5003.uart", 2), Pms5003Protocol.BaudRate)));
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "pms5003: " + ex.Message);
                }
            }

            if (board.Has("sen0232.pin"))
            {
                try
                {
                    AdcInput adc = new AdcInput(new AdcController(), board.GetNumber("sen0232.pin", -1), board.GetNumber("sen0232.full_scale_mv", 3100) / 1000f);
                    hardware.Noise = new Sen0232SoundLevelMeter(adc, config.NoiseOffsetDb, Sen0232SoundLevelMeter.DefaultPeriodMs);
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "sen0232: " + ex.Message);
                }
            }
            else if (board.Has("mic.data.pin"))
            {
                try
                {
                    Configuration.SetPinFunction(board.GetNumber("mic.bck.pin", -1), DeviceFunction.I2S1_BCK);
                    Configuration.SetPinFunction(board.GetNumber("mic.ws.pin", -1), DeviceFunction.I2S1_WS);
                    Configuration.SetPinFunction(board.GetNumber("mic.data.pin", -1), DeviceFunction.I2S1_MDATA_IN);
                    I2sAudioBlockSource source = new I2sAudioBlockSource(1, board.GetNumber("mic.sample_hz", 16000));
                    hardware.Noise = new I2sMemsMicrophone(source, config.NoiseSensitivityDbfs, config.NoiseOffsetDb,
                        I2sMemsMicrophone.Inmp441NoiseFloorDb, I2sMemsMicrophone.AcousticOverloadDb, MicBurstSamples, MicPeriodMs);
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "i2s microphone: " + ex.Message);
                }
            }

            if (board.Has("lamp.pwm.pin"))
            {
                try
                {
                    hardware.LampPwm = new PwmOutput(board.GetNumber("lamp.pwm.pin", -1), board.GetNumber("lamp.pwm_hz", 5000));
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "lamp pwm: " + ex.Message + " (lamp left at full light)");
                }
            }

            if (board.Has("lamp.presence.pin"))
            {
                try
                {
                    PinMode mode = board.GetNumber("lamp.presence.pull_down", 0) == 1 ? PinMode.InputPullDown : PinMode.Input;
                    hardware.PresencePins = new IGpioPin[] { new DeviceGpioPin(gpio.OpenPin(board.GetNumber("lamp.presence.pin", -1), mode)) };
                }
                catch (Exception ex)
                {
                    log.Write(LogLevel.Error, LogTag, "presence input: " + ex.Message);
                }
            }

            if (board.Has("bh1750.address"))
            {
                I2cDevice device = OpenI2c(board, "bh1750", 0x23, log);
                if (device != null)
                {
                    hardware.AmbientLight = new Bh1750(new I2cBusDevice(device));
                }
            }

            hardware.Magnetometers = OpenMagnetometers(board, config.ParkingBays, log);
            return hardware;
        }

        /// <summary>
        /// One magnetometer per parking bay 0 … parking.bays − 1, from bay{k}.qmc5883l.bus or
        /// bay{k}.hmc5883l.bus. Both chips have one fixed address (QMC5883L 0x0D, HMC5883L 0x1E), so a bus
        /// holds at most one of each: a later bay asking for a chip already on that bus is left out, as it
        /// would need an I2C multiplexer (e.g. TCA9548A), for which there is no driver. A bay with no sensor
        /// in the board file, or whose sensor does not open or fails its self-check, stays null: the core
        /// then reports that bay unknown. Null when parking.bays is 0.
        /// </summary>
        private static IMagnetometer[] OpenMagnetometers(BoardProfile board, int bayCount, ILogSink log)
        {
            for (int bay = bayCount; bay < TelemetryReport.MaxParkingBays; bay++)
            {
                if (board.Has(BayPart(bay, true) + ".bus") || board.Has(BayPart(bay, false) + ".bus"))
                {
                    log.Write(LogLevel.Warning, LogTag, "bay" + bay + ": the board file has a sensor, but parking.bays = " + bayCount + ", so it is not read");
                }
            }

            if (bayCount == 0)
            {
                return null;
            }

            IMagnetometer[] sensors = new IMagnetometer[bayCount];
            Hashtable busOwners = new Hashtable();
            for (int bay = 0; bay < bayCount; bay++)
            {
                string qmcPart = BayPart(bay, true);
                string hmcPart = BayPart(bay, false);
                bool qmc = board.Has(qmcPart + ".bus");
                if (qmc == board.Has(hmcPart + ".bus"))
                {
                    log.Write(LogLevel.Error, LogTag, "bay" + bay + ": " + (qmc ? "both " : "neither ") + qmcPart + ".bus " + (qmc ? "and " : "nor ")
                        + hmcPart + ".bus in the board file; set one (bay reported unknown)");
                    continue;
                }

                string part = qmc ? qmcPart : hmcPart;
                string chip = qmc ? "QMC5883L" : "HMC5883L";
                int bus = board.GetNumber(part + ".bus", 1);
                string slot = chip + " on I2C bus " + bus;
                if (busOwners.Contains(slot))
                {
                    log.Write(LogLevel.Error, LogTag, part + ": " + slot + " is taken by " + (string)busOwners[slot] + " (one fixed address per chip: a second one needs "
                        + "the other bus or an I2C multiplexer such as a TCA9548A, which has no driver) - bay reported unknown");
                    continue;
                }

                busOwners[slot] = part;
                I2cDevice device = OpenI2c(board, part, qmc ? Qmc5883lRegisters.Address : Hmc5883lRegisters.Address, log);
                if (device != null)
                {
                    sensors[bay] = qmc ? CheckQmc5883l(new Qmc5883l(new I2cBusDevice(device)), part, hmcPart, slot, log)
                        : CheckHmc5883l(new Hmc5883l(new I2cBusDevice(device)), part, qmcPart, slot, log);
                }
            }

            return sensors;
        }

        private static string BayPart(int bay, bool qmc)
        {
            return "bay" + bay + (qmc ? ".qmc5883l" : ".hmc5883l");
        }

        /// <summary>The QMC5883L's set-up (soft reset, chip id, control register read back); null (logged) when
        /// it never succeeds.</summary>
        private static IMagnetometer CheckQmc5883l(Qmc5883l sensor, string part, string otherPart, string slot, ILogSink log)
        {
            for (int step = 0; step < MagnetometerCheckSteps && sensor.SelfCheckFailureCount == 0; step++)
            {
                if (step > 0)
                {
                    Thread.Sleep(MagnetometerCheckStepMs);
                }

                if (sensor.Initialize())
                {
                    log.Write(LogLevel.Info, LogTag, part + ": " + slot + " ready");
                    return sensor;
                }
            }

            log.Write(LogLevel.Error, LogTag, part + ": " + slot + " failed its self-check: "
                + (sensor.SelfCheckFailureCount > 0 ? "wrong chip id (register 0x0D is not 0xFF) or control register read-back"
                    : SelfCheckFailure(sensor.LastFault, "0x0D", otherPart)) + " - bay reported unknown");
            return null;
        }

        /// <summary>The HMC5883L's ID check and self-test, which span reads one output period apart; null
        /// (logged) when they fail or never complete.</summary>
        private static IMagnetometer CheckHmc5883l(Hmc5883l sensor, string part, string otherPart, string slot, ILogSink log)
        {
            MagneticSample sample = new MagneticSample();
            for (int step = 0; step < MagnetometerCheckSteps && sensor.BadIdCount == 0 && sensor.SelfTestFailureCount == 0; step++)
            {
                if (step > 0)
                {
                    Thread.Sleep(MagnetometerCheckStepMs);
                }

                sensor.TryRead(sample);
                if (sensor.InitCount > 0)
                {
                    log.Write(LogLevel.Info, LogTag, part + ": " + slot + " ready, self-test field " + sensor.SelfTestX + "/" + sensor.SelfTestY + "/"
                        + sensor.SelfTestZ + " LSB");
                    return sensor;
                }
            }

            string why = sensor.BadIdCount > 0 ? "ID registers 0x0A-0x0C are not 'H43'"
                : sensor.SelfTestFailureCount > 0 ? "self-test field " + sensor.SelfTestX + "/" + sensor.SelfTestY + "/" + sensor.SelfTestZ + " LSB is outside "
                    + Hmc5883lRegisters.SelfTestMinLsb + ".." + Hmc5883lRegisters.SelfTestMaxLsb + " (damaged chip or a strong field nearby)"
                : SelfCheckFailure(sensor.LastFault, "0x1E", otherPart);
            log.Write(LogLevel.Error, LogTag, part + ": " + slot + " failed its self-check: " + why + " - bay reported unknown");
            return null;
        }

        /// <summary>Why a self-check that found no wrong identity failed. FaultReason is printed as a number on
        /// the device, so the common cases are named here.</summary>
        private static string SelfCheckFailure(FaultReason fault, string address, string otherPart)
        {
            if (fault == FaultReason.NotResponding)
            {
                // Many "HMC5883L" (GY-271) boards carry a QMC5883L (drivers/Hmc5883l/README.md).
                return "no answer at " + address + " (check power, SDA/SCL and pull-ups; a board carrying the other chip needs " + otherPart + ".bus)";
            }

            return fault == FaultReason.Stale ? "it answers but never has a new sample" : "I2C transfer failed (fault reason " + (int)fault + ")";
        }

        /// <summary>
        /// Sets the ESP32 pin functions for the I2C bus named by {part}.bus from the board file
        /// (i2c{bus}.sda / .scl / .clock_hz) and opens the part's device at {part}.address; null (logged)
        /// when the bus has no pins or cannot be opened.
        /// </summary>
        private static I2cDevice OpenI2c(BoardProfile board, string part, int defaultAddress, ILogSink log)
        {
            int bus = board.GetNumber(part + ".bus", 1);
            string prefix = "i2c" + bus;
            int sda = board.GetNumber(prefix + ".sda", -1);
            int scl = board.GetNumber(prefix + ".scl", -1);
            if (sda < 0 || scl < 0 || (bus != 1 && bus != 2))
            {
                log.Write(LogLevel.Error, LogTag, part + ": I2C bus " + bus + " is not 1 or 2 or has no sda/scl in the board file");
                return null;
            }

            try
            {
                Configuration.SetPinFunction(sda, bus == 1 ? DeviceFunction.I2C1_DATA : DeviceFunction.I2C2_DATA);
                Configuration.SetPinFunction(scl, bus == 1 ? DeviceFunction.I2C1_CLOCK : DeviceFunction.I2C2_CLOCK);

                // I2cBusSpeed has three steps; take the fastest that does not exceed the board's clock_hz.
                int clockHz = board.GetNumber(prefix + ".clock_hz", 100000);
                I2cBusSpeed speed = clockHz >= 1000000 ? I2cBusSpeed.FastModePlus : clockHz >= 400000 ? I2cBusSpeed.FastMode : I2cBusSpeed.StandardMode;
                return new I2cDevice(new I2cConnectionSettings(bus, board.GetNumber(part + ".address", defaultAddress), speed));
            }
            catch (Exception ex)
            {
                // Runs without that part; the report simply has no such group.
                log.Write(LogLevel.Error, LogTag, part + ": cannot open I2C bus " + bus + ": " + ex.Message);
                return null;
            }
        }

        /// <summary>
        /// Routes uart{n}.rx/.tx to COM{n} (the ESP32's UART0 is COM1, nanoFramework's debug and deployment
        /// link, so n is 2 or 3) and opens it at <paramref name="baudRate"/>, 8N1.
        /// </summary>
        private static SerialPort OpenUart(BoardProfile board, int uart, int baudRate)
        {
            string prefix = "uart" + uart;
            int rx = board.GetNumber(prefix + ".rx", -1);
            int tx = board.GetNumber(prefix + ".tx", -1);
            if ((uart != 2 && uart != 3) || rx < 0 || tx < 0)
            {
                throw new ArgumentException("UART " + uart + " is not 2 or 3 or has no rx/tx in the board file");
            }

            Configuration.SetPinFunction(rx, uart == 2 ? DeviceFunction.COM2_RX : DeviceFunction.COM3_RX);
            Configuration.SetPinFunction(tx, uart == 2 ? DeviceFunction.COM2_TX : DeviceFunction.COM3_TX);
            SerialPort port = new SerialPort("COM" + uart, baudRate, Parity.None, 8, StopBits.One);
            port.Open();
            return port;
        }

        /// <summary>
        /// The pinned CA (ca.pem in storage). PEM goes through X509Certificate(string): that constructor
        /// keeps the terminating NUL that mbedTLS's PEM parser needs (System.Net X509Certificate.cs).
        /// </summary>
        private static X509Certificate LoadCaCertificate(IPersistentStore store, ArrayList errors)
        {
            string pem = ReadStoreText(store, CaFile);
            if (pem == null)
            {
                errors.Add(new ConfigError(0, "mqtt.tls", "true, but " + StorageRoot + CaFile + " is missing (deploy the city's CA certificate)"));
                return null;
            }

            try
            {
                return new X509Certificate(pem);
            }
            catch (Exception ex)
            {
                errors.Add(new ConfigError(0, CaFile, "not a PEM certificate: " + ex.Message));
                return null;
            }
        }

        /// <summary>Optional client certificate: client.pem with its private key client.key (PEM, unencrypted).</summary>
        private static X509Certificate LoadClientCertificate(IPersistentStore store, ArrayList errors)
        {
            string certPem = ReadStoreText(store, ClientCertFile);
            string keyPem = ReadStoreText(store, ClientKeyFile);
            if (certPem == null && keyPem == null)
            {
                return null;
            }

            if (certPem == null || keyPem == null)
            {
                errors.Add(new ConfigError(0, certPem == null ? ClientCertFile : ClientKeyFile,
                    "missing: a client certificate needs both " + ClientCertFile + " and " + ClientKeyFile));
                return null;
            }

            try
            {
                return new X509Certificate2(certPem, keyPem, null);
            }
            catch (Exception ex)
            {
                errors.Add(new ConfigError(0, ClientCertFile, "certificate or key not usable: " + ex.Message));
                return null;
            }
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
        private static string ReadText(string path, bool required, ArrayList errors)
        {
            try
            {
                if (!File.Exists(path))
                {
                    if (!required)
                    {
                        return null;
                    }

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
