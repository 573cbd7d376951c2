using System.Collections;
using System.Text;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Diagnostics;
using CityEdge.Hal;

namespace CityEdge.Setup
{
    /// <summary>
    /// The phone setup page: what it shows and what a submitted form does. The device's HTTP listener hands
    /// each request to <see cref="Handle"/> and writes the answer; everything else is here, host-tested.
    /// <list type="bullet">
    /// <item>Open for <see cref="OpenMs"/> (10 minutes) from the first call, then every request gets 410 and
    /// <see cref="IsOpen"/> is false, so the device closes the access point and restarts.</item>
    /// <item>GET / shows the node, the sensor check and a form for Wi-Fi and broker settings; passwords are
    /// never put in the page (empty fields keep the stored ones).</item>
    /// <item>POST /save checks the form (<see cref="FormReader"/>), merges it into the stored config text,
    /// validates the result with the node's own rules (<see cref="NodeConfig.Parse"/> and
    /// <see cref="HardwarePlan.FromFiles"/>, the boot checks) and stores it with <see cref="ConfigSlots.Stage"/>,
    /// the path a remote set-config takes: the node restarts into a trial and goes back to the previous
    /// config if the new one does not reach the broker within config.trial_s. A refused form gets a 400 page
    /// naming each field and what is wrong with it, never its value.</item>
    /// </list>
    /// </summary>
    public sealed class SetupSession
    {
        /// <summary>How long setup stays open.</summary>
        public const int OpenMs = 10 * 60 * 1000;

        /// <summary>Largest form body accepted; the setup form sends well under 1 KiB.</summary>
        public const int MaxBodyBytes = 2048;

        private const string LogTag = "setup";
        private const string Html = "text/html; charset=utf-8";

        /// <summary>Form field, config key, label; the secret ones are never shown and are kept when left empty.</summary>
        private static readonly string[] Fields = new string[]
        {
            "node_id", "node.id", "Node id",
            "wifi_ssid", "wifi.ssid", "Wi-Fi network (SSID)",
            "wifi_password", "wifi.password", "Wi-Fi password",
            "mqtt_host", "mqtt.host", "Broker host",
            "mqtt_port", "mqtt.port", "Broker port",
            "mqtt_topic_root", "mqtt.topic_root", "Topic root",
            "mqtt_username", "mqtt.username", "Broker user name",
            "mqtt_password", "mqtt.password", "Broker password",
        };

        private readonly string _configText;
        private readonly string _boardText;
        private readonly IPersistentStore _store;
        private readonly ILogSink _log;
        private readonly bool _wired;
        private long _openedMs = -1;
        private bool _saved;

        /// <param name="configText">The stored config text (ConfigSlots.ReadActive), or null on a node without one.</param>
        /// <param name="boardText">The board file, for the boot checks a new config must pass.</param>
        /// <param name="wired">True on an Ethernet board: no Wi-Fi fields.</param>
        /// <param name="store">The node's storage: config slots, ca.pem.</param>
        public SetupSession(string configText, string boardText, bool wired, IPersistentStore store, ILogSink log)
        {
            _configText = configText ?? string.Empty;
            _boardText = boardText;
            _wired = wired;
            _store = store;
            _log = log ?? NullLogSink.Instance;
        }

        /// <summary>Shown on the page; null for none.</summary>
        public SensorCheck Check { get; set; }

        /// <summary>True after a form was saved: the device restarts into the new config.</summary>
        public bool Saved
        {
            get { return _saved; }
        }

        /// <summary>False once saved or <see cref="OpenMs"/> after the first call; the device then closes setup.</summary>
        public bool IsOpen(long nowMs)
        {
            if (_openedMs < 0)
            {
                _openedMs = nowMs;
            }

            return !_saved && nowMs - _openedMs < OpenMs;
        }

        /// <summary>Answers one request. <paramref name="body"/> may be null for requests without one.</summary>
        public SetupResponse Handle(string method, string path, byte[] body, int count, long nowMs)
        {
            if (!IsOpen(nowMs))
            {
                return new SetupResponse(410, "text/plain; charset=utf-8", _saved ? "Setup is closed: the settings were saved and the node is restarting.\n"
                    : "Setup closed after " + (OpenMs / 60000) + " minutes. Hold the setup button while the node starts to open it again.\n");
            }

            string route = path == null ? string.Empty : path;
            int query = route.IndexOf('?');
            if (query >= 0)
            {
                route = route.Substring(0, query);
            }

            if (route == "/" || route == "/index.html")
            {
                return method == "GET" ? Page(200, null, null, nowMs) : NotAllowed("GET");
            }

            if (route == "/check")
            {
                return method == "GET" ? new SetupResponse(200, "text/plain; charset=utf-8", Check == null ? "No sensor check.\n" : Check.Report()) : NotAllowed("GET");
            }

            if (route == "/save")
            {
                return method == "POST" ? Save(body, count, nowMs) : NotAllowed("POST");
            }

            return new SetupResponse(404, "text/plain; charset=utf-8", "Not found. The setup page is at /.\n");
        }

