using System.Collections;
using CityEdge.Config;
using CityEdge.Hal;

namespace CityEdge.Board
{
    /// <summary>
    /// What the device app opens, decided from the board file, the node config and the files beside them:
    /// which I2C bus and address each sensor has, which UART the particulate sensor, which ADC channel the
    /// sound meter, which chip sits under which parking bay on which bus, the lamp and button pins, and
    /// whether the link is wired. <see cref="FromFiles"/> is the one place these decisions and their checks
    /// live: the node runs it at boot (Program.cs then only opens what the plan lists) and
    /// `cityedge config check` runs it on a laptop, so both refuse exactly the same files.
    /// </summary>
    public sealed class HardwarePlan
    {
        /// <summary>Files the node reads from its storage when <c>mqtt.tls = true</c> (docs/device-app.md).</summary>
        public const string CaFile = "ca.pem";
        public const string ClientCertFile = "client.pem";
        public const string ClientKeyFile = "client.key";

        /// <summary>Larger PEM files are refused unread: a CA certificate or a key is a few KiB.</summary>
        public const int MaxPemBytes = 16384;

        /// <summary>The I2S port the microphone uses (nanoFramework I2sConnectionSettings(1), DeviceFunction.I2S1_*).</summary>
        public const int MicrophoneI2sPort = 1;

        private HardwarePlan()
        {
        }

        public BoardProfile Board { get; private set; }

        /// <summary>True when the firmware image brings up Ethernet (board.target): no Wi-Fi join.</summary>
        public bool IsEthernet { get; private set; }

        /// <summary>Status LED GPIO, -1 for none.</summary>
        public int StatusLedGpio { get; private set; }

        /// <summary>Setup button GPIO (pressed = low), -1 for none.</summary>
        public int SetupButtonGpio { get; private set; }

        /// <summary>True to switch the button pin's internal pull-up on.</summary>
        public bool SetupButtonPullUp { get; private set; }

        public PlannedI2cDevice Bme280 { get; private set; }

        public PlannedI2cDevice Bh1750 { get; private set; }

        /// <summary>The PMS5003's UART; null when not fitted.</summary>
        public PlannedUart Pms5003 { get; private set; }

        /// <summary>SEN0232 analog input GPIO, -1 when not fitted.</summary>
        public int Sen0232Gpio { get; private set; }

        /// <summary>System.Device.Adc logical channel of <see cref="Sen0232Gpio"/> (ADC1 channel).</summary>
        public int Sen0232AdcChannel { get; private set; }

        public int Sen0232FullScaleMv { get; private set; }

        /// <summary>I2S microphone pins, -1 when not fitted.</summary>
        public int MicBckGpio { get; private set; }

        public int MicWsGpio { get; private set; }

        public int MicDataGpio { get; private set; }

        public int MicSampleHz { get; private set; }

        /// <summary>Lamp PWM GPIO, -1 when the node drives no lamp.</summary>
        public int LampPwmGpio { get; private set; }

        public int LampPwmHz { get; private set; }

        /// <summary>Presence input GPIO, -1 for none.</summary>
        public int PresenceGpio { get; private set; }

        public bool PresencePullDown { get; private set; }

        /// <summary>One entry per parking bay 0 .. parking.bays - 1 (empty without a config or bays).</summary>
        public PlannedBay[] Bays { get; private set; }

