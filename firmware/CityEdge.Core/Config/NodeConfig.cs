using System.Collections;

namespace CityEdge.Config
{
    /// <summary>
    /// A node's validated configuration. Built only by <see cref="Parse"/>, which checks every key
    /// against <see cref="Schema"/> and reports every problem at once, each naming its line and key,
    /// so a technician can fix a file in one pass. A config with any error is never used.
    /// </summary>
    public sealed class NodeConfig
    {
        /// <summary>Every key a node understands. Keys are documented in docs/configuration.md.</summary>
        public static readonly ConfigKey[] Schema = new ConfigKey[]
        {
            new ConfigKey("node.id", ConfigValueKind.Identifier, 1, 32, null, "Node name, unique in the city; the last topic level."),
            new ConfigKey("mqtt.topic_root", ConfigValueKind.TopicPrefix, 1, 64, "cityedge", "Topic prefix, e.g. city/district."),
            new ConfigKey("mqtt.host", ConfigValueKind.Text, 1, 64, "127.0.0.1", "Broker host name or address."),
            new ConfigKey("mqtt.port", ConfigValueKind.Integer, 1, 65535, "1883", "Broker TCP port."),
            new ConfigKey("mqtt.username", ConfigValueKind.Text, 0, 64, "", "Broker user name; empty for none."),
            new ConfigKey("mqtt.password", ConfigValueKind.Text, 0, 128, "", "Broker password; empty for none."),
            new ConfigKey("wifi.ssid", ConfigValueKind.Text, 0, 32, "", "Wi-Fi network (device only; 32 bytes is the 802.11 limit)."),
            new ConfigKey("wifi.password", ConfigValueKind.Text, 0, 63, "", "Wi-Fi WPA2 passphrase (device only; 63 is the WPA2 limit)."),
            new ConfigKey("report.period_s", ConfigValueKind.Integer, 10, 3600, "60", "Seconds between telemetry reports."),
            new ConfigKey("climate.period_s", ConfigValueKind.Integer, 1, 3600, "10", "Seconds between climate samples; at most report.period_s."),
            new ConfigKey("link.outbox_frames", ConfigValueKind.Integer, 1, 1024, "32", "Reports kept in RAM while the broker is unreachable."),
            new ConfigKey("parking.bays", ConfigValueKind.Integer, 0, 16, "0", "Parking bays watched, one magnetometer each, numbered in order along the row; 0 for none (16 is frame v1's limit)."),
            new ConfigKey("parking.period_ms", ConfigValueKind.Integer, 100, 1000, "1000", "Milliseconds between magnetometer readings (at least 1 Hz for ~3 s detection)."),
            new ConfigKey("parking.occupy_dut", ConfigValueKind.Integer, 10, 2000, "35", "Deviation from the empty-bay field that means a vehicle, 0.1 uT."),
            new ConfigKey("parking.release_dut", ConfigValueKind.Integer, 5, 2000, "25", "Deviation below which the bay is free again, 0.1 uT; below parking.occupy_dut."),
            new ConfigKey("parking.occupy_debounce_ms", ConfigValueKind.Integer, 0, 30000, "1000", "How long the deviation must stay high before a bay is occupied."),
            new ConfigKey("parking.release_debounce_ms", ConfigValueKind.Integer, 0, 30000, "1000", "How long the deviation must stay low before a bay is free."),
            new ConfigKey("parking.baseline_tau_s", ConfigValueKind.Integer, 60, 86400, "900", "Time constant of the empty-bay baseline following drift."),
            new ConfigKey("parking.max_stay_h", ConfigValueKind.Integer, 1, 2160, "72", "An occupied stay this long makes the watchdog re-examine the bay."),
        };

        private NodeConfig()
        {
        }

        public string NodeId { get; private set; }

        public string TopicRoot { get; private set; }

        public string MqttHost { get; private set; }

        public int MqttPort { get; private set; }

        public string MqttUsername { get; private set; }

        public string MqttPassword { get; private set; }

        public string WifiSsid { get; private set; }

        public string WifiPassword { get; private set; }

        public int ReportPeriodS { get; private set; }

        public int ClimatePeriodS { get; private set; }

        public int OutboxFrames { get; private set; }

        public int ParkingBays { get; private set; }

        public int ParkingPeriodMs { get; private set; }

        /// <summary>0.1 µT.</summary>
        public int ParkingOccupyDut { get; private set; }

        /// <summary>0.1 µT.</summary>
        public int ParkingReleaseDut { get; private set; }

