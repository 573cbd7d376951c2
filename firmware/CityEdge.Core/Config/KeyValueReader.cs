namespace CityEdge.Config
{
    /// <summary>
    /// Reads "key = value" lines (node config, board profiles). '#' starts a comment line; blank lines
    /// are skipped; keys are lower-case. Tracks line numbers so every error can name its line.
    /// A line that does not parse is never quoted in its error (<see cref="Key"/> is empty then): it may
    /// be a password typed with ':' for '=', and errors travel in signed acks and the node log.
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

        /// <summary>The key; empty when the line did not parse.</summary>
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
                    Key = string.Empty;
                    Value = null;
                    Error = "not a 'key = value' line (the line is not shown: it may hold a secret)";
                    return true;
                }

                Key = line.Substring(0, equals).Trim();
                Value = line.Substring(equals + 1).Trim();
                Error = null;
                int bad = FirstNonKeyCharacter(Key);
                if (bad >= 0)
                {
                    Key = string.Empty;
                    Value = null;
                    Error = "the key before '=' must be lower-case letters, digits, '.' and '_'; character " + (bad + 1)
                        + " is not (the line is not shown: it may hold a secret)";
                }

                return true;
            }

            return false;
        }

        /// <summary>Index of the first character a key may not have; -1 when it is a key.</summary>
        private static int FirstNonKeyCharacter(string key)
        {
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
