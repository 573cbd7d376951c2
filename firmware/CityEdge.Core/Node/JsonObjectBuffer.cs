namespace CityEdge.Node
{
    /// <summary>
    /// A flat JSON object written into a byte buffer the node keeps: numbers and strings, nothing
    /// else, with no allocation once the buffer is large enough (it doubles when a message outgrows
    /// it). Strings are written as ASCII: '"' and '\\' escaped, anything outside 0x20..0x7E as \uXXXX
    /// (RFC 8259 section 7), so the bytes are valid UTF-8 JSON whatever the text.
    /// </summary>
    public sealed class JsonObjectBuffer
    {
        private const string Hex = "0123456789abcdef";
        private readonly byte[] _digits = new byte[20];
        private byte[] _bytes;
        private int _length;
        private bool _empty;

        public JsonObjectBuffer(int capacity)
        {
            _bytes = new byte[capacity];
        }

        /// <summary>The object written so far: its first <see cref="Length"/> bytes.</summary>
        public byte[] Bytes
        {
            get { return _bytes; }
        }

        public int Length
        {
            get { return _length; }
        }

        /// <summary>Starts a new object, forgetting the previous one.</summary>
        public void Begin()
        {
            _length = 0;
            _empty = true;
            Put('{');
        }

        public void Field(string name, long value)
        {
            Name(name);
            ulong magnitude;
            if (value < 0)
            {
                Put('-');
                magnitude = (ulong)(-(value + 1)) + 1;
            }
            else
            {
                magnitude = (ulong)value;
            }

            int count = 0;
            do
            {
                _digits[count++] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }
            while (magnitude > 0);

            Room(count);
            while (count > 0)
            {
                _bytes[_length++] = _digits[--count];
            }
        }

        public void Field(string name, string value)
        {
            Name(name);
            Text(value);
        }

        public void End()
        {
            Put('}');
        }

        /// <summary>A copy of the object (for messages sent rarely, which need no buffer of their own).</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            System.Array.Copy(_bytes, copy, _length);
            return copy;
        }

        private void Name(string name)
        {
            if (!_empty)
            {
                Put(',');
            }

            _empty = false;
            Text(name);
            Put(':');
        }

        private void Text(string value)
        {
            Put('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\')
                {
                    Put('\\');
                    Put(c);
                }
                else if (c < ' ' || c > '~')
                {
                    Put('\\');
                    Put('u');
                    Put(Hex[(c >> 12) & 0xF]);
                    Put(Hex[(c >> 8) & 0xF]);
                    Put(Hex[(c >> 4) & 0xF]);
                    Put(Hex[c & 0xF]);
                }
                else
                {
                    Put(c);
                }
            }

            Put('"');
        }

        private void Put(char c)
        {
            Room(1);
            _bytes[_length++] = (byte)c;
        }

        private void Room(int count)
        {
            if (_length + count > _bytes.Length)
            {
                byte[] larger = new byte[(_bytes.Length * 2) + count];
                System.Array.Copy(_bytes, larger, _length);
                _bytes = larger;
            }
        }
    }
}
