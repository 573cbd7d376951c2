using System.Collections;
using CityEdge.Air;
using CityEdge.Lighting;

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
            new ConfigKey("mqtt.port", ConfigValueKind.Integer, 1, 65535, "8883", "Broker TCP port (8883: MQTT over TLS; 1883: plain MQTT)."),
            new ConfigKey("mqtt.username", ConfigValueKind.Text, 0, 64, "", "Broker user name; empty for none."),
            new ConfigKey("mqtt.password", ConfigValueKind.Text, 0, 128, "", "Broker password; empty for none."),
            new ConfigKey("wifi.ssid", ConfigValueKind.Text, 0, 32, "", "Wi-Fi network (device only; 32 bytes is the 802.11 limit); empty: the network profile already stored on the device."),
            new ConfigKey("wifi.password", ConfigValueKind.Text, 0, 63, "", "Wi-Fi WPA2 passphrase (device only; 63 is the WPA2 limit)."),
            new ConfigKey("report.period_s", ConfigValueKind.Integer, 10, 3600, "60", "Seconds between telemetry reports."),
            new ConfigKey("climate.period_s", ConfigValueKind.Integer, 1, 3600, "10", "Seconds between climate samples; at most report.period_s."),
            new ConfigKey("link.outbox_frames", ConfigValueKind.Integer, 1, 64, "32", "Reports kept in RAM while the broker is unreachable (about 75 bytes of heap each; the rest go to flash)."),
            new ConfigKey("air.period_s", ConfigValueKind.Integer, 60, 86400, "300", "Seconds between particulate measurements; the fan sleeps in between."),
            new ConfigKey("air.warmup_s", ConfigValueKind.Integer, 30, 600, "30", "Seconds of fan run after wake whose readings are discarded (PMS5003 datasheet: at least 30)."),
            new ConfigKey("air.frames_per_measurement", ConfigValueKind.Integer, 3, 60, "10", "Readings (one per second) whose median is one measurement."),
            new ConfigKey("air.aqi_standard", ConfigValueKind.Text, 2, 2, "us", "AQI reported: us (EPA 2024, NowCast) or cn (HJ 633-2012)."),
            new ConfigKey("air.kappa", ConfigValueKind.Text, 1, 8, "0.4", "Hygroscopicity kappa of the humidity correction, 0..1.5 (0 = no correction)."),
            new ConfigKey("air.humidity_flag_pct", ConfigValueKind.Integer, 50, 100, "95", "Above this %RH particulate readings are flagged as unreliable."),
            new ConfigKey("noise.sensitivity_dbfs", ConfigValueKind.Integer, -60, -10, "-26", "I2S microphone output for 94 dB SPL at 1 kHz, dBFS (INMP441, ICS-43434 datasheets: -26)."),
            new ConfigKey("noise.offset_tenth_db", ConfigValueKind.Integer, -200, 200, "0", "Calibration correction added to every noise level, 0.1 dB steps (from a calibrator check)."),
            new ConfigKey("lighting.latitude", ConfigValueKind.Text, 0, 12, "", "Lamp latitude, decimal degrees, north positive; empty = no astronomical clock (photocell only)."),
            new ConfigKey("lighting.longitude", ConfigValueKind.Text, 0, 12, "", "Lamp longitude, decimal degrees, east positive; set together with lighting.latitude."),
            new ConfigKey("lighting.utc_offset_min", ConfigValueKind.Integer, -720, 840, "0", "Local standard time minus UTC, minutes: program clock times are local."),
            new ConfigKey("lighting.design_class", ConfigValueKind.Text, 2, 2, "P3", "EN 13201 class (M1..M6, P1..P6) the lamp meets at 100 %."),
            new ConfigKey("lighting.road_class", ConfigValueKind.Text, 2, 2, "P6", "EN 13201 class the road needs at least, whenever lit: sets the minimum level."),
            new ConfigKey("lighting.evening_pct", ConfigValueKind.Integer, 0, 100, "40", "Default program: level from sunset to the night start (40 = P5 for a P3 lamp)."),
            new ConfigKey("lighting.night_pct", ConfigValueKind.Integer, 0, 100, "0", "Default program: night level (0 = the road class minimum)."),
            new ConfigKey("lighting.morning_pct", ConfigValueKind.Integer, 0, 100, "40", "Default program: level from the morning start to sunrise."),
            new ConfigKey("lighting.night_start_min", ConfigValueKind.Integer, 0, 1439, "1320", "Night start, local minutes after midnight, Sunday-Thursday evenings (1320 = 22:00)."),
            new ConfigKey("lighting.weekend_night_start_min", ConfigValueKind.Integer, 0, 1439, "1380", "Night start on Friday and Saturday evenings (1380 = 23:00)."),
            new ConfigKey("lighting.morning_start_min", ConfigValueKind.Integer, 0, 719, "360", "Morning start, local minutes after midnight (360 = 06:00)."),
            new ConfigKey("lighting.step_ramp_s", ConfigValueKind.Integer, 0, 3600, "300", "Ramp between program steps, seconds."),
            new ConfigKey("lighting.on_offset_min", ConfigValueKind.Integer, -120, 120, "0", "Switch on this many minutes after sunset (negative: before)."),
            new ConfigKey("lighting.off_offset_min", ConfigValueKind.Integer, -120, 120, "0", "Switch off this many minutes after sunrise (negative: before)."),
            new ConfigKey("lighting.boost_pct", ConfigValueKind.Integer, 1, 100, "67", "Level on presence (67 = P4 for a P3 lamp)."),
            new ConfigKey("lighting.ramp_up_ms", ConfigValueKind.Integer, 1, 10000, "1500", "Ramp to the boost level after a presence, ms."),
            new ConfigKey("lighting.hold_s", ConfigValueKind.Integer, 1, 3600, "30", "Boost held after the last presence, seconds."),
            new ConfigKey("lighting.ramp_down_s", ConfigValueKind.Integer, 1, 600, "20", "Ramp back from the boost, seconds."),
            new ConfigKey("lighting.group", ConfigValueKind.Text, 0, 32, "", "Presence-sharing group of neighbouring lamps ([a-z0-9-]); empty = do not share."),
            new ConfigKey("lighting.ambient_on_lux", ConfigValueKind.Integer, 1, 1000, "20", "Ambient light below which it is dark (photocell on), lux."),
            new ConfigKey("lighting.ambient_off_lux", ConfigValueKind.Integer, 2, 2000, "50", "Ambient light above which it is light again, lux; above ambient_on_lux."),
            new ConfigKey("lighting.dark_day_pct", ConfigValueKind.Integer, 0, 100, "100", "Level on a dark day (fog, storm) by the ambient sensor."),
            new ConfigKey("lighting.driver_min_pct", ConfigValueKind.Integer, 0, 50, "10", "The driver's lowest dim level (its datasheet); lower levels give this, 0 is off."),
            new ConfigKey("lighting.duty_curve", ConfigValueKind.Text, 7, 120, "0:0,100:100", "Level % to duty % points from the driver's dimming curve, e.g. 0:0,50:38,100:100."),
            new ConfigKey("lighting.pwm_inverted", ConfigValueKind.Boolean, 0, 0, "true", "true when the GPIO drives an inverting stage that pulls the dim line down (fail-safe: full light)."),
            new ConfigKey("lighting.rated_w", ConfigValueKind.Integer, 1, 2000, "40", "Luminaire mains power at 100 %, W (rating plate)."),
            new ConfigKey("lighting.standby_mw", ConfigValueKind.Integer, 0, 10000, "500", "Mains power with the light off, mW."),
            new ConfigKey("lighting.driver_efficiency", ConfigValueKind.Text, 7, 120, "10:70,25:82,50:88,100:91", "Driver efficiency % over load % (its datasheet curve)."),
            new ConfigKey("lighting.period_ms", ConfigValueKind.Integer, 50, 1000, "200", "Controller period, ms: ramp smoothness and presence latency."),
            new ConfigKey("link.queue_budget_bytes", ConfigValueKind.Integer, 8192, 327680, "131072", "Flash the store-and-forward queue may use (4 KiB segments); the oldest data goes when it is full. At most 80 segments, so a full queue stays inside the receivers' 16384-report deduplication window."),
            new ConfigKey("link.drain_per_s", ConfigValueKind.Integer, 1, 100, "10", "Backlog frames sent per second after a reconnect, besides live data."),
            new ConfigKey("mqtt.tls", ConfigValueKind.Boolean, 0, 0, "true", "TLS to the broker with the CA in ca.pem pinned (device app); false needs mqtt.allow_plaintext."),
            new ConfigKey("mqtt.allow_plaintext", ConfigValueKind.Boolean, 0, 0, "false", "Factory opt-in to plain MQTT (lab brokers, the simulator): needed for mqtt.tls = false; a set-config can clear it, never set it."),
            new ConfigKey("status.period_s", ConfigValueKind.Integer, 30, 86400, "300", "Seconds between status (health) messages."),
            new ConfigKey("status.full_period_s", ConfigValueKind.Integer, 300, 604800, "21600", "Seconds between full status messages (retained); the ones between carry only what changed since the last full one."),
            new ConfigKey("config.version", ConfigValueKind.Integer, 0, 2147483647, "0", "Version of this config, set by the command centre; shown in status."),
            new ConfigKey("config.trial_s", ConfigValueKind.Integer, 30, 3600, "300", "A new config must reconnect and report within this many seconds or it is rolled back."),
            new ConfigKey("parking.bays", ConfigValueKind.Integer, 0, 16, "0", "Parking bays watched, one magnetometer each, numbered in order along the row; 0 for none (16 is frame v1's limit)."),
            new ConfigKey("parking.period_ms", ConfigValueKind.Integer, 100, 1000, "1000", "Milliseconds between magnetometer readings (at least 1 Hz for ~3 s detection)."),
            new ConfigKey("parking.occupy_dut", ConfigValueKind.Integer, 10, 2000, "35", "Deviation from the empty-bay field that means a vehicle, 0.1 uT."),
            new ConfigKey("parking.release_dut", ConfigValueKind.Integer, 5, 2000, "25", "Deviation below which the bay is free again, 0.1 uT; below parking.occupy_dut."),
            new ConfigKey("parking.occupy_debounce_ms", ConfigValueKind.Integer, 0, 30000, "1000", "How long the deviation must stay high before a bay is occupied."),
            new ConfigKey("parking.release_debounce_ms", ConfigValueKind.Integer, 0, 30000, "1000", "How long the deviation must stay low before a bay is free."),
            new ConfigKey("parking.baseline_tau_s", ConfigValueKind.Integer, 60, 86400, "900", "Time constant of the empty-bay baseline following drift."),
            new ConfigKey("parking.max_stay_h", ConfigValueKind.Integer, 1, 2160, "72", "An occupied stay this long makes the watchdog re-examine the bay."),
        };

        private Hashtable _lines;

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

        public int AirPeriodS { get; private set; }

        public int AirWarmupS { get; private set; }

        public int AirFramesPerMeasurement { get; private set; }

        public AqiStandard AirAqiStandard { get; private set; }

        public float AirKappa { get; private set; }

        public int AirHumidityFlagPct { get; private set; }
        /// <summary>dBFS of the I2S microphone for 94 dB SPL at 1 kHz.</summary>
        public float NoiseSensitivityDbfs { get; private set; }

        /// <summary>Calibration correction for every noise level, dB.</summary>
        public float NoiseOffsetDb { get; private set; }

        /// <summary>The lighting.* keys, checked across fields (docs/lighting.md).</summary>
        public LightingConfig Lighting { get; private set; }

        public int QueueBudgetBytes { get; private set; }

        public int DrainPerS { get; private set; }

        public bool MqttTls { get; private set; }

        /// <summary>The factory config allows plain MQTT (docs/security.md).</summary>
        public bool MqttAllowPlaintext { get; private set; }

        public int StatusPeriodS { get; private set; }

        /// <summary>Seconds between full status messages; deltas in between (docs/mqtt.md).</summary>
        public int StatusFullPeriodS { get; private set; }

        public int ConfigVersion { get; private set; }

        public int ConfigTrialS { get; private set; }

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

        /// <summary>Errors one parse lists at most: a text of junk (a set-config is up to 2 KB) must not
        /// fill the device heap with them.</summary>
        public const int MaxErrors = 32;

        /// <summary>
        /// Parses and validates a whole configuration text. <paramref name="errors"/> receives one
        /// <see cref="ConfigError"/> per problem, in line order (missing keys last; at most <see cref="MaxErrors"/>,
        /// then one saying the rest was not checked); the result is null unless there were none. Every rule runs
        /// whatever failed before it: a rule between keys is only skipped when one of its own keys already has
        /// an error, so one pass shows every problem.
        /// </summary>
        public static NodeConfig Parse(string text, ArrayList errors)
        {
            Hashtable values = new Hashtable();
            Hashtable lines = new Hashtable();
            int errorsBefore = errors.Count;
            KeyValueReader reader = new KeyValueReader(text);
            while (reader.MoveNext())
            {
                if (errors.Count - errorsBefore == MaxErrors)
                {
                    errors.Add(new ConfigError(reader.Line, "", "stopped after " + MaxErrors + " errors: this line and the rest are not checked"));
                    return null;
                }

                if (reader.Error != null)
                {
                    errors.Add(new ConfigError(reader.Line, reader.Key, reader.Error));
                    continue;
                }

                ConfigKey key = Find(reader.Key);
                if (key == null)
                {
                    errors.Add(new ConfigError(reader.Line, reader.Key, "unknown key; the nearest known key is " + KeySuggestion.Nearest(reader.Key, Names())));
                    continue;
                }

                if (lines.Contains(key.Name))
                {
                    errors.Add(new ConfigError(reader.Line, key.Name, "set again (first set on line " + (int)lines[key.Name] + ")"));
                    continue;
                }

                // Remembered even when the value is bad, so a bad value is not also reported as missing.
                lines[key.Name] = reader.Line;
                string problem = key.Check(reader.Value);
                if (problem != null)
                {
                    errors.Add(new ConfigError(reader.Line, key.Name, problem));
                    continue;
                }

                values[key.Name] = reader.Value;
            }

            for (int i = 0; i < Schema.Length; i++)
            {
                ConfigKey key = Schema[i];
                if (!lines.Contains(key.Name))
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

            NodeConfig config = new NodeConfig();
            config._lines = lines;
            if (AllValid(values, "air."))
            {
                ParseAir(config, values, lines, errors);
            }

            if (AllValid(values, "lighting."))
            {
                config.Lighting = LightingConfig.From(values, lines, errors);
            }

            CheckPairs(values, lines, errors);
            ConfigError.SortByLine(errors, errorsBefore);
            if (errors.Count > errorsBefore)
            {
                return null;
            }

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
            config.AirPeriodS = int.Parse((string)values["air.period_s"]);
            config.AirWarmupS = int.Parse((string)values["air.warmup_s"]);
            config.AirFramesPerMeasurement = int.Parse((string)values["air.frames_per_measurement"]);
            config.AirHumidityFlagPct = int.Parse((string)values["air.humidity_flag_pct"]);
            config.NoiseSensitivityDbfs = int.Parse((string)values["noise.sensitivity_dbfs"]);
            config.NoiseOffsetDb = int.Parse((string)values["noise.offset_tenth_db"]) / 10f;
            config.QueueBudgetBytes = int.Parse((string)values["link.queue_budget_bytes"]);
            config.DrainPerS = int.Parse((string)values["link.drain_per_s"]);
            config.MqttTls = (string)values["mqtt.tls"] == "true";
            config.MqttAllowPlaintext = (string)values["mqtt.allow_plaintext"] == "true";

            config.StatusPeriodS = int.Parse((string)values["status.period_s"]);
            config.StatusFullPeriodS = int.Parse((string)values["status.full_period_s"]);
            config.ConfigVersion = int.Parse((string)values["config.version"]);
            config.ConfigTrialS = int.Parse((string)values["config.trial_s"]);
            config.ParkingBays = int.Parse((string)values["parking.bays"]);
            config.ParkingPeriodMs = int.Parse((string)values["parking.period_ms"]);
            config.ParkingOccupyDut = int.Parse((string)values["parking.occupy_dut"]);
            config.ParkingReleaseDut = int.Parse((string)values["parking.release_dut"]);
            config.ParkingOccupyDebounceMs = int.Parse((string)values["parking.occupy_debounce_ms"]);
            config.ParkingReleaseDebounceMs = int.Parse((string)values["parking.release_debounce_ms"]);
            config.ParkingBaselineTauS = int.Parse((string)values["parking.baseline_tau_s"]);
            config.ParkingMaxStayH = int.Parse((string)values["parking.max_stay_h"]);
            return config;
        }

        /// <summary>The line <paramref name="key"/> is set on in the text this config came from; 0 when it
        /// took its default. Lets rules outside this class (the board plan) name the line.</summary>
        public int LineOf(string key)
        {
            return LineOf(_lines, key);
        }

        /// <summary>Rules between two keys outside the air and lighting groups.</summary>
        private static void CheckPairs(Hashtable values, Hashtable lines, ArrayList errors)
        {
            if ((string)values["mqtt.tls"] == "false" && values.Contains("mqtt.allow_plaintext") && (string)values["mqtt.allow_plaintext"] != "true")
            {
                errors.Add(new ConfigError(LineOf(lines, "mqtt.tls"), "mqtt.tls", "false sends the MQTT password and every report in clear;"
                    + " set mqtt.allow_plaintext = true as well to allow it (lab brokers only)"));
            }

            if (values.Contains("parking.release_dut") && values.Contains("parking.occupy_dut"))
            {
                int release = int.Parse((string)values["parking.release_dut"]);
                int occupy = int.Parse((string)values["parking.occupy_dut"]);
                if (release >= occupy)
                {
                    int line = LineOf(lines, "parking.release_dut");
                    errors.Add(new ConfigError(line > 0 ? line : LineOf(lines, "parking.occupy_dut"), "parking.release_dut",
                        release + " is not below parking.occupy_dut " + occupy + ": the detector needs hysteresis"));
                }
            }

            if (values.Contains("climate.period_s") && values.Contains("report.period_s"))
            {
                int climate = int.Parse((string)values["climate.period_s"]);
                int report = int.Parse((string)values["report.period_s"]);
                if (climate > report)
                {
                    errors.Add(new ConfigError(LineOf(lines, "climate.period_s"), "climate.period_s",
                        climate + " is longer than report.period_s " + report + ": some reports would have no sample"));
                }
            }
        }

        /// <summary>True when every schema key starting with <paramref name="prefix"/> has a valid value.</summary>
        private static bool AllValid(Hashtable values, string prefix)
        {
            for (int i = 0; i < Schema.Length; i++)
            {
                if (Schema[i].Name.StartsWith(prefix) && !values.Contains(Schema[i].Name))
                {
                    return false;
                }
            }

            return true;
        }

        private static string[] Names()
        {
            string[] names = new string[Schema.Length];
            for (int i = 0; i < Schema.Length; i++)
            {
                names[i] = Schema[i].Name;
            }

            return names;
        }

        /// <summary>The air keys the schema's kinds cannot check alone: the standard's name, κ as a
        /// decimal, and a cycle that fits in its period.</summary>
        private static void ParseAir(NodeConfig config, Hashtable values, Hashtable lines, ArrayList errors)
        {
            string standard = (string)values["air.aqi_standard"];
            if (standard == "us" || standard == "cn")
            {
                config.AirAqiStandard = standard == "us" ? AqiStandard.UsEpa : AqiStandard.ChinaHj633;
            }
            else
            {
                errors.Add(new ConfigError(LineOf(lines, "air.aqi_standard"), "air.aqi_standard", "'" + standard + "' is not us or cn"));
            }

            string kappaText = (string)values["air.kappa"];
            double kappa = ParseDecimal(kappaText);
            if (!(kappa >= 0 && kappa <= 1.5))
            {
                errors.Add(new ConfigError(LineOf(lines, "air.kappa"), "air.kappa", "'" + kappaText + "' is not a number 0..1.5"));
            }
            else
            {
                config.AirKappa = (float)kappa;
            }

            // Warm-up plus one second per frame plus the sampling slack must end before the next cycle.
            int periodS = int.Parse((string)values["air.period_s"]);
            int warmupS = int.Parse((string)values["air.warmup_s"]);
            int frames = int.Parse((string)values["air.frames_per_measurement"]);
            int cycleS = warmupS + frames + (AirPipeline.SamplingSlackMs / 1000);
            if (cycleS >= periodS)
            {
                // Named at the first of the three keys the file sets, so the line points at what was typed.
                string key = lines.Contains("air.period_s") || !(lines.Contains("air.warmup_s") || lines.Contains("air.frames_per_measurement")) ? "air.period_s"
                    : lines.Contains("air.warmup_s") ? "air.warmup_s" : "air.frames_per_measurement";
                errors.Add(new ConfigError(LineOf(lines, key), key, "air.period_s " + periodS + " s is too short for air.warmup_s "
                    + warmupS + " + air.frames_per_measurement " + frames + " (needs more than " + cycleS + " s)"));
            }
        }

        /// <summary>Digits with an optional '.' and fraction ("0.4"), whatever the host's culture; NaN otherwise.</summary>
        private static double ParseDecimal(string text)
        {
            double value = 0;
            double scale = 0;
            int digits = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '.' && scale == 0)
                {
                    scale = 1;
                }
                else if (c >= '0' && c <= '9')
                {
                    value = (value * 10) + (c - '0');
                    scale *= 10;
                    digits++;
                }
                else
                {
                    return double.NaN;
                }
            }

            return digits == 0 || scale == 1 ? double.NaN : scale == 0 ? value : value / scale;
        }

        private static int LineOf(Hashtable lines, string key)
        {
            object line = lines[key];
            return line == null ? 0 : (int)line;
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