        private SetupResponse Save(byte[] body, int count, long nowMs)
        {
            if (body == null || count <= 0)
            {
                return Refuse(new string[] { "The form was empty." }, null, nowMs);
            }

            if (count > MaxBodyBytes)
            {
                return new SetupResponse(413, "text/plain; charset=utf-8", "The form is larger than " + MaxBodyBytes + " bytes: not the setup form.\n");
            }

            string error;
            Hashtable form = FormReader.Read(body, count, out error);
            if (form == null)
            {
                return Refuse(new string[] { "The form is malformed: " + error + "." }, null, nowMs);
            }

            ArrayList problems = new ArrayList();
            foreach (object name in form.Keys)
            {
                if (FieldIndex((string)name) < 0)
                {
                    problems.Add("Unknown field '" + Excerpt((string)name) + "'.");
                }
            }

            if (problems.Count > 0)
            {
                return Refuse(ToArray(problems), form, nowMs);
            }

            string text = Merge(form);
            ArrayList errors = new ArrayList();
            NodeConfig candidate = NodeConfig.Parse(text, errors);
            ArrayList warnings = new ArrayList();
            HardwarePlan.FromFiles(_boardText, candidate, _store, errors, warnings);
            if (errors.Count > 0)
            {
                for (int i = 0; i < errors.Count; i++)
                {
                    problems.Add(Describe((ConfigError)errors[i]));
                }

                _log.Write(LogLevel.Warning, LogTag, "form refused: " + errors.Count + " problem(s)");
                return Refuse(ToArray(problems), form, nowMs);
            }

            new ConfigSlots(_store, _log).Stage(text);
            _saved = true;
            _log.Write(LogLevel.Info, LogTag, "settings saved for node " + candidate.NodeId + " (broker " + candidate.MqttHost + ":" + candidate.MqttPort
                + "): restarting into a " + candidate.ConfigTrialS + " s trial");
            return new SetupResponse(200, Html, Document("Saved",
                "<p>Saved. The node restarts now and tries the new settings for " + candidate.ConfigTrialS + " s. If it cannot reach the broker in that time "
                + "it goes back to its previous settings by itself.</p><p>Watch the status LED: steady = connected to the broker.</p>"));
        }

        /// <summary>The stored text with the submitted fields set: a key's line is replaced where it stands
        /// (comments and other keys kept), new keys go at the end; empty secret fields keep the stored value.</summary>
        private string Merge(Hashtable form)
        {
            string[] lines = _configText.Split('\n');
            bool[] done = new bool[Fields.Length / 3];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (i == lines.Length - 1 && line.Length == 0)
                {
                    break;
                }

                int field = FieldOfLine(line);
                if (field >= 0 && form.Contains(Fields[field * 3]) && !done[field] && !KeepsStored(form, field))
                {
                    line = Fields[(field * 3) + 1] + " = " + (string)form[Fields[field * 3]];
                    done[field] = true;
                }

                text.Append(line);
                text.Append('\n');
            }

            for (int field = 0; field < done.Length; field++)
            {
                if (!done[field] && form.Contains(Fields[field * 3]) && !KeepsStored(form, field))
                {
                    text.Append(Fields[(field * 3) + 1]);
                    text.Append(" = ");
                    text.Append((string)form[Fields[field * 3]]);
                    text.Append('\n');
                }
            }

            return text.ToString();
        }

        private static bool KeepsStored(Hashtable form, int field)
        {
            return IsSecret(field) && ((string)form[Fields[field * 3]]).Length == 0;
        }

        /// <summary>The form field a config line sets, or -1.</summary>
        private static int FieldOfLine(string line)
        {
            string trimmed = line.Trim();
            int equals = trimmed.IndexOf('=');
            if (trimmed.Length == 0 || trimmed[0] == '#' || equals <= 0)
            {
                return -1;
            }

            return FieldOfKey(trimmed.Substring(0, equals).Trim());
        }

        /// <summary>The form field of a config key, or -1.</summary>
        private static int FieldOfKey(string key)
        {
            for (int field = 0; field < Fields.Length / 3; field++)
            {
                if (Fields[(field * 3) + 1] == key)
                {
                    return field;
                }
            }

            return -1;
        }

        private static int FieldIndex(string name)
        {
            for (int field = 0; field < Fields.Length / 3; field++)
            {
                if (Fields[field * 3] == name)
                {
                    return field;
                }
            }

            return -1;
        }

