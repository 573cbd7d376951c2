namespace CityEdge.Board
{
    /// <summary>
    /// A nanoFramework firmware image (board.target, the name `nanoff --target` takes): the chip it runs
    /// on, whether it brings up Ethernet, and the pins its Ethernet driver takes from the app.
    /// <para>Names from nanoframework/nf-interpreter @ a3e8139a1ba778e33ca81b023099765eada6c456, README.md
    /// "Firmware for reference boards" (the list nanoff's README points to) and targets/ESP32/defconfig/;
    /// Ethernet pins from targets/ESP32/_Network/NF_ESP32_Ethernet.cpp (it reserves MDC 23, MDIO 18, the RMII
    /// data pins 19 TXD0, 21 TX_EN, 22 TXD1, 25 RXD0, 26 RXD1, 27 CRS_DV, the PHY reset pin and the RMII clock
    /// output) with defconfig/ESP32_OLIMEX_defconfig (PHY_RST_GPIO 12, RMII_CLK_OUT_GPIO 17) and
    /// ESP32_OLIMEX_WROVER_defconfig (12, 0). ESP32-S3: nanoff picks ESP32_S3_OCTAL by default because it
    /// "cannot detect the PSRAM type automatically" (nanoFirmwareFlasher @ baccab8d, README.md "ESP32 usage
    /// examples"), so the board file must name the image that matches its module.</para>
    /// </summary>
    public sealed class FirmwareTarget
    {
        private static readonly int[] NoPins = new int[0];
        private static readonly string[] NoRoles = new string[0];

        private static readonly int[] OlimexEthernetPins = new int[] { 12, 17, 18, 23, 19, 21, 22, 25, 26, 27 };
        private static readonly int[] OlimexWroverEthernetPins = new int[] { 12, 0, 18, 23, 19, 21, 22, 25, 26, 27 };
        private static readonly string[] EthernetRoles = new string[]
        {
            "PHY power/reset", "RMII clock output", "MDIO", "MDC", "RMII TXD0", "RMII TX_EN", "RMII TXD1", "RMII RXD0", "RMII RXD1", "RMII CRS_DV",
        };

        private static readonly FirmwareTarget[] Known = new FirmwareTarget[]
        {
            new FirmwareTarget("ESP32_REV0", ChipProfile.Esp32, ModuleProfile.NoPsram, NoPins, NoRoles),
            new FirmwareTarget("ESP32_REV3", ChipProfile.Esp32, ModuleProfile.NoPsram, NoPins, NoRoles),
            new FirmwareTarget("ESP32_PSRAM_REV0", ChipProfile.Esp32, ModuleProfile.NoPsram, NoPins, NoRoles),
            new FirmwareTarget("ESP32_PSRAM_REV3", ChipProfile.Esp32, ModuleProfile.NoPsram, NoPins, NoRoles),
            new FirmwareTarget("ESP32_BLE_REV0", ChipProfile.Esp32, ModuleProfile.NoPsram, NoPins, NoRoles),
            new FirmwareTarget("ESP32_BLE_REV3", ChipProfile.Esp32, ModuleProfile.NoPsram, NoPins, NoRoles),
            new FirmwareTarget("ESP32_OLIMEX", ChipProfile.Esp32, ModuleProfile.NoPsram, OlimexEthernetPins, EthernetRoles),
            new FirmwareTarget("ESP32_OLIMEX_WROVER", ChipProfile.Esp32, ModuleProfile.NoPsram, OlimexWroverEthernetPins, EthernetRoles),
            new FirmwareTarget("ESP32_S3_QUAD", ChipProfile.Esp32S3, ModuleProfile.QuadPsram, NoPins, NoRoles),
            new FirmwareTarget("ESP32_S3_OCTAL", ChipProfile.Esp32S3, ModuleProfile.OctalPsram, NoPins, NoRoles),
        };

        private readonly int[] _pins;
        private readonly string[] _roles;

        private FirmwareTarget(string name, ChipProfile chip, int psram, int[] pins, string[] roles)
        {
            Name = name;
            Chip = chip;
            Psram = psram;
            _pins = pins;
            _roles = roles;
        }

        /// <summary>The nanoff target name, e.g. "ESP32_REV0".</summary>
        public string Name { get; }

        public ChipProfile Chip { get; }

        /// <summary>For an ESP32-S3 image, the PSRAM kind it drives (<see cref="ModuleProfile.QuadPsram"/>
        /// covers modules without PSRAM too); <see cref="ModuleProfile.NoPsram"/> for ESP32 images, which work
        /// with or without PSRAM (nanoff README).</summary>
        public int Psram { get; }

        /// <summary>True when the image brings up its Ethernet PHY at boot: the node's link is wired.</summary>
        public bool IsEthernet
        {
            get { return _pins.Length > 0; }
        }

        public static FirmwareTarget[] All
        {
            get { return Known; }
        }

        /// <summary>The target named by board.target, or null.</summary>
        public static FirmwareTarget Find(string name)
        {
            for (int i = 0; i < Known.Length; i++)
            {
                if (Known[i].Name == name)
                {
                    return Known[i];
                }
            }

            return null;
        }

        /// <summary>Names of the targets for <paramref name="chip"/>, for messages.</summary>
        public static string NamesFor(ChipProfile chip)
        {
            string names = string.Empty;
            for (int i = 0; i < Known.Length; i++)
            {
                if (Known[i].Chip == chip)
                {
                    names = names.Length == 0 ? Known[i].Name : names + ", " + Known[i].Name;
                }
            }

            return names;
        }

        /// <summary>What the image's Ethernet driver uses <paramref name="gpio"/> for; null when it leaves it to the app.</summary>
        public string EthernetRole(int gpio)
        {
            for (int i = 0; i < _pins.Length; i++)
            {
                if (_pins[i] == gpio)
                {
                    return _roles[i];
                }
            }

            return null;
        }
    }
}
