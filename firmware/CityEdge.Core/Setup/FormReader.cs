using System.Collections;
using System.Text;

namespace CityEdge.Setup
{
    /// <summary>
    /// Reads an HTML form body (application/x-www-form-urlencoded: name=value pairs joined by '&amp;', '+' for a
    /// space, %XX for a byte of UTF-8; WHATWG URL Standard, "application/x-www-form-urlencoded parsing").
    /// Strict where a browser never sends otherwise, so a malformed or forged request gets a clear refusal.
    /// Messages name the field and the position, never the value (it may be a password).
    /// </summary>
    public static class FormReader
    {
        /// <summary>Longest decoded value: the longest config value (mqtt.password) is 128 characters.</summary>
        public const int MaxValueLength = 128;

        /// <summary>More fields than the setup form has is not the setup form.</summary>
        public const int MaxFields = 16;

        /// <summary>
        /// The fields of <paramref name="body"/>[0..<paramref name="count"/>) by name; null with the reason in
        /// <paramref name="error"/> when the body is not a well-formed form.
        /// </summary>
        public static Hashtable Read(byte[] body, int count, out string error)
        {
            error = null;
            Hashtable fields = new Hashtable();
            int start = 0;
            while (start < count)
            {
                int end = start;
                while (end < count && body[end] != (byte)'&')
                {
                    end++;
                }

                if (end > start)
                {
                    int equals = start;
                    while (equals < end && body[equals] != (byte)'=')
                    {
                        equals++;
                    }

                    if (equals == end || equals == start)
                    {
                        error = "field " + (fields.Count + 1) + " is not name=value";
                        return null;
                    }

                    string name = Decode(body, start, equals, "a field name", out error);
                    if (name == null)
                    {
                        return null;
                    }

                    string value = Decode(body, equals + 1, end, name, out error);
                    if (value == null)
                    {
                        return null;
                    }

                    if (fields.Contains(name))
                    {
                        error = name + ": sent twice";
                        return null;
                    }

                    if (fields.Count == MaxFields)
                    {
                        error = "more than " + MaxFields + " fields";
                        return null;
                    }

                    fields[name] = value;
                }

                start = end + 1;
            }

            return fields;
        }

        private static string Decode(byte[] body, int from, int to, string what, out string error)
        {
            error = null;
            byte[] bytes = new byte[to - from];
            int length = 0;
            for (int i = from; i < to; i++)
            {
                byte b = body[i];
                if (b == (byte)'+')
                {
                    bytes[length++] = (byte)' ';
                }
                else if (b == (byte)'%')
                {
                    int high = i + 2 < to ? HexValue(body[i + 1]) : -1;
                    int low = i + 2 < to ? HexValue(body[i + 2]) : -1;
                    if (high < 0 || low < 0)
                    {
                        error = what + ": a '%' at character " + (i - from + 1) + " is not followed by two hex digits";
                        return null;
                    }

                    bytes[length++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else if (b < 0x20 || b > 0x7E)
                {
                    error = what + ": character " + (i - from + 1) + " must be percent-encoded";
                    return null;
                }
                else
                {
                    bytes[length++] = b;
                }
            }

            if (!IsUtf8(bytes, length))
            {
                error = what + ": not UTF-8 text";
                return null;
            }

            string text = Encoding.UTF8.GetString(bytes, 0, length);
            if (text.Length > MaxValueLength)
            {
                error = what + ": longer than " + MaxValueLength + " characters";
                return null;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < ' ' || text[i] == (char)127)
                {
                    error = what + ": control character (e.g. a line break) at character " + (i + 1);
                    return null;
                }
            }

            return text;
        }

        private static int HexValue(byte c)
        {
            if (c >= (byte)'0' && c <= (byte)'9')
            {
                return c - '0';
            }

            if (c >= (byte)'a' && c <= (byte)'f')
            {
                return c - 'a' + 10;
            }

            return c >= (byte)'A' && c <= (byte)'F' ? c - 'A' + 10 : -1;
        }

        /// <summary>Well-formed UTF-8 (RFC 3629 section 4): no stray continuation bytes, no truncated sequences,
        /// no overlong two-byte forms. nanoFramework's decoder would otherwise turn bad bytes into something
        /// that is hard to explain to a technician.</summary>
        private static bool IsUtf8(byte[] bytes, int length)
        {
            int i = 0;
            while (i < length)
            {
                int b = bytes[i];
                int more = b < 0x80 ? 0 : b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
                if (more < 0 || i + more >= length)
                {
                    return false;
                }

                for (int k = 1; k <= more; k++)
                {
                    if ((bytes[i + k] & 0xC0) != 0x80)
                    {
                        return false;
                    }
                }

                i += more + 1;
            }

            return true;
        }
    }
}