        public int ParkingOccupyDebounceMs { get; private set; }

        public int ParkingReleaseDebounceMs { get; private set; }

        public int ParkingBaselineTauS { get; private set; }

        public int ParkingMaxStayH { get; private set; }

        /// <summary>
        /// Parses and validates a whole configuration text. <paramref name="errors"/> receives one
        /// <see cref="ConfigError"/> per problem; the result is null unless there were none.
        /// </summary>
        public static NodeConfig Parse(string text, ArrayList errors)
        {
            Hashtable values = new Hashtable();
            Hashtable lines = new Hashtable();
            int errorsBefore = errors.Count;
            KeyValueReader reader = new KeyValueReader(text);
            while (reader.MoveNext())
            {
                if (reader.Error != null)
                {
                    errors.Add(new ConfigError(reader.Line, reader.Key, reader.Error));
                    continue;
                }

                ConfigKey key = Find(reader.Key);
                if (key == null)
                {
                    errors.Add(new ConfigError(reader.Line, reader.Key, "unknown key"));
                    continue;
                }

                if (values.Contains(key.Name))
                {
                    errors.Add(new ConfigError(reader.Line, key.Name, "set again (first set on line " + (int)lines[key.Name] + ")"));
                    continue;
                }

                string problem = key.Check(reader.Value);
                if (problem != null)
                {
                    errors.Add(new ConfigError(reader.Line, key.Name, problem));
                    continue;
                }

                values[key.Name] = reader.Value;
                lines[key.Name] = reader.Line;
            }

            for (int i = 0; i < Schema.Length; i++)
            {
                ConfigKey key = Schema[i];
                if (!values.Contains(key.Name))
                {
                    if (key.IsRequired)
                    {
                        errors.Add(new ConfigError(0, key.Name, "required key is missing"));
                    }
                    else
                    {
                        values[key.Name] = key.DefaultValue;
                    }
                }
            }

            if (errors.Count > errorsBefore)
            {
                return null;
            }

            NodeConfig config = new NodeConfig();
            config.NodeId = (string)values["node.id"];
            config.TopicRoot = (string)values["mqtt.topic_root"];
            config.MqttHost = (string)values["mqtt.host"];
            config.MqttPort = int.Parse((string)values["mqtt.port"]);
            config.MqttUsername = (string)values["mqtt.username"];
            config.MqttPassword = (string)values["mqtt.password"];
            config.WifiSsid = (string)values["wifi.ssid"];
            config.WifiPassword = (string)values["wifi.password"];
            config.ReportPeriodS = int.Parse((string)values["report.period_s"]);
            config.ClimatePeriodS = int.Parse((string)values["climate.period_s"]);
            config.OutboxFrames = int.Parse((string)values["link.outbox_frames"]);
            config.ParkingBays = int.Parse((string)values["parking.bays"]);
            config.ParkingPeriodMs = int.Parse((string)values["parking.period_ms"]);
            config.ParkingOccupyDut = int.Parse((string)values["parking.occupy_dut"]);
            config.ParkingReleaseDut = int.Parse((string)values["parking.release_dut"]);
            config.ParkingOccupyDebounceMs = int.Parse((string)values["parking.occupy_debounce_ms"]);
            config.ParkingReleaseDebounceMs = int.Parse((string)values["parking.release_debounce_ms"]);
            config.ParkingBaselineTauS = int.Parse((string)values["parking.baseline_tau_s"]);
            config.ParkingMaxStayH = int.Parse((string)values["parking.max_stay_h"]);

            if (config.ParkingReleaseDut >= config.ParkingOccupyDut)
            {
                object line = lines["parking.release_dut"] ?? lines["parking.occupy_dut"];
                errors.Add(new ConfigError(line == null ? 0 : (int)line, "parking.release_dut",
                    config.ParkingReleaseDut + " is not below parking.occupy_dut " + config.ParkingOccupyDut + ": the detector needs hysteresis"));
                return null;
            }

            if (config.ClimatePeriodS > config.ReportPeriodS)
            {
                object line = lines["climate.period_s"];
                errors.Add(new ConfigError(line == null ? 0 : (int)line, "climate.period_s",
                    config.ClimatePeriodS + " is longer than report.period_s " + config.ReportPeriodS + ": some reports would have no sample"));
                return null;
            }

            return config;
        }

        private static ConfigKey Find(string name)
        {
            for (int i = 0; i < Schema.Length; i++)
            {
                if (Schema[i].Name == name)
                {
                    return Schema[i];
                }
            }

            return null;
        }
    }
}
