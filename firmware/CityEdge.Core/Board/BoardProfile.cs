using System.Collections;
using CityEdge.Config;

namespace CityEdge.Board
{
    /// <summary>
    /// A board's pin map, read from a hardware/boards/*.board file (the device app reads it from
    /// internal storage; the tools from the repository). Pins are data so one firmware image serves
    /// every board variant; drivers never see pin numbers, only the buses the app builds from them.
    /// </summary>
    public sealed class BoardProfile
    {
        /// <summary>GPIO numbers the ESP32 (WROOM/WROVER) exposes: 0-39 without 20, 24, 28-31.</summary>
        private const int MaxGpio = 39;

        private readonly Hashtable _values = new Hashtable();

        private BoardProfile()
        {
        }

        /// <summary>Board name (board.name).</summary>
        public string Name
        {
            get { return (string)_values["board.name"]; }
        }

        /// <summary>
        /// Parses a board file. Values are whole numbers (decimal or 0x hex) except board.name.
        /// Pin keys end in ".pin", ".sda", ".scl", ".rx" or ".tx" and must be usable ESP32 GPIOs; no GPIO
        /// may be used twice. Every problem goes to <paramref name="errors"/> naming line and key.
        /// </summary>
        public static BoardProfile Parse(string text, ArrayList errors)
        {
            BoardProfile profile = new BoardProfile();
            Hashtable pinOwners = new Hashtable();
            int errorsBefore = errors.Count;
            KeyValueReader reader = new KeyValueReader(text);
            while (reader.MoveNext())
            {
                if (reader.Error != null)
                {
                    errors.Add(new ConfigError(reader.Line, reader.Key, reader.Error));
                    continue;
                }

                if (profile._values.Contains(reader.Key))
                {
                    errors.Add(new ConfigError(reader.Line, reader.Key, "set twice"));
                    continue;
                }

                if (reader.Key == "board.name")
                {
                    profile._values[reader.Key] = reader.Value;
                    continue;
                }

                int number;
                if (!TryParseNumber(reader.Value, out number))
                {
                    errors.Add(new ConfigError(reader.Line, reader.Key, "'" + reader.Value + "' is not a number (decimal or 0x hex)"));
                    continue;
                }

                if (IsPinKey(reader.Key))
                {
                    if (!IsUsableGpio(number))
                    {
                        errors.Add(new ConfigError(reader.Line, reader.Key, "GPIO " + number + " does not exist on an ESP32"));
                        continue;
                    }

                    if (pinOwners.Contains(number))
                    {
                        errors.Add(new ConfigError(reader.Line, reader.Key, "GPIO " + number + " is already used by " + (string)pinOwners[number]));
                        continue;
                    }

                    pinOwners[number] = reader.Key;
                }

                profile._values[reader.Key] = number;
            }

            if (!profile._values.Contains("board.name"))
            {
                errors.Add(new ConfigError(0, "board.name", "required key is missing"));
            }

            return errors.Count > errorsBefore ? null : profile;
        }

        /// <summary>True when the board has the key (e.g. "bme280.address").</summary>
        public bool Has(string key)
        {
            return _values.Contains(key);
        }

        /// <summary>The number for <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
        public int GetNumber(string key, int fallback)
        {
            object value = _values[key];
            return value is int ? (int)value : fallback;
        }

        private static bool IsPinKey(string key)
        {
            return key.EndsWith(".pin") || key.EndsWith(".sda") || key.EndsWith(".scl") || key.EndsWith(".rx") || key.EndsWith(".tx");
        }

        private static bool IsUsableGpio(int gpio)
        {
            return gpio >= 0 && gpio <= MaxGpio && gpio != 20 && gpio != 24 && !(gpio >= 28 && gpio <= 31);
        }

        private static bool TryParseNumber(string text, out int value)
        {
            value = 0;
            if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
            {
                if (text.Length > 10)
                {
                    return false;
                }

                for (int i = 2; i < text.Length; i++)
                {
                    char c = text[i];
                    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                    if (digit < 0)
                    {
                        return false;
                    }

                    value = (value << 4) | digit;
                }

                return true;
            }

            return int.TryParse(text, out value);
        }
    }
}
