using CityEdge.Config;
using CityEdge.Lighting;

namespace CityEdge.Board
{
    /// <summary>What a board key's value is.</summary>
    public enum BoardValueKind
    {
        /// <summary>Free text (board.name: an identifier; pin_label.N: a header label).</summary>
        Text = 0,
        /// <summary>One of a fixed list (board.chip, board.module, board.target).</summary>
        Choice = 1,
        /// <summary>A GPIO number used in the role <see cref="BoardKey.Role"/>.</summary>
        Pin = 2,
        /// <summary>A whole number within [Min, Max] (decimal or 0x hex).</summary>
        Number = 3,
        /// <summary>An I2C bus number, 1 .. the chip's I2C controller count.</summary>
        I2cBus = 4,
        /// <summary>A UART number (COMn), 2 .. the chip's UART count (UART0 = COM1 is the debug link).</summary>
        Uart = 5,
        /// <summary>A 7-bit I2C address from the part's datasheet options (<see cref="BoardKey.Addresses"/>).</summary>
        Address = 6,
        /// <summary>0 or 1.</summary>
        Flag = 7,
    }

    /// <summary>How a pin is driven, which decides what the pin must be able to do.</summary>
    public enum PinRole
    {
        None = 0,
        /// <summary>Driven by the chip (status LED, lamp PWM): not on an input-only pin.</summary>
        Output = 1,
        /// <summary>Read by the chip (button, presence, UART RX, I2S data in).</summary>
        Input = 2,
        /// <summary>An analog input: must be an ADC1 pin (ADC2 stops working while Wi-Fi runs).</summary>
        Analog = 3,
        /// <summary>An I2C line: open-drain, driven low by the chip, so it needs an output driver.</summary>
        I2cLine = 4,
    }

    /// <summary>
    /// One key a board file may hold: its name (a "{n}" stands for a bus, UART, bay or GPIO number), the
    /// kind of value, the pin role, the range, the keys it needs beside it, and the capability it belongs to.
    /// Unknown keys are refused with the nearest known one, so a misspelt key cannot silently drop a sensor.
    /// </summary>
    public sealed class BoardKey
    {
        /// <summary>Capability ("part") names, as `cityedge config new --kit` takes them; Core is always fitted.</summary>
        public const string Core = "core";
        public const string Air = "air";
        public const string Noise = "noise";
        public const string Parking = "parking";
        public const string Lighting = "lighting";

        /// <summary>The BME280's addresses: SDO to GND 0x76, to VDDIO 0x77 (BST-BME280-DS002 section 6.2).</summary>
        private static readonly int[] Bme280Addresses = new int[] { 0x76, 0x77 };

        /// <summary>The BH1750's addresses: ADDR low 0x23, high 0x5C (BH1750FVI datasheet, "Slave Address").</summary>
        private static readonly int[] Bh1750Addresses = new int[] { 0x23, 0x5C };