        /// <summary>
        /// Parses the board file and plans the node's hardware against <paramref name="config"/> (null: a
        /// config that did not parse; the rules that need it are then skipped) and the files in
        /// <paramref name="files"/> (the node's storage, or the folder beside a config on a laptop). Errors
        /// and warnings name file, line and key. Returns null when the board file itself has errors;
        /// otherwise a plan, which must not be used while <paramref name="errors"/> holds anything.
        /// </summary>
        public static HardwarePlan FromFiles(string boardText, NodeConfig config, IPersistentStore files, ArrayList errors, ArrayList warnings)
        {
            BoardProfile board = BoardProfile.Parse(boardText, errors, warnings);
            if (board == null)
            {
                return null;
            }

            int errorsBefore = errors.Count;
            int warningsBefore = warnings.Count;
            HardwarePlan plan = new HardwarePlan();
            plan.Board = board;
            plan.IsEthernet = board.Target.IsEthernet;
            plan.StatusLedGpio = board.GetNumber("status_led.pin", -1);
            plan.SetupButtonGpio = board.GetNumber("setup_button.pin", -1);
            plan.SetupButtonPullUp = board.GetNumber("setup_button.pull_up", 1) == 1;
            plan.Bme280 = I2cDevice(board, "bme280");
            plan.Bh1750 = I2cDevice(board, "bh1750");
            if (board.Has("pms5003.uart"))
            {
                int uart = board.GetNumber("pms5003.uart", 0);
                plan.Pms5003 = new PlannedUart(uart, board.GetNumber("uart" + uart + ".rx", -1), board.GetNumber("uart" + uart + ".tx", -1));
            }

            plan.Sen0232Gpio = board.GetNumber("sen0232.pin", -1);
            plan.Sen0232AdcChannel = plan.Sen0232Gpio >= 0 ? board.Chip.AdcChannel(plan.Sen0232Gpio) : -1;
            plan.Sen0232FullScaleMv = board.GetNumber("sen0232.full_scale_mv", 3100);
            plan.MicDataGpio = board.GetNumber("mic.data.pin", -1);
            plan.MicBckGpio = board.GetNumber("mic.bck.pin", -1);
            plan.MicWsGpio = board.GetNumber("mic.ws.pin", -1);
            plan.MicSampleHz = board.GetNumber("mic.sample_hz", 16000);
            plan.LampPwmGpio = board.GetNumber("lamp.pwm.pin", -1);
            plan.LampPwmHz = board.GetNumber("lamp.pwm_hz", 5000);
            plan.PresenceGpio = board.GetNumber("lamp.presence.pin", -1);
            plan.PresencePullDown = board.GetNumber("lamp.presence.pull_down", 0) == 1;
            plan.Bays = new PlannedBay[0];
            if (config != null)
            {
                plan.PlanBays(config, errors, warnings);
                CheckNetwork(board, config, warnings);
                CheckTls(config, files, errors, warnings);
            }

            ConfigError.SortByLine(errors, errorsBefore);
            ConfigError.SortByLine(warnings, warningsBefore);
            return plan;
        }

        /// <summary>
        /// Bays 0 .. parking.bays - 1 each need exactly one sensor key in the board file (a missing one is an
        /// error at parking.bays); sensor keys for bays beyond a non-zero parking.bays are not read (a warning).
        /// </summary>
        private void PlanBays(NodeConfig config, ArrayList errors, ArrayList warnings)
        {
            BoardProfile board = Board;
            int count = config.ParkingBays;
            Bays = new PlannedBay[count];
            for (int bay = 0; bay < 16; bay++)
            {
                string qmc = "bay" + bay + ".qmc5883l";
                string hmc = "bay" + bay + ".hmc5883l";
                bool isQmc = board.Has(qmc + ".bus");
                bool isHmc = board.Has(hmc + ".bus");
                if (bay >= count)
                {
                    // With parking.bays = 0 the node does no parking: bay keys are only the board's capability.
                    if ((isQmc || isHmc) && count > 0)
                    {
                        string key = (isQmc ? qmc : hmc) + ".bus";
                        warnings.Add(new ConfigError(BoardProfile.FileName, board.LineOf(key), key,
                            "parking.bays = " + count + " in the node config, so bay" + bay + "'s sensor is not read"));
                    }

                    continue;
                }

                if (!isQmc && !isHmc)
                {
                    errors.Add(new ConfigError(config.LineOf("parking.bays"), "parking.bays", count + " bays, but the board file has no sensor for bay" + bay
                        + " (set " + qmc + ".bus or " + hmc + ".bus)"));
                    continue;
                }

                string part = isQmc ? qmc : hmc;
                Bays[bay] = new PlannedBay(bay, isQmc, I2cDevice(board, part));
            }
        }

        /// <summary>A wired board takes no Wi-Fi settings: they would only mislead the next technician.</summary>
        private static void CheckNetwork(BoardProfile board, NodeConfig config, ArrayList warnings)
        {
            if (board.Target.IsEthernet && config.WifiSsid.Length > 0)
            {
                warnings.Add(new ConfigError(config.LineOf("wifi.ssid"), "wifi.ssid", "the board is wired (" + board.Target.Name
                    + " brings up Ethernet), so the node does not join Wi-Fi: leave wifi.ssid empty"));
            }
        }

