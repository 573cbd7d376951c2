namespace CityEdge.Board
{
    /// <summary>
    /// What one chip's pins can do, as data: which GPIOs exist, which belong to the chip's own flash or
    /// debug port, which are input-only or lack pull resistors, which ADC unit and channel a pin is, what a
    /// strapping pin breaks at boot, and how many of each peripheral the chip has. Board files name the
    /// chip (board.chip); <see cref="BoardProfile"/> checks every pin against this table, on the host
    /// (`cityedge config check`) and at boot alike.
    /// <para>Sources (one per fact, cited again where a table is filled):</para>
    /// <list type="bullet">
    /// <item>[IDF-GPIO-ESP32] ESP-IDF docs/en/api-reference/peripherals/gpio/esp32.inc (espressif/esp-idf @
    /// 102122904ade11fd1ae373848f34ffd7dfb18aeb), the GPIO table and its notes, which summarise the ESP32
    /// Series Datasheet v4.x, section 2.2 "Pin Description" and section 2.4 "Strapping Pins".</item>
    /// <item>[IDF-GPIO-S3] the same for the ESP32-S3: docs/en/api-reference/peripherals/gpio/esp32s3.inc
    /// (ESP32-S3 Series Datasheet v1.x, section 2 "Pins", "Strapping Pins").</item>
    /// <item>[IDF-CAPS] components/soc/{esp32,esp32s3}/include/soc/soc_caps.h: SOC_UART_NUM 3, SOC_I2C_NUM 2,
    /// SOC_LEDC_CHANNEL_NUM 8 (ESP32 also SOC_LEDC_SUPPORT_HS_MODE: 8 high-speed + 8 low-speed), "ESP32 has 2
    /// I2S"; components/soc/{chip}/include/soc/uart_pins.h: UART0 on GPIO1/3 (ESP32), 43/44 (ESP32-S3).</item>
    /// <item>[IDF-ADC] docs/en/api-reference/peripherals/adc/adc_oneshot.rst, "Hardware Limitations": "ADC2 is
    /// also used by Wi-Fi" (esp32, esp32s2, esp32s3); nanoFramework's own ADC driver (nf-interpreter @
    /// a3e8139a, targets/ESP32/_nanoCLR/System.Device.Adc/...AdcController.cpp): "ADC2 cannot be used if Wifi
    /// started"; logical channel n of System.Device.Adc is ADC1 channel n.</item>
    /// <item>[IDF-MTDI] docs/en/api-guides/jtag-debugging/tips-and-quirks.rst: MTDI (GPIO12) high at power-up
    /// sets the flash supply to 1.8 V. [IDF-EXTRAM] docs/en/api-guides/external-ram.rst: GPIO45 high at boot
    /// selects a 1.8 V VDD_SPI on the ESP32-S3.</item>
    /// </list>
    /// </summary>
    public sealed class ChipProfile
    {
        private const int ExistsFlag = 1;
        private const int InputOnlyFlag = 2;
        private const int NoPullsFlag = 4;

        /// <summary>The ESP32 (ESP32-D0WD and its modules, e.g. ESP32-WROOM-32E, ESP32-WROVER-E).</summary>
        public static readonly ChipProfile Esp32 = CreateEsp32();

        /// <summary>The ESP32-S3 (ESP32-S3-WROOM-1 and -1U modules).</summary>
        public static readonly ChipProfile Esp32S3 = CreateEsp32S3();

        private static readonly ChipProfile[] Known = new ChipProfile[] { Esp32, Esp32S3 };

        private readonly int[] _flags;
        private readonly int[] _adcUnit;
        private readonly int[] _adcChannel;
        private readonly string[] _reserved;
        private readonly string[] _strapping;

        private ChipProfile(string name, int gpioCount)
        {
            Name = name;
            _flags = new int[gpioCount];
            _adcUnit = new int[gpioCount];
            _adcChannel = new int[gpioCount];
            _reserved = new string[gpioCount];
            _strapping = new string[gpioCount];
        }

        /// <summary>The value of board.chip: "esp32" or "esp32-s3".</summary>
        public string Name { get; }

        /// <summary>UART controllers; UART0 is nanoFramework's debug and deployment link (COM1), so the app
        /// may use COM2 .. COM{UartCount}.</summary>
        public int UartCount { get; private set; }

        /// <summary>I2C controllers: nanoFramework buses 1 .. I2cCount.</summary>
        public int I2cCount { get; private set; }

        /// <summary>LEDC (PWM) channels.</summary>
        public int LedcChannelCount { get; private set; }

        /// <summary>I2S controllers: nanoFramework I2S ports 1 .. I2sCount.</summary>
        public int I2sCount { get; private set; }

        /// <summary>Known chips, for messages and look-ups.</summary>
        public static ChipProfile[] All
        {
            get { return Known; }
        }

        /// <summary>The chip named by board.chip, or null.</summary>
        public static ChipProfile Find(string name)
        {
            ChipProfile[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Name == name)
                {
                    return all[i];
                }
            }

            return null;
        }

        public bool Exists(int gpio)
        {
            return gpio >= 0 && gpio < _flags.Length && (_flags[gpio] & ExistsFlag) != 0;
        }

        /// <summary>True for pins that can only be inputs (no output driver).</summary>
        public bool IsInputOnly(int gpio)
        {
            return Exists(gpio) && (_flags[gpio] & InputOnlyFlag) != 0;
        }

        /// <summary>True when the pin has internal pull-up/pull-down resistors.</summary>
        public bool HasPulls(int gpio)
        {
            return Exists(gpio) && (_flags[gpio] & NoPullsFlag) == 0;
        }

        /// <summary>Why the chip itself (whatever the module) keeps this pin from the app; null when free.</summary>
        public string ReservedReason(int gpio)
        {
            return Exists(gpio) ? _reserved[gpio] : null;
        }

        /// <summary>What a level forced on this strapping pin at reset breaks; null for other pins.</summary>
        public string StrappingNote(int gpio)
        {
            return Exists(gpio) ? _strapping[gpio] : null;
        }

        /// <summary>1 or 2 for an ADC input, 0 for a pin with no ADC.</summary>
        public int AdcUnit(int gpio)
        {
            return Exists(gpio) ? _adcUnit[gpio] : 0;
        }

        /// <summary>The channel within <see cref="AdcUnit"/>; for ADC1 also System.Device.Adc's logical channel.</summary>
        public int AdcChannel(int gpio)
        {
            return Exists(gpio) && _adcUnit[gpio] != 0 ? _adcChannel[gpio] : -1;
        }

        /// <summary>"GPIO 32-39" style list of the ADC1 inputs, for messages.</summary>
        public string Adc1Pins()
        {
            string list = string.Empty;
            for (int gpio = 0; gpio < _flags.Length; gpio++)
            {
                if (AdcUnit(gpio) == 1)
                {
                    list = list.Length == 0 ? gpio.ToString() : list + ", " + gpio;
                }
            }

            return list;
        }

        private static ChipProfile CreateEsp32()
        {
            // [IDF-GPIO-ESP32]: "34 physical GPIO pins (GPIO0 ~ GPIO19, GPIO21 ~ GPIO23, GPIO25 ~ GPIO27, and
            // GPIO32 ~ GPIO39)".
            ChipProfile chip = new ChipProfile("esp32", 40);
            chip.MarkExisting(0, 19);
            chip.MarkExisting(21, 23);
            chip.MarkExisting(25, 27);
            chip.MarkExisting(32, 39);

            // [IDF-GPIO-ESP32] note "GPI: GPIO34-39 can only be set as input mode and do not have
            // software-enabled pullup or pulldown functions".
            for (int gpio = 34; gpio <= 39; gpio++)
            {
                chip._flags[gpio] |= InputOnlyFlag | NoPullsFlag;
            }

            // [IDF-GPIO-ESP32] note "SPI0/1: GPIO6-11 ... are usually connected to the SPI flash ... integrated
            // on the module": the chip executes from that flash, so driving these pins crashes it.
            for (int gpio = 6; gpio <= 11; gpio++)
            {
                chip._reserved[gpio] = "is an SPI flash pin (SPI0/1, GPIO 6-11): the chip runs from that flash and crashes when the pin is used";
            }

            // [IDF-CAPS] uart_pins.h U0TXD 1, U0RXD 3; nanoFramework's COM1 (debug, deployment, nanoff).
            chip._reserved[1] = "is UART0 TX (COM1), nanoFramework's debug and deployment link (nanoff, Visual Studio)";
            chip._reserved[3] = "is UART0 RX (COM1), nanoFramework's debug and deployment link (nanoff, Visual Studio)";

            // ESP32 Series Datasheet section 2.4 "Strapping Pins" (GPIO0, GPIO2, GPIO5, MTDI = GPIO12, MTDO =
            // GPIO15; [IDF-GPIO-ESP32] note), with [IDF-MTDI] for GPIO12.
            chip._strapping[0] = "held low at reset it starts the serial bootloader instead of the app (the BOOT button)";
            chip._strapping[2] = "must be low or floating at reset for the serial bootloader: pulled high, nanoff cannot flash the board";
            chip._strapping[5] = "sets the SDIO slave timing at reset (with GPIO15); keep it at its default (high) while the chip resets";
            chip._strapping[12] = "sets the flash supply at power-up (MTDI): pulled high, a 3.3 V flash gets 1.8 V and the chip does not boot";
            chip._strapping[15] = "held low at reset it silences the boot log on UART0 (MTDO) and changes the SDIO timing";

            // [IDF-GPIO-ESP32] "Analog Function" column; ADC1 channel n = System.Device.Adc logical channel n.
            chip.SetAdc(36, 1, 0);
            chip.SetAdc(37, 1, 1);
            chip.SetAdc(38, 1, 2);
            chip.SetAdc(39, 1, 3);
            chip.SetAdc(32, 1, 4);
            chip.SetAdc(33, 1, 5);
            chip.SetAdc(34, 1, 6);
            chip.SetAdc(35, 1, 7);
            chip.SetAdc(4, 2, 0);
            chip.SetAdc(0, 2, 1);
            chip.SetAdc(2, 2, 2);
            chip.SetAdc(15, 2, 3);
            chip.SetAdc(13, 2, 4);
            chip.SetAdc(12, 2, 5);
            chip.SetAdc(14, 2, 6);
            chip.SetAdc(27, 2, 7);
            chip.SetAdc(25, 2, 8);
            chip.SetAdc(26, 2, 9);

            // [IDF-CAPS]: SOC_UART_NUM 3, SOC_I2C_NUM 2, SOC_LEDC_CHANNEL_NUM 8 per speed mode with
            // SOC_LEDC_SUPPORT_HS_MODE (16 in all), "ESP32 has 2 I2S".
            chip.UartCount = 3;
            chip.I2cCount = 2;
            chip.LedcChannelCount = 16;
            chip.I2sCount = 2;
            return chip;
        }

        private static ChipProfile CreateEsp32S3()
        {
            // [IDF-GPIO-S3]: "45 physical GPIO pins (GPIO0 ~ GPIO21 and GPIO26 ~ GPIO48)"; all bidirectional
            // with pulls (no input-only pins on the S3).
            ChipProfile chip = new ChipProfile("esp32-s3", 49);
            chip.MarkExisting(0, 21);
            chip.MarkExisting(26, 48);

            // [IDF-GPIO-S3] note "SPI0/1: GPIO26 ~ GPIO32 are usually used for SPI flash and PSRAM". Octal
            // modules also take GPIO33-37 (ModuleProfile).
            for (int gpio = 26; gpio <= 32; gpio++)
            {
                chip._reserved[gpio] = "is an SPI flash/PSRAM pin (SPI0/1, GPIO 26-32): the chip runs from that flash and crashes when the pin is used";
            }

            // [IDF-GPIO-S3] note "USB-JTAG: GPIO19 and GPIO20 are used by USB-JTAG by default. If they are
            // reconfigured to operate as normal GPIOs, USB-JTAG functionality will be disabled."
            chip._reserved[19] = "is USB D- (USB-Serial-JTAG): the DevKitC-1's USB port and nanoFramework's USB debug link stop working";
            chip._reserved[20] = "is USB D+ (USB-Serial-JTAG): the DevKitC-1's USB port and nanoFramework's USB debug link stop working";

            // [IDF-CAPS] uart_pins.h U0TXD 43, U0RXD 44.
            chip._reserved[43] = "is UART0 TX (COM1), nanoFramework's debug and deployment link (nanoff, Visual Studio)";
            chip._reserved[44] = "is UART0 RX (COM1), nanoFramework's debug and deployment link (nanoff, Visual Studio)";

            // ESP32-S3 Series Datasheet "Strapping Pins" (GPIO0, GPIO3, GPIO45, GPIO46; [IDF-GPIO-S3] note),
            // with [IDF-EXTRAM] for GPIO45.
            chip._strapping[0] = "held low at reset it starts the serial bootloader instead of the app (the BOOT button)";
            chip._strapping[3] = "selects the JTAG source at reset (when the eFuses allow it); keep it floating while the chip resets";
            chip._strapping[45] = "sets the flash/PSRAM supply at reset: pulled high, a 3.3 V flash gets 1.8 V and the chip does not boot";
            chip._strapping[46] = "must be low at reset for the serial bootloader and sets the boot log; keep it floating or low while the chip resets";

            // [IDF-GPIO-S3] "Analog Function": ADC1_CH0..9 on GPIO1..10, ADC2_CH0..9 on GPIO11..20.
            for (int channel = 0; channel < 10; channel++)
            {
                chip.SetAdc(1 + channel, 1, channel);
                chip.SetAdc(11 + channel, 2, channel);
            }

            // [IDF-CAPS]: SOC_UART_NUM 3, SOC_I2C_NUM 2, SOC_LEDC_CHANNEL_NUM 8 (no high-speed mode); two I2S
            // controllers (ESP32-S3 Technical Reference Manual, chapter "I2S Controller": I2S0 and I2S1).
            chip.UartCount = 3;
            chip.I2cCount = 2;
            chip.LedcChannelCount = 8;
            chip.I2sCount = 2;
            return chip;
        }

        private void MarkExisting(int first, int last)
        {
            for (int gpio = first; gpio <= last; gpio++)
            {
                _flags[gpio] |= ExistsFlag;
            }
        }

        private void SetAdc(int gpio, int unit, int channel)
        {
            _adcUnit[gpio] = unit;
            _adcChannel[gpio] = channel;
        }
    }
}
