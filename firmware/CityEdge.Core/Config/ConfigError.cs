namespace CityEdge.Config
{
    /// <summary>One problem in a configuration text: where, which key, what is wrong.</summary>
    public sealed class ConfigError
    {
        public ConfigError(int line, string key, string message)
        {
            Line = line;
            Key = key;
            Message = message;
        }

        /// <summary>1-based line; 0 when the problem is a missing key or spans several lines.</summary>
        public int Line { get; }

        /// <summary>The key (or file) concerned; empty for a line that did not parse.</summary>
        public string Key { get; }

        public string Message { get; }

        public override string ToString()
        {
            string key = Key == null || Key.Length == 0 ? "" : Key + ": ";
            return Line > 0 ? "line " + Line + ": " + key + Message : key + Message;
        }
    }
}
