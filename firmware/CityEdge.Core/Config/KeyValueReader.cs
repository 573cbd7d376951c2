namespace CityEdge.Config
{
    /// <summary>
    /// Reads "key = value" lines (node config, board profiles). '#' starts a comment line; blank lines
    /// are skipped; keys are lower-case. Tracks line numbers so every error can name its line.
    /// </summary>
    public sealed class KeyValueReader
    {
        private readonly string _text;
        private int _position;

        public KeyValueReader(string text)
        {
            _text = text ?? string.Empty;
        }

        /// <summary>1-based line number of the current entry.</summary>
        public int Line { get; private set; }

        public string Key { get; private set; }

        public string Value { get; private set; }

        /// <summary>Why the current line is not a "key = value" entry; null when it is.</summary>
        public string Error { get; private set; }

        /// <summary>Advances to the next entry or malformed line; false at the end of the text.</summary>
        public bool MoveNext()
        {
            while (_position < _text.Length)
            {
                int end = _text.IndexOf('\n', _position);
                if (end < 0)
                {
                    end = _text.Length;
                }

                string line = _text.Substring(_position, end - _position).Trim();
                _position = end + 1;
                Line++;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                int equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    Key = line;
                    Value = null;
                    Error = "expected 'key = value'";
                    return true;
                }

                Key = line.Substring(0, equals).Trim();
                Value = line.Substring(equals + 1).Trim();
                Error = IsKey(Key) ? null : "key '" + Key + "' must be lower-case letters, digits, '.' and '_'";
                return true;
            }

            return false;
        }

        private static bool IsKey(string key)
        {
            if (key.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
