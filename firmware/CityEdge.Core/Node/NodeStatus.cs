using System.Text;

namespace CityEdge.Node
{
    /// <summary>Retained JSON payloads on the node's status and config topics (docs/mqtt.md). Values
    /// are printable text (config values are checked), so only '"' and '\\' need escaping.</summary>
    public static class NodeStatus
    {
        /// <summary>Firmware version reported in the birth message.</summary>
        public const string FirmwareVersion = "0.1.0";

        /// <summary>The last-will and shutdown payload: the broker publishes it when the node vanishes.</summary>
        public static byte[] Offline()
        {
            return Encoding.UTF8.GetBytes("{\"state\":\"offline\"}");
        }

        /// <summary>Starts a JSON object whose first field is <paramref name="name"/>: <paramref name="value"/>.</summary>
        public static StringBuilder Begin(string name, string value)
        {
            StringBuilder json = new StringBuilder(512);
            json.Append('{');
            Field(json, name, value);
            json.Remove(1, 1);
            return json;
        }

        public static void Field(StringBuilder json, string name, long value)
        {
            json.Append(",\"").Append(name).Append("\":").Append(value.ToString());
        }

        public static void Field(StringBuilder json, string name, string value)
        {
            json.Append(",\"").Append(name).Append("\":\"");
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\')
                {
                    json.Append('\\');
                }

                json.Append(c);
            }

            json.Append('"');
        }

        public static void Field(StringBuilder json, string name, bool value)
        {
            json.Append(",\"").Append(name).Append("\":").Append(value ? "true" : "false");
        }

        public static byte[] End(StringBuilder json)
        {
            json.Append('}');
            return Encoding.UTF8.GetBytes(json.ToString());
        }
    }
}
