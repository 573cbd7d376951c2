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

        public string Key { get; }

        public string Message { get; }

        public override string ToString()
        {
            return Line > 0 ? "line " + Line + ": " + Key + ": " + Message : Key + ": " + Message;
        }
    }
}
