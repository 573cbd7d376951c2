using System.Collections;
using CityEdge.Config;
using CityEdge.Telemetry;

namespace CityEdge.Board
{
    /// <summary>
    /// A board's pin map, read from a hardware/boards/*.board file (the device app reads it from internal
    /// storage; the tools from the repository). Pins are data so one firmware image serves every board
    /// variant; drivers never see pin numbers, only the buses the app builds from them.
    /// <para>
    /// <see cref="Parse"/> checks every line against <see cref="BoardKey.Schema"/> and every pin against the
    /// chip, module and firmware image the file names (<see cref="ChipProfile"/>, <see cref="ModuleProfile"/>,
    /// <see cref="FirmwareTarget"/>), then the rules between keys (a bus a device names has pins, no two
    /// devices share an address on a bus, ...). Every problem is reported at once, in line order, naming
    /// line and key; strapping pins and other risks that do not stop a node are warnings.
    /// </para>
    /// </summary>
    public sealed class BoardProfile
    {
        /// <summary>The board file's name in the node's storage (I:\board.board) and in <see cref="ConfigError.Source"/>.</summary>
        public const string FileName = "board.board";

        /// <summary>Address of the QMC5883L (datasheet Rev 1.0 section 9.1) and HMC5883L (Form #900405 Rev E,
        /// "I2C Interface"); both fixed, one of each per bus.</summary>
        public const int Qmc5883lAddress = 0x0D;
        public const int Hmc5883lAddress = 0x1E;

        private const int MaxTextLength = 32;

        private readonly Hashtable _values = new Hashtable();
        private readonly Hashtable _lines = new Hashtable();

        private BoardProfile()
        {
        }

        /// <summary>Board name (board.name).</summary>
        public string Name
        {
            get { return GetText("board.name"); }
        }

        public ChipProfile Chip { get; private set; }

        public ModuleProfile Module { get; private set; }

        public FirmwareTarget Target { get; private set; }

        /// <summary>Parses a board file; warnings are dropped (see the three-argument overload).</summary>
        public static BoardProfile Parse(string text, ArrayList errors)
        {
            return Parse(text, errors, new ArrayList());
        }

