namespace CityEdge.Config
{
    /// <summary>One problem in a configuration text: which file, where, which key, what is wrong.</summary>
    public sealed class ConfigError
    {
        public ConfigError(int line, string key, string message)
            : this(null, line, key, message)
        {
        }

        public ConfigError(string source, int line, string key, string message)
        {
            Source = source;
            Line = line;
            Key = key;
            Message = message;
        }

        /// <summary>The file the line belongs to (e.g. "board.board", "ca.pem"); null for the node config.</summary>
        public string Source { get; }

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

        /// <summary>
        /// Sorts errors[from..] by line, lines before line-0 entries (missing keys, whole-file problems),
        /// keeping the order of equal lines, so a technician reads the file top to bottom.
        /// </summary>
        public static void SortByLine(System.Collections.ArrayList errors, int from)
        {
            for (int i = from + 1; i < errors.Count; i++)
            {
                ConfigError item = (ConfigError)errors[i];
                int j = i - 1;
                while (j >= from && Before(item, (ConfigError)errors[j]))
                {
                    errors[j + 1] = errors[j];
                    j--;
                }

                errors[j + 1] = item;
            }
        }

        private static bool Before(ConfigError a, ConfigError b)
        {
            int lineA = a.Line > 0 ? a.Line : int.MaxValue;
            int lineB = b.Line > 0 ? b.Line : int.MaxValue;
            return lineA < lineB;
        }
    }
}
