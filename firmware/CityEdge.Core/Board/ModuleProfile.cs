namespace CityEdge.Board
{
    /// <summary>
    /// The module soldered on a board (board.module): its chip, the pins its own flash and PSRAM take on
    /// top of the chip's (<see cref="ChipProfile.ReservedReason"/>), and its PSRAM kind, which decides the
    /// nanoFramework image for an ESP32-S3 (<see cref="FirmwareTarget"/>).
    /// <para>Sources: ESP-IDF docs/en/api-reference/peripherals/gpio/esp32.inc note "GPIO6-11 and GPIO16-17 are
    /// usually connected to the SPI flash and PSRAM integrated on the module" (ESP32-WROVER-E datasheet v2.x,
    /// "Pin Definitions": GPIO16/17 go to the PSRAM; Olimex ESP32-POE user manual rev. 2.6, "WROVER ... GPIO16
    /// and GPIO17 are used by the PSRAM"); gpio/esp32s3.inc note "When using Octal flash or Octal PSRAM or both,
    /// GPIO33 ~ GPIO37 are connected to SPIIO4 ~ SPIIO7 and SPIDQS ... on boards embedded with ESP32-S3R8 /
    /// ESP32-S3R8V chip, GPIO33 ~ GPIO37 are also not recommended for other uses" (ESP32-S3-WROOM-1 datasheet
    /// v1.x, "Pin Definitions": the R8 variants embed the ESP32-S3R8).</para>
    /// </summary>
    public sealed class ModuleProfile
    {
        public const int NoPsram = 0;
        public const int QuadPsram = 1;
        public const int OctalPsram = 2;

        private static readonly int[] None = new int[0];
        private static readonly int[] WroverPsramPins = new int[] { 16, 17 };
        private static readonly int[] OctalPsramPins = new int[] { 33, 34, 35, 36, 37 };

        private static readonly ModuleProfile[] Known = new ModuleProfile[]
        {
            new ModuleProfile("esp32-wroom-32e", ChipProfile.Esp32, NoPsram, None, null),
            new ModuleProfile("esp32-wrover-e", ChipProfile.Esp32, QuadPsram, WroverPsramPins,
                "is wired to the module's PSRAM (ESP32-WROVER-E: GPIO 16 and 17)"),
            new ModuleProfile("esp32-s3-wroom-1-n8", ChipProfile.Esp32S3, NoPsram, None, null),
            new ModuleProfile("esp32-s3-wroom-1-n8r2", ChipProfile.Esp32S3, QuadPsram, None, null),
            new ModuleProfile("esp32-s3-wroom-1-n8r8", ChipProfile.Esp32S3, OctalPsram, OctalPsramPins,
                "is wired to the module's octal PSRAM (ESP32-S3R8: GPIO 33-37)"),
            new ModuleProfile("esp32-s3-wroom-1-n16r8", ChipProfile.Esp32S3, OctalPsram, OctalPsramPins,
                "is wired to the module's octal PSRAM (ESP32-S3R8: GPIO 33-37)"),
        };

        private readonly int[] _reserved;

        private ModuleProfile(string name, ChipProfile chip, int psram, int[] reserved, string reason)
        {
            Name = name;
            Chip = chip;
            Psram = psram;
            _reserved = reserved;
            ReservedWhy = reason;
        }

        /// <summary>The value of board.module, e.g. "esp32-wroom-32e".</summary>
        public string Name { get; }

        public ChipProfile Chip { get; }

        /// <summary><see cref="NoPsram"/>, <see cref="QuadPsram"/> or <see cref="OctalPsram"/>.</summary>
        public int Psram { get; }

        /// <summary>Why the module keeps its reserved pins, for messages.</summary>
        public string ReservedWhy { get; }

        /// <summary>Every module a board file may name.</summary>
        public static ModuleProfile[] All
        {
            get { return Known; }
        }

        /// <summary>The module named by board.module, or null.</summary>
        public static ModuleProfile Find(string name)
        {
            ModuleProfile[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Name == name)
                {
                    return all[i];
                }
            }

            return null;
        }

        /// <summary>Names of every known module, for "expected one of" messages.</summary>
        public static string[] Names()
        {
            ModuleProfile[] all = All;
            string[] names = new string[all.Length];
            for (int i = 0; i < all.Length; i++)
            {
                names[i] = all[i].Name;
            }

            return names;
        }

        /// <summary>True when the module's flash or PSRAM takes <paramref name="gpio"/>.</summary>
        public bool Reserves(int gpio)
        {
            for (int i = 0; i < _reserved.Length; i++)
            {
                if (_reserved[i] == gpio)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