        /// <summary>
        /// Parses and checks a board file. Every problem goes to <paramref name="errors"/>, every risk that
        /// does not stop a node (strapping pins, an input without pull resistor) to <paramref name="warnings"/>,
        /// each naming line and key, in line order; the result is null when there is any error.
        /// </summary>
        public static BoardProfile Parse(string text, ArrayList errors, ArrayList warnings)
        {
            int errorsBefore = errors.Count;
            int warningsBefore = warnings.Count;
            BoardProfile profile = new BoardProfile();
            ArrayList entries = profile.Read(text, errors);
            profile.Identify(entries, errors);
            Hashtable pinOwners = new Hashtable();
            for (int i = 0; i < entries.Count; i++)
            {
                profile.CheckValue((Entry)entries[i], pinOwners, errors, warnings);
            }

            profile.CheckRequired(errors);
            profile.CheckBetweenKeys(entries, errors, warnings);
            ConfigError.SortByLine(errors, errorsBefore);
            ConfigError.SortByLine(warnings, warningsBefore);
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

        /// <summary>The text of a text or choice key; null when absent.</summary>
        public string GetText(string key)
        {
            return _values[key] as string;
        }

        /// <summary>The line <paramref name="key"/> is set on; 0 when it is not set.</summary>
        public int LineOf(string key)
        {
            object line = _lines[key];
            return line == null ? 0 : (int)line;
        }

        /// <summary>The header label of <paramref name="gpio"/> (pin_label.N); null when the file has none.</summary>
        public string LabelOf(int gpio)
        {
            return GetText("pin_label." + gpio);
        }

        /// <summary>The I2C address of a bus device key prefix ("bme280", "bay0.qmc5883l"), from its .address
        /// key or the chip's fixed address.</summary>
        public int AddressOf(string part)
        {
            if (part.EndsWith(".qmc5883l"))
            {
                return Qmc5883lAddress;
            }

            return part.EndsWith(".hmc5883l") ? Hmc5883lAddress : GetNumber(part + ".address", -1);
        }

        /// <summary>The lines as entries: syntax, unknown keys and repeats are reported here.</summary>
        private ArrayList Read(string text, ArrayList errors)
        {
            ArrayList entries = new ArrayList();
            KeyValueReader reader = new KeyValueReader(text);
            while (reader.MoveNext())
            {
                if (reader.Error != null)
                {
                    errors.Add(new ConfigError(FileName, reader.Line, reader.Key, reader.Error));
                    continue;
                }

                int number;
                BoardKey schema = BoardKey.Find(reader.Key, out number);
                if (schema == null)
                {
                    errors.Add(new ConfigError(FileName, reader.Line, reader.Key, "unknown key; the nearest known key is " + BoardKey.Nearest(reader.Key)));
                    continue;
                }

                if (_lines.Contains(reader.Key))
                {
                    errors.Add(new ConfigError(FileName, reader.Line, reader.Key, "set again (first set on line " + (int)_lines[reader.Key] + ")"));
                    continue;
                }

                _lines[reader.Key] = reader.Line;
                Entry entry = new Entry();
                entry.Line = reader.Line;
                entry.Key = reader.Key;
                entry.Value = reader.Value;
                entry.Schema = schema;
                entry.Number = number;
                entries.Add(entry);
            }

            return entries;
        }

        /// <summary>board.chip, board.module and board.target first: every pin rule depends on them.</summary>
        private void Identify(ArrayList entries, ArrayList errors)
        {
            Entry chip = Find(entries, "board.chip");
            Entry module = Find(entries, "board.module");
            Entry target = Find(entries, "board.target");
            if (chip != null)
            {
                Chip = ChipProfile.Find(chip.Value);
                if (Chip == null)
                {
                    Error(errors, chip, "'" + Excerpt(chip.Value) + "' is not a known chip (esp32, esp32-s3)");
                }
            }

            if (module != null)
            {
                Module = ModuleProfile.Find(module.Value);
                if (Module == null)
                {
                    Error(errors, module, "'" + Excerpt(module.Value) + "' is not a known module; the nearest is " + KeySuggestion.Nearest(module.Value, ModuleProfile.Names()));
                }
                else if (Chip != null && Module.Chip != Chip)
                {
                    Error(errors, module, Module.Name + " carries an " + Module.Chip.Name + ", but board.chip is " + Chip.Name);
                    Module = null;
                }
            }

            if (target != null)
            {
                Target = FirmwareTarget.Find(target.Value);
                if (Target == null)
                {
                    Error(errors, target, "'" + Excerpt(target.Value) + "' is not a known nanoFramework target"
                        + (Chip != null ? " for the " + Chip.Name + " (" + FirmwareTarget.NamesFor(Chip) + ")" : string.Empty));
                }
                else if (Chip != null && Target.Chip != Chip)
                {
                    Error(errors, target, Target.Name + " is an " + Target.Chip.Name + " image, but board.chip is " + Chip.Name + " (" + FirmwareTarget.NamesFor(Chip) + ")");
                    Target = null;
                }
                else if (Module != null && Target.Chip == ChipProfile.Esp32S3 && (Module.Psram == ModuleProfile.OctalPsram) != (Target.Psram == ModuleProfile.OctalPsram))
                {
                    Error(errors, target, Module.Name + " needs " + (Module.Psram == ModuleProfile.OctalPsram ? "ESP32_S3_OCTAL" : "ESP32_S3_QUAD")
                        + ": nanoff cannot detect the PSRAM type, so the image must match the module");
                }
                else if (Module != null && Target.IsEthernet)
                {
                    for (int gpio = 0; gpio < 49; gpio++)
                    {
                        if (Module.Reserves(gpio) && Target.EthernetRole(gpio) != null)
                        {
                            Error(errors, target, Target.Name + " uses GPIO " + gpio + " for the Ethernet " + Target.EthernetRole(gpio) + ", which "
                                + Module.Name + "'s PSRAM takes" + (Target.Name == "ESP32_OLIMEX" ? " (use ESP32_OLIMEX_WROVER)" : string.Empty));
                            break;
                        }
                    }
                }
            }
        }

        private void CheckValue(Entry entry, Hashtable pinOwners, ArrayList errors, ArrayList warnings)
        {
            BoardKey schema = entry.Schema;
            if (schema.IsNumbered && !CheckKeyNumber(entry, errors))
            {
                return;
            }

            if (schema.Kind == BoardValueKind.Choice)
            {
                _values[entry.Key] = entry.Value;
                return;
            }

            if (schema.Kind == BoardValueKind.Text)
            {
                string problem = CheckText(entry);
                if (problem != null)
                {
                    Error(errors, entry, problem);
                    return;
                }

                _values[entry.Key] = entry.Value;
                return;
            }

            int number;
            if (!TryParseNumber(entry.Value, out number))
            {
                Error(errors, entry, "'" + Excerpt(entry.Value) + "' is not a number (decimal or 0x hex)");
                return;
            }

            string why = schema.Kind == BoardValueKind.Pin ? CheckPin(entry, number, pinOwners, warnings) : CheckNumber(schema, number);
            if (why != null)
            {
                Error(errors, entry, why);
                return;
            }

            _values[entry.Key] = number;
        }

        /// <summary>The number inside a numbered key: a bus, UART, bay or GPIO the chip has.</summary>
        private bool CheckKeyNumber(Entry entry, ArrayList errors)
        {
            int n = entry.Number;
            string name = entry.Schema.Name;
            string problem = null;
            if (name.StartsWith("i2c"))
            {
                int count = Chip != null ? Chip.I2cCount : 2;
                problem = n >= 1 && n <= count ? null : "I2C bus " + n + " does not exist: the " + ChipName() + " has " + count + " I2C controllers (buses 1.." + count + ")";
            }
            else if (name.StartsWith("uart"))
            {
                problem = UartProblem(n);
            }
            else if (name.StartsWith("bay"))
            {
                problem = n <= TelemetryReport.MaxParkingBays - 1 ? null : "bay " + n + " is beyond the " + TelemetryReport.MaxParkingBays + " bays a report carries (bay0..bay15)";
            }
            else if (Chip != null && !Chip.Exists(n))
            {
                problem = "GPIO " + n + " does not exist on an " + Chip.Name;
            }

            if (problem != null)
            {
                Error(errors, entry, problem);
                return false;
            }

            return true;
        }

        private string CheckText(Entry entry)
        {
            string value = entry.Value;
            if (value.Length == 0 || value.Length > MaxTextLength)
            {
                return "length " + value.Length + " is outside 1.." + MaxTextLength + " characters";
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool ok = entry.Key == "board.name" ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' : c >= ' ' && c != (char)127;
                if (!ok)
                {
                    return entry.Key == "board.name" ? "character " + (i + 1) + " is not one of a-z, 0-9, '-'" : "control character at position " + (i + 1);
                }
            }

            return null;
        }

        private string CheckNumber(BoardKey schema, int number)
        {
            switch (schema.Kind)
            {
                case BoardValueKind.Flag:
                    return number == 0 || number == 1 ? null : number + " is not 0 or 1";
                case BoardValueKind.I2cBus:
                    int buses = Chip != null ? Chip.I2cCount : 2;
                    return number >= 1 && number <= buses ? null : "I2C bus " + number + " does not exist: the " + ChipName() + " has buses 1.." + buses;
                case BoardValueKind.Uart:
                    return UartProblem(number);
                case BoardValueKind.Address:
                    for (int i = 0; i < schema.Addresses.Length; i++)
                    {
                        if (schema.Addresses[i] == number)
                        {
                            return null;
                        }
                    }

                    return Hex(number) + " is not an address this part has (" + HexList(schema.Addresses) + ")";
                default:
                    return number >= schema.Min && number <= schema.Max ? null : number + " is outside " + schema.Min + ".." + schema.Max;
            }
        }

        private string UartProblem(int n)
        {
            int count = Chip != null ? Chip.UartCount : 3;
            if (n == 1)
            {
                return "UART 1 (COM1) is nanoFramework's debug and deployment link; use 2.." + count;
            }

            return n >= 2 && n <= count ? null : "UART " + n + " does not exist: the " + ChipName() + " has COM2..COM" + count + " for the app";
        }

        /// <summary>The pin rules: exists, not the chip's or module's or firmware's, can do what the key asks,
        /// not used twice; strapping pins are warned.</summary>
        private string CheckPin(Entry entry, int gpio, Hashtable pinOwners, ArrayList warnings)
        {
            if (Chip == null)
            {
                return gpio >= 0 && gpio <= 48 ? null : "GPIO " + gpio + " does not exist";
            }

            if (!Chip.Exists(gpio))
            {
                return "GPIO " + gpio + " does not exist on an " + Chip.Name;
            }

            string reserved = Chip.ReservedReason(gpio);
            if (reserved != null)
            {
                return "GPIO " + gpio + " " + reserved;
            }

            if (Module != null && Module.Reserves(gpio))
            {
                return "GPIO " + gpio + " " + Module.ReservedWhy;
            }

            if (Target != null && Target.EthernetRole(gpio) != null)
            {
                return "GPIO " + gpio + " is the Ethernet " + Target.EthernetRole(gpio) + " of the " + Target.Name + " firmware";
            }

            PinRole role = entry.Schema.Role;
            if ((role == PinRole.Output || role == PinRole.I2cLine) && Chip.IsInputOnly(gpio))
            {
                return "GPIO " + gpio + " is input-only (no output driver), but " + entry.Key + (role == PinRole.I2cLine ? " must pull the line low" : " drives it");
            }

            if (role == PinRole.Analog && Chip.AdcUnit(gpio) != 1)
            {
                return "GPIO " + gpio + (Chip.AdcUnit(gpio) == 2 ? " is an ADC2 input, which does not work while Wi-Fi runs" : " has no ADC")
                    + ": use an ADC1 pin (GPIO " + Chip.Adc1Pins() + ")";
            }

            if (pinOwners.Contains(gpio))
            {
                Entry owner = (Entry)pinOwners[gpio];
                return "GPIO " + gpio + " is already used by " + owner.Key + " (line " + owner.Line + ")";
            }

            pinOwners[gpio] = entry;
            string strapping = Chip.StrappingNote(gpio);
            if (strapping != null)
            {
                warnings.Add(new ConfigError(FileName, entry.Line, entry.Key, "GPIO " + gpio + " is a strapping pin: " + strapping));
            }

            return null;
        }

        private void CheckRequired(ArrayList errors)
        {
            string[] required = new string[] { "board.name", "board.chip", "board.module", "board.target" };
            for (int i = 0; i < required.Length; i++)
            {
                if (!_lines.Contains(required[i]))
                {
                    errors.Add(new ConfigError(FileName, 0, required[i], "required key is missing"));
                }
            }
        }

        /// <summary>Rules between keys, on the values that passed their own checks.</summary>
        private void CheckBetweenKeys(ArrayList entries, ArrayList errors, ArrayList warnings)
        {
            Hashtable addressOwners = new Hashtable();
            Hashtable bays = new Hashtable();
            for (int i = 0; i < entries.Count; i++)
            {
                Entry entry = (Entry)entries[i];
                if (!_values.Contains(entry.Key))
                {
                    continue;
                }

                CheckRequires(entry, errors);
                string key = entry.Key;
                if (entry.Schema.Kind == BoardValueKind.I2cBus)
                {
                    CheckI2cDevice(entry, addressOwners, bays, errors);
                }
                else if (key == "pms5003.uart" && !_lines.Contains("uart" + GetNumber(key, 0) + ".rx"))
                {
                    int uart = GetNumber(key, 0);
                    Error(errors, entry, "UART " + uart + " has no pins: set uart" + uart + ".rx and uart" + uart + ".tx");
                }
                else if (key == "mic.data.pin" && Has("sen0232.pin"))
                {
                    Error(errors, entry, "a node has one noise front end: set sen0232.pin (line " + LineOf("sen0232.pin") + ") or mic.*, not both");
                }
                else if (key == "mic.data.pin" && Chip != null && Chip.I2sCount < 2)
                {
                    Error(errors, entry, "the microphone uses I2S port 1, which the " + Chip.Name + " does not have");
                }
                else if (key == "lamp.pwm.pin" && Chip != null && Chip.LedcChannelCount < 1)
                {
                    Error(errors, entry, "the " + Chip.Name + " has no LEDC (PWM) channel");
                }
                else if (key == "setup_button.pin" || key == "lamp.presence.pin")
                {
                    CheckPull(entry, errors, warnings);
                }
            }
        }

        /// <summary>Keys that only mean something beside others (i2c1.sda with i2c1.scl, lamp.pwm_hz with lamp.pwm.pin).</summary>
        private void CheckRequires(Entry entry, ArrayList errors)
        {
            string requires = entry.Schema.Requires;
            if (requires == null)
            {
                return;
            }

            string[] names = requires.Split(',');
            for (int r = 0; r < names.Length; r++)
            {
                string needed = names[r];
                int at = needed.IndexOf("{n}");
                if (at >= 0)
                {
                    needed = needed.Substring(0, at) + entry.Number + needed.Substring(at + 3);
                }

                if (!_lines.Contains(needed))
                {
                    Error(errors, entry, "needs " + needed + " beside it (not in this file)");
                }
            }
        }

        /// <summary>A device on an I2C bus: the bus has pins, its address is free there, one sensor per bay.</summary>
        private void CheckI2cDevice(Entry entry, Hashtable addressOwners, Hashtable bays, ArrayList errors)
        {
            int bus = GetNumber(entry.Key, 0);
            // Set but invalid pins have their own error; only pins absent from the file are reported here.
            if (!_lines.Contains("i2c" + bus + ".sda") || !_lines.Contains("i2c" + bus + ".scl"))
            {
                Error(errors, entry, "I2C bus " + bus + " has no pins: set i2c" + bus + ".sda and i2c" + bus + ".scl");
                return;
            }

            string part = entry.Key.Substring(0, entry.Key.Length - ".bus".Length);
            if (part.StartsWith("bay"))
            {
                object other = bays[entry.Number];
                if (other != null)
                {
                    Entry first = (Entry)other;
                    Error(errors, entry, "bay" + entry.Number + " already has a sensor (" + first.Key + ", line " + first.Line + "): one magnetometer per bay");
                    return;
                }

                bays[entry.Number] = entry;
            }

            int address = AddressOf(part);
            if (address < 0)
            {
                return;
            }

            string slot = bus + "/" + address;
            object taken = addressOwners[slot];
            if (taken != null)
            {
                Entry owner = (Entry)taken;
                Error(errors, entry, "address " + Hex(address) + " on I2C bus " + bus + " is already taken by " + owner.Key + " (line " + owner.Line + ")"
                    + (part.StartsWith("bay") ? ": a second one of this chip needs the other bus, or an I2C multiplexer (TCA9548A), which has no driver" : string.Empty));
                return;
            }

            addressOwners[slot] = entry;
        }

        /// <summary>An input's pull resistor: asked for on a pin without one is an error; a presence input
        /// that floats when its cable is cut is a warning.</summary>
        private void CheckPull(Entry entry, ArrayList errors, ArrayList warnings)
        {
            int gpio = GetNumber(entry.Key, -1);
            bool button = entry.Key == "setup_button.pin";
            string flagKey = button ? "setup_button.pull_up" : "lamp.presence.pull_down";
            bool wanted = GetNumber(flagKey, button ? 1 : 0) == 1;
            if (Chip == null || Chip.HasPulls(gpio))
            {
                if (!button && !wanted)
                {
                    warnings.Add(new ConfigError(FileName, entry.Line, entry.Key, "no pull-down: with the sensor's cable cut the input floats and may read presence (set lamp.presence.pull_down = 1)"));
                }

                return;
            }

            if (wanted)
            {
                int line = LineOf(flagKey);
                errors.Add(new ConfigError(FileName, line > 0 ? line : entry.Line, line > 0 ? flagKey : entry.Key,
                    "GPIO " + gpio + " has no internal pull resistor: fit an external " + (button ? "pull-up" : "pull-down") + " (10 kohm) and set " + flagKey + " = 0"));
            }
            else if (!button)
            {
                warnings.Add(new ConfigError(FileName, entry.Line, entry.Key, "GPIO " + gpio + " has no internal pull-down: fit a 10 kohm resistor to GND so a cut cable reads nobody"));
            }
        }

        private string ChipName()
        {
            return Chip != null ? Chip.Name : "chip";
        }

        private static Entry Find(ArrayList entries, string key)
        {
            for (int i = 0; i < entries.Count; i++)
            {
                Entry entry = (Entry)entries[i];
                if (entry.Key == key)
                {
                    return entry;
                }
            }

            return null;
        }

        private static void Error(ArrayList errors, Entry entry, string message)
        {
            errors.Add(new ConfigError(FileName, entry.Line, entry.Key, message));
        }

        /// <summary>At most 24 characters of a bad value, so that a pasted line is not echoed whole.</summary>
        private static string Excerpt(string value)
        {
            return value.Length <= 24 ? value : value.Substring(0, 24) + "...";
        }

        private static string Hex(int value)
        {
            return "0x" + value.ToString("X2");
        }

        private static string HexList(int[] values)
        {
            string list = string.Empty;
            for (int i = 0; i < values.Length; i++)
            {
                list = list.Length == 0 ? Hex(values[i]) : list + " or " + Hex(values[i]);
            }

            return list;
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

        /// <summary>One "key = value" line of the file.</summary>
        private sealed class Entry
        {
            public int Line;
            public string Key;
            public string Value;
            public BoardKey Schema;
            public int Number;
        }
    }
}