        private static bool IsSecret(int field)
        {
            return Fields[(field * 3) + 1].EndsWith(".password");
        }

        /// <summary>A config error in the form's words: the field's label for its keys (the line numbers of the
        /// merged text mean nothing on a phone), the file and key for the rest (e.g. ca.pem missing).</summary>
        private static string Describe(ConfigError error)
        {
            int field = FieldOfKey(error.Key);
            if (field >= 0)
            {
                return Fields[(field * 3) + 2] + ": " + error.Message + ".";
            }

            return (error.Source != null ? error.Source + ": " : "stored setting ") + error.Key + ": " + error.Message + ".";
        }

        private SetupResponse Refuse(string[] problems, Hashtable form, long nowMs)
        {
            return Page(400, problems, form, nowMs);
        }

        private static SetupResponse NotAllowed(string allowed)
        {
            return new SetupResponse(405, "text/plain; charset=utf-8", "Use " + allowed + " here.\n");
        }

        /// <summary>The setup page; <paramref name="form"/> refills the non-secret fields after a refusal.</summary>
        private SetupResponse Page(int status, string[] problems, Hashtable form, long nowMs)
        {
            Hashtable stored = StoredValues();
            StringBuilder html = new StringBuilder();
            long leftS = (OpenMs - (nowMs - _openedMs)) / 1000;
            html.Append("<p>Setup closes in " + (leftS / 60) + " min " + (leftS % 60) + " s. Nothing is sent to the broker until you save.</p>");
            if (problems != null)
            {
                html.Append("<h2>Not saved</h2><ul>");
                for (int i = 0; i < problems.Length; i++)
                {
                    html.Append("<li>");
                    html.Append(Escape(problems[i]));
                    html.Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("<h2>Sensor check</h2><pre>");
            html.Append(Escape(Check == null ? "No sensor check." : Check.Report()));
            html.Append("</pre><p><a href=\"/\">Refresh</a></p><h2>Settings</h2><form method=\"POST\" action=\"/save\">");
            for (int field = 0; field < Fields.Length / 3; field++)
            {
                string key = Fields[(field * 3) + 1];
                if (_wired && key.StartsWith("wifi."))
                {
                    continue;
                }

                bool secret = IsSecret(field);
                string value = secret ? string.Empty : form != null && form.Contains(Fields[field * 3]) ? (string)form[Fields[field * 3]] : (string)stored[key];
                html.Append("<label>" + Fields[(field * 3) + 2] + "<br><input name=\"" + Fields[field * 3] + "\" type=\"" + (secret ? "password" : "text")
                    + "\" value=\"" + Escape(value ?? string.Empty) + "\"" + (secret && stored.Contains(key) ? " placeholder=\"(stored; leave empty to keep)\"" : string.Empty)
                    + "></label><br>");
            }

            html.Append("<button type=\"submit\">Save and restart</button></form>");
            return new SetupResponse(status, Html, Document("CityEdge node setup", html.ToString()));
        }

        /// <summary>Non-empty values of the form's keys in the stored text (secrets only as "present").</summary>
        private Hashtable StoredValues()
        {
            Hashtable values = new Hashtable();
            KeyValueReader reader = new KeyValueReader(_configText);
            while (reader.MoveNext())
            {
                if (reader.Error == null && FieldOfKey(reader.Key) >= 0 && reader.Value.Length > 0)
                {
                    values[reader.Key] = reader.Key.EndsWith(".password") ? string.Empty : reader.Value;
                }
            }

            return values;
        }

        private static string Document(string title, string body)
        {
            return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + title + "</title><style>body{font-family:sans-serif;margin:1em;max-width:30em}input{width:100%;font-size:1.1em}"
                + "button{font-size:1.2em;margin-top:1em}pre{white-space:pre-wrap}</style></head><body><h1>" + title + "</h1>" + body + "</body></html>";
        }

        /// <summary>HTML-escapes text for element content and double-quoted attributes.</summary>
        public static string Escape(string text)
        {
            StringBuilder escaped = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '&':
                        escaped.Append("&amp;");
                        break;
                    case '<':
                        escaped.Append("&lt;");
                        break;
                    case '>':
                        escaped.Append("&gt;");
                        break;
                    case '"':
                        escaped.Append("&quot;");
                        break;
                    case '\'':
                        escaped.Append("&#39;");
                        break;
                    default:
                        escaped.Append(c);
                        break;
                }
            }

            return escaped.ToString();
        }

        private static string Excerpt(string value)
        {
            return value.Length <= 24 ? value : value.Substring(0, 24) + "...";
        }

        private static string[] ToArray(ArrayList list)
        {
            string[] array = new string[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                array[i] = (string)list[i];
            }

            return array;
        }
    }
}