        /// <summary>With mqtt.tls = true the node pins the CA in ca.pem and may present client.pem + client.key;
        /// the files must be there and look like what they claim to be.</summary>
        private static void CheckTls(NodeConfig config, IPersistentStore files, ArrayList errors, ArrayList warnings)
        {
            if (!config.MqttTls)
            {
                if (config.MqttPort == 8883)
                {
                    warnings.Add(new ConfigError(config.LineOf("mqtt.port"), "mqtt.port", "8883 is the MQTT-over-TLS port, but mqtt.tls = false"));
                }

                return;
            }

            if (config.MqttPort == 1883)
            {
                warnings.Add(new ConfigError(config.LineOf("mqtt.port"), "mqtt.port", "1883 is the plain MQTT port, but mqtt.tls = true (TLS is normally 8883)"));
            }

            if (files == null || !files.Exists(CaFile))
            {
                errors.Add(new ConfigError(config.LineOf("mqtt.tls"), "mqtt.tls", "true, but " + CaFile + " is missing (deploy the city's CA certificate)"));
            }
            else
            {
                CheckPem(files, CaFile, "-----BEGIN CERTIFICATE-----", "a PEM certificate", errors);
            }

            bool cert = files != null && files.Exists(ClientCertFile);
            bool key = files != null && files.Exists(ClientKeyFile);
            if (cert != key)
            {
                errors.Add(new ConfigError(cert ? ClientKeyFile : ClientCertFile, 0, cert ? ClientKeyFile : ClientCertFile,
                    "missing: a client certificate needs both " + ClientCertFile + " and " + ClientKeyFile));
            }
            else if (cert)
            {
                CheckPem(files, ClientCertFile, "-----BEGIN CERTIFICATE-----", "a PEM certificate", errors);
                CheckPem(files, ClientKeyFile, "PRIVATE KEY-----", "an unencrypted PEM private key", errors);
            }
        }

        private static void CheckPem(IPersistentStore files, string name, string marker, string what, ArrayList errors)
        {
            long length = files.GetLength(name);
            if (length > MaxPemBytes)
            {
                errors.Add(new ConfigError(name, 0, name, length + " bytes: not " + what + " (at most " + MaxPemBytes + " bytes)"));
                return;
            }

            byte[] data = files.ReadAll(name);
            if (data == null || IndexOf(data, marker) < 0)
            {
                errors.Add(new ConfigError(name, 0, name, "not " + what + " (no '" + marker + "' line)"));
            }
        }

        private static int IndexOf(byte[] data, string marker)
        {
            for (int start = 0; start + marker.Length <= data.Length; start++)
            {
                int i = 0;
                while (i < marker.Length && data[start + i] == (byte)marker[i])
                {
                    i++;
                }

                if (i == marker.Length)
                {
                    return start;
                }
            }

            return -1;
        }

        /// <summary>The part's bus, pins and address; null when the board file does not fit it.</summary>
        private static PlannedI2cDevice I2cDevice(BoardProfile board, string part)
        {
            if (!board.Has(part + ".bus"))
            {
                return null;
            }

            int bus = board.GetNumber(part + ".bus", 1);
            string prefix = "i2c" + bus;
            return new PlannedI2cDevice(part, bus, board.AddressOf(part), board.GetNumber(prefix + ".sda", -1), board.GetNumber(prefix + ".scl", -1),
                board.GetNumber(prefix + ".clock_hz", 100000));
        }
    }

    /// <summary>A sensor on an I2C bus: the bus's pins and clock, and the device's address.</summary>
    public sealed class PlannedI2cDevice
    {
        public PlannedI2cDevice(string part, int bus, int address, int sdaGpio, int sclGpio, int clockHz)
        {
            Part = part;
            Bus = bus;
            Address = address;
            SdaGpio = sdaGpio;
            SclGpio = sclGpio;
            ClockHz = clockHz;
        }

        /// <summary>Board key prefix, e.g. "bme280" or "bay1.hmc5883l": the name log lines use.</summary>
        public string Part { get; }

        /// <summary>nanoFramework I2C bus number (1 or 2).</summary>
        public int Bus { get; }

        public int Address { get; }

        public int SdaGpio { get; }

        public int SclGpio { get; }

        public int ClockHz { get; }
    }

    /// <summary>A UART (COMn) and its pins.</summary>
    public sealed class PlannedUart
    {
        public PlannedUart(int number, int rxGpio, int txGpio)
        {
            Number = number;
            RxGpio = rxGpio;
            TxGpio = txGpio;
        }

        /// <summary>n of COMn (2 or 3).</summary>
        public int Number { get; }

        public int RxGpio { get; }

        public int TxGpio { get; }
    }

    /// <summary>The magnetometer under one parking bay.</summary>
    public sealed class PlannedBay
    {
        public PlannedBay(int bay, bool isQmc5883l, PlannedI2cDevice device)
        {
            Bay = bay;
            IsQmc5883l = isQmc5883l;
            Device = device;
        }

        public int Bay { get; }

        /// <summary>True for a QMC5883L (0x0D), false for an HMC5883L (0x1E).</summary>
        public bool IsQmc5883l { get; }

        public PlannedI2cDevice Device { get; }

        /// <summary>"QMC5883L on I2C bus 2", as log lines name it.</summary>
        public string Slot
        {
            get { return (IsQmc5883l ? "QMC5883L" : "HMC5883L") + " on I2C bus " + Device.Bus; }
        }
    }
}