        /// <summary>Every key a board file may hold.</summary>
        public static readonly BoardKey[] Schema = new BoardKey[]
        {
            Text("board.name", Core, "Board profile name, e.g. esp32-devkitc-v4."),
            Choice("board.chip", Core, "The chip: esp32 or esp32-s3."),
            Choice("board.module", Core, "The module on the board (its flash and PSRAM pins), e.g. esp32-wroom-32e."),
            Choice("board.target", Core, "nanoFramework firmware image (nanoff --target), e.g. ESP32_REV0."),
            Pin("status_led.pin", PinRole.Output, Core, null, "Status LED (to GND through 330 ohm)."),
            Pin("setup_button.pin", PinRole.Input, Core, null, "Button held at boot to open the phone setup mode (pressed = low)."),
            Number("setup_button.pull_up", BoardValueKind.Flag, 0, 1, Core, "setup_button.pin", "1: internal pull-up on; 0: the board has its own pull-up."),
            Numbered("pin_label.{n}", BoardValueKind.Text, PinRole.None, 0, 48, 0, 0, Core, null, "Where GPIO n is on the board's headers (for config show)."),
            Numbered("i2c{n}.sda", BoardValueKind.Pin, PinRole.I2cLine, 1, 9, 0, 0, Core, "i2c{n}.scl", "I2C bus n data line."),
            Numbered("i2c{n}.scl", BoardValueKind.Pin, PinRole.I2cLine, 1, 9, 0, 0, Core, "i2c{n}.sda", "I2C bus n clock line."),
            Numbered("i2c{n}.clock_hz", BoardValueKind.Number, PinRole.None, 1, 9, 10000, 1000000, Core, "i2c{n}.sda", "I2C bus n clock, Hz (100000 for long cables)."),
            Numbered("uart{n}.rx", BoardValueKind.Pin, PinRole.Input, 1, 9, 0, 0, Core, "uart{n}.tx", "UART n (COMn) receive line."),
            Numbered("uart{n}.tx", BoardValueKind.Pin, PinRole.Output, 1, 9, 0, 0, Core, "uart{n}.rx", "UART n (COMn) transmit line."),
            Bus("bme280.bus", Air, "bme280.address", "I2C bus of the BME280."),
            Address("bme280.address", Air, "bme280.bus", Bme280Addresses, "BME280 address: 0x76 (SDO to GND) or 0x77."),
            Number("pms5003.uart", BoardValueKind.Uart, 0, 0, Air, null, "UART (COMn) of the PMS5003/PMS7003."),
            Pin("sen0232.pin", PinRole.Analog, Noise, null, "SEN0232 analog output: an ADC1 pin."),
            Number("sen0232.full_scale_mv", BoardValueKind.Number, 1000, 3300, Noise, "sen0232.pin", "Input that reads full scale, mV."),
            Pin("mic.bck.pin", PinRole.Output, Noise, "mic.ws.pin,mic.data.pin", "I2S microphone bit clock."),
            Pin("mic.ws.pin", PinRole.Output, Noise, "mic.bck.pin,mic.data.pin", "I2S microphone word select."),
            Pin("mic.data.pin", PinRole.Input, Noise, "mic.bck.pin,mic.ws.pin", "I2S microphone data out."),
            Number("mic.sample_hz", BoardValueKind.Number, 8000, 48000, Noise, "mic.data.pin", "I2S sample rate, Hz."),
            Pin("lamp.pwm.pin", PinRole.Output, Lighting, null, "Lamp dimming PWM into the inverting stage."),
            Number("lamp.pwm_hz", BoardValueKind.Number, LampOutput.MinFrequencyHz, 40000, Lighting, "lamp.pwm.pin",
                "Lamp PWM frequency, Hz: at least the IEEE 1789-2015 low-risk 1250 Hz the lamp output demands."),
            Pin("lamp.presence.pin", PinRole.Input, Lighting, null, "PIR / radar presence output (high = someone there)."),
            Number("lamp.presence.pull_down", BoardValueKind.Flag, 0, 1, Lighting, "lamp.presence.pin", "1: internal pull-down, so a cut cable reads nobody."),
            Bus("bh1750.bus", Lighting, "bh1750.address", "I2C bus of the BH1750."),
            Address("bh1750.address", Lighting, "bh1750.bus", Bh1750Addresses, "BH1750 address: 0x23 (ADDR low) or 0x5C."),
            Numbered("bay{n}.qmc5883l.bus", BoardValueKind.I2cBus, PinRole.None, 0, 15, 0, 0, Parking, null, "I2C bus of bay n's QMC5883L (address 0x0D)."),
            Numbered("bay{n}.hmc5883l.bus", BoardValueKind.I2cBus, PinRole.None, 0, 15, 0, 0, Parking, null, "I2C bus of bay n's HMC5883L (address 0x1E)."),
        };

        private static readonly string[] NumberedPrefixes = new string[] { "pin_label.", "i2c", "uart", "bay" };

        private BoardKey(string name, BoardValueKind kind, PinRole role, int numberMin, int numberMax, int min, int max, string part, string requires, int[] addresses, string description)
        {
            Name = name;
            Kind = kind;
            Role = role;
            NumberMin = numberMin;
            NumberMax = numberMax;
            Min = min;
            Max = max;
            Part = part;
            Requires = requires;
            Addresses = addresses;
            Description = description;
        }

        /// <summary>Key name; "{n}" stands for the number in the key (i2c{n}.sda = i2c1.sda, i2c2.sda, ...).</summary>
        public string Name { get; }

        public BoardValueKind Kind { get; }

        public PinRole Role { get; }

        /// <summary>Range of the "{n}" in the name.</summary>
        public int NumberMin { get; }

        public int NumberMax { get; }

        /// <summary>Range of a <see cref="BoardValueKind.Number"/> value.</summary>
        public int Min { get; }

        public int Max { get; }

