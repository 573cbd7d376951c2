namespace CityEdge.Config
{
    /// <summary>What kind of value a configuration key takes.</summary>
    public enum ConfigValueKind
    {
        /// <summary>A whole number within [Min, Max].</summary>
        Integer = 0,
        /// <summary>true or false.</summary>
        Boolean = 1,
        /// <summary>Identifier: 1..Max of [a-z0-9-], not starting or ending with '-'.</summary>
        Identifier = 2,
        /// <summary>MQTT topic prefix: segments of [a-z0-9_-] joined by '/', no wildcards, 1..Max chars.</summary>
        TopicPrefix = 3,
        /// <summary>Free text of 0..Max printable characters (passwords, SSIDs, host names).</summary>
        Text = 4,
    }

    /// <summary>One entry of the configuration schema: name, type, range, default and meaning.</summary>
    public sealed class ConfigKey
    {
        public ConfigKey(string name, ConfigValueKind kind, int min, int max, string defaultValue, string description)
        {
            Name = name;
            Kind = kind;
            Min = min;
            Max = max;
            DefaultValue = defaultValue;
            Description = description;
        }

        public string Name { get; }

        public ConfigValueKind Kind { get; }

        /// <summary>Smallest value (Integer) or shortest length (text kinds).</summary>
        public int Min { get; }

        /// <summary>Largest value (Integer) or longest length (text kinds).</summary>
        public int Max { get; }

        /// <summary>Value when the key is absent; null when the key is required.</summary>
        public string DefaultValue { get; }

        public string Description { get; }

        public bool IsRequired
        {
            get { return DefaultValue == null; }
        }

        /// <summary>True for a key whose value is a secret (every "*password*" key): the config topic
        /// leaves it out and no error quotes it (<see cref="Check"/> never quotes text values).</summary>
        public static bool IsSecret(string name)
        {
            return name.IndexOf("password") >= 0;
        }

        /// <summary>Null when <paramref name="value"/> is acceptable, otherwise why not.</summary>
        public string Check(string value)
        {
            switch (Kind)
            {
                case ConfigValueKind.Integer:
                    int number;
                    if (!int.TryParse(value, out number))
                    {
                        return "'" + value + "' is not a whole number";
                    }

                    return number < Min || number > Max ? number + " is outside " + Min + ".." + Max : null;
                case ConfigValueKind.Boolean:
                    return value == "true" || value == "false" ? null : "'" + value + "' is not true or false";
                case ConfigValueKind.Identifier:
                    return CheckLength(value) ?? CheckIdentifier(value);
                case ConfigValueKind.TopicPrefix:
                    return CheckLength(value) ?? CheckTopicPrefix(value);
                default:
                    return CheckLength(value) ?? CheckPrintable(value);
            }
        }

        private string CheckLength(string value)
        {
            return value.Length < Min || value.Length > Max
                ? "length " + value.Length + " is outside " + Min + ".." + Max + " characters"
                : null;
        }

        private static string CheckIdentifier(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return "character '" + c + "' at position " + (i + 1) + " is not one of a-z, 0-9, '-'";
                }
            }

            return value[0] == '-' || value[value.Length - 1] == '-' ? "must not start or end with '-'" : null;
        }

        private static string CheckTopicPrefix(string value)
        {
            if (value[0] == '/' || value[value.Length - 1] == '/' || value.IndexOf("//") >= 0)
            {
                return "topic segments must not be empty (no leading, trailing or double '/')";
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '/'))
                {
                    return "character '" + c + "' at position " + (i + 1) + " is not allowed in a topic prefix (a-z, 0-9, '-', '_', '/')";
                }
            }

            return null;
        }

        private static string CheckPrintable(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < ' ' || value[i] == (char)127)
                {
                    return "control character at position " + (i + 1);
                }
            }

            return null;
        }
    }
}