        /// <summary>The capability the key belongs to (<see cref="Core"/>, <see cref="Air"/>, ...).</summary>
        public string Part { get; }

        /// <summary>Comma-separated keys that must be set with this one ("{n}" = this key's number); null for none.</summary>
        public string Requires { get; }

        /// <summary>The addresses an <see cref="BoardValueKind.Address"/> key may take.</summary>
        public int[] Addresses { get; }

        public string Description { get; }

        public bool IsNumbered
        {
            get { return Name.IndexOf("{n}") >= 0; }
        }

        /// <summary>This key's name with "{n}" replaced by <paramref name="number"/>.</summary>
        public string NameFor(int number)
        {
            int at = Name.IndexOf("{n}");
            return at < 0 ? Name : Name.Substring(0, at) + number + Name.Substring(at + 3);
        }

        /// <summary>
        /// The schema entry for <paramref name="key"/>, with the key's number (bus, UART, bay, GPIO) in
        /// <paramref name="number"/> (-1 for keys without one); null for an unknown key.
        /// </summary>
        public static BoardKey Find(string key, out int number)
        {
            string pattern = Pattern(key, out number);
            for (int i = 0; i < Schema.Length; i++)
            {
                if (Schema[i].Name == pattern)
                {
                    return Schema[i];
                }
            }

            return null;
        }

        /// <summary>The known key closest to <paramref name="key"/> by edit distance, with the key's own number
        /// kept (bay3.qmc5883.bus → bay3.qmc5883l.bus).</summary>
        public static string Nearest(string key)
        {
            int number;
            Pattern(key, out number);
            string best = null;
            int bestDistance = int.MaxValue;
            for (int i = 0; i < Schema.Length; i++)
            {
                BoardKey candidate = Schema[i];
                string name = candidate.IsNumbered ? candidate.NameFor(number >= candidate.NumberMin && number <= candidate.NumberMax ? number : candidate.NumberMin) : candidate.Name;
                int distance = KeySuggestion.Closeness(key, name);
                if (distance < bestDistance)
                {
                    best = name;
                    bestDistance = distance;
                }
            }

            return best;
        }

        /// <summary>"i2c2.sda" → "i2c{n}.sda" with number 2; keys without a numbered prefix are their own pattern.</summary>
        private static string Pattern(string key, out int number)
        {
            number = -1;
            for (int p = 0; p < NumberedPrefixes.Length; p++)
            {
                string prefix = NumberedPrefixes[p];
                if (!key.StartsWith(prefix))
                {
                    continue;
                }

                int end = prefix.Length;
                int value = 0;
                while (end < key.Length && end - prefix.Length < 4 && key[end] >= '0' && key[end] <= '9')
                {
                    value = (value * 10) + (key[end] - '0');
                    end++;
                }

                if (end > prefix.Length)
                {
                    number = value;
                    return prefix + "{n}" + key.Substring(end);
                }
            }

            return key;
        }

        private static BoardKey Text(string name, string part, string description)
        {
            return new BoardKey(name, BoardValueKind.Text, PinRole.None, 0, 0, 0, 0, part, null, null, description);
        }

        private static BoardKey Choice(string name, string part, string description)
        {
            return new BoardKey(name, BoardValueKind.Choice, PinRole.None, 0, 0, 0, 0, part, null, null, description);
        }

        private static BoardKey Pin(string name, PinRole role, string part, string requires, string description)
        {
            return new BoardKey(name, BoardValueKind.Pin, role, 0, 0, 0, 0, part, requires, null, description);
        }

        private static BoardKey Number(string name, BoardValueKind kind, int min, int max, string part, string requires, string description)
        {
            return new BoardKey(name, kind, PinRole.None, 0, 0, min, max, part, requires, null, description);
        }

        private static BoardKey Bus(string name, string part, string requires, string description)
        {
            return new BoardKey(name, BoardValueKind.I2cBus, PinRole.None, 0, 0, 0, 0, part, requires, null, description);
        }

        private static BoardKey Address(string name, string part, string requires, int[] addresses, string description)
        {
            return new BoardKey(name, BoardValueKind.Address, PinRole.None, 0, 0, 0, 0, part, requires, addresses, description);
        }

        private static BoardKey Numbered(string name, BoardValueKind kind, PinRole role, int numberMin, int numberMax, int min, int max, string part, string requires, string description)
        {
            return new BoardKey(name, kind, role, numberMin, numberMax, min, max, part, requires, null, description);
        }
    }
}
