using System.Collections;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Board;

[TestClass]
public sealed class BoardProfileTests
{
    public const string DevKitC = "hardware/boards/esp32-devkitc.board";
    public const string S3DevKitC = "hardware/boards/esp32-s3-devkitc-1.board";
    public const string OlimexPoe = "hardware/boards/esp32-poe.board";

    /// <summary>
    /// One-line mistakes on the DevKitC board file: (line to change, by its "key =" start; the new line, or
    /// null to delete it; the key the refusal must name; words it must contain; the key of the line it must
    /// name when that is another line). Each came from what a technician could type, and each passed before
    /// the board schema existed (issue 14 counted 27 of them).
    /// </summary>
    public static IEnumerable<object?[]> DevKitCMistakes =>
    [
        ["lamp.pwm.pin", "lamp.pwm.pin = 6", "lamp.pwm.pin", "SPI flash pin", null],
        ["lamp.pwm.pin", "lamp.pwm.pin = 34", "lamp.pwm.pin", "input-only", null],
        ["bme280.bus", "bme280.buss = 1", "bme280.buss", "nearest known key is bme280.bus", null],
        ["sen0232.pin", "sen0232.pin = 26", "sen0232.pin", "ADC2", null],
        ["sen0232.pin", "sen0232.pin = 5", "sen0232.pin", "has no ADC", null],
        ["bay1.hmc5883l.bus", "bay1.qmc5883l.bus = 2", "bay1.qmc5883l.bus", "address 0x0D on I2C bus 2 is already taken by bay0.qmc5883l", null],
        ["bh1750.address", "bh1750.address = 0x76", "bh1750.address", "not an address this part has", null],
        ["bh1750.bus", "bh1750.bus = 2", null, null, null],
        ["status_led.pin", "status_led.pin = 21", "i2c1.sda", "GPIO 21 is already used by status_led.pin", "i2c1.sda"],
        ["i2c1.scl", "i2c1.scl = 40", "i2c1.scl", "does not exist on an esp32", null],
        ["i2c1.sda", "i2c1.sda = 36", "i2c1.sda", "input-only", null],
        ["uart2.tx", "uart2.tx = 1", "uart2.tx", "UART0 TX (COM1)", null],
        ["pms5003.uart", "pms5003.uart = 1", "pms5003.uart", "debug and deployment link", null],
        ["pms5003.uart", "pms5003.uart = 3", "pms5003.uart", "UART 3 has no pins", null],
        ["bme280.bus", "bme280.bus = 3", "bme280.bus", "I2C bus 3 does not exist", null],
        ["bme280.address", "bme280.address = 0x75", "bme280.address", "0x76 or 0x77", null],
        ["bme280.address", "bme280.address = 0x7G", "bme280.address", "not a number", null],
        ["board.chip", "board.chip = esp32s3", "board.chip", "not a known chip", null],
        ["board.target", "board.target = ESP32_S3_OCTAL", "board.target", "esp32-s3 image", null],
        ["board.target", "board.target = ESP32_REV1", "board.target", "not a known nanoFramework target", null],
        ["board.module", "board.module = esp32-wrover-e", "uart2.rx", "PSRAM", "uart2.rx"],
        ["board.module", "board.module = esp32-wroom-32d", "board.module", "nearest is esp32-wroom-32e", null],
        ["lamp.presence.pull_down", "lamp.presence.pull_down = 2", "lamp.presence.pull_down", "not 0 or 1", null],
        ["lamp.pwm_hz", "lamp.pwm_hz = 50", "lamp.pwm_hz", "outside 100..40000", null],
        ["i2c2.clock_hz", "i2c2.clock_hz = 5000000", "i2c2.clock_hz", "outside 10000..1000000", null],
        ["setup_button.pin", "setup_button.pin = 35", "setup_button.pin", "no internal pull resistor", null],
        ["lamp.presence.pin", "lamp.presence.pin = 39", "lamp.presence.pull_down", "no internal pull resistor", "lamp.presence.pull_down"],
        ["bay1.hmc5883l.bus", "bay1.hmc5883l.bus = 3", "bay1.hmc5883l.bus", "I2C bus 3 does not exist", null],
        ["bay1.hmc5883l.bus", "bay16.hmc5883l.bus = 2", "bay16.hmc5883l.bus", "beyond the 16 bays", null],
        ["bay1.hmc5883l.bus", "bay0.hmc5883l.bus = 2", "bay0.hmc5883l.bus", "bay0 already has a sensor", null],
        ["bay1.hmc5883l.bus", "bay1.qmc5883.bus = 2", "bay1.qmc5883.bus", "nearest known key is bay1.qmc5883l.bus", null],
        ["i2c1.sda", "i2c1.sda = 6", "i2c1.sda", "SPI flash pin", null],
        ["uart2.rx", "uart2.rx = 11", "uart2.rx", "SPI flash pin", null],
        ["status_led.pin", "status_led.pin = 20", "status_led.pin", "GPIO 20 does not exist", null],
        ["lamp.pwm.pin", "lamp.pwm.pin = 3", "lamp.pwm.pin", "UART0 RX (COM1)", null],
        ["lamp.pwm.pin", "lamp.pwm.pin = 17", "lamp.pwm.pin", "already used by uart2.tx", null],
        ["uart2.tx", "uart2.tx = 16", "uart2.tx", "already used by uart2.rx", null],
        ["sen0232.full_scale_mv", "sen0232.full_scale_mv = 5000", "sen0232.full_scale_mv", "outside 1000..3300", null],
        ["lamp.pwm.pin", "lamp.pwm.pin 25", "lamp.pwm.pin 25", "expected 'key = value'", null],
        ["lamp.pwm.pin", "Lamp.pwm.pin = 25", "Lamp.pwm.pin", "lower-case", null],
        ["i2c1.scl", "i2c1.sclk = 22", "i2c1.sclk", "nearest known key is i2c1.scl", null],
        ["i2c2.scl", null, "i2c2.sda", "needs i2c2.scl", null],
        ["uart2.tx", null, "uart2.rx", "needs uart2.tx", null],
        ["sen0232.pin", "mic.data.pin = 26", "mic.data.pin", "needs mic.bck.pin", null],
        ["lamp.pwm.pin", "lamp.pwm.pin = 26\nmic.data.pin = 32", "mic.data.pin", "one noise front end", "mic.data.pin"],
        ["board.name", "board.name = ESP32 DevKit", "board.name", "not one of a-z", null],
        ["board.name", null, "board.name", "required key is missing", null],
        ["pin_label.23", "pin_label.24 = J3", "pin_label.24", "GPIO 24 does not exist", null],
        ["i2c1.clock_hz", "i2c3.clock_hz = 100000", "i2c3.clock_hz", "I2C bus 3 does not exist", null],
        ["uart2.rx", "uart4.rx = 16", "uart4.rx", "UART 4 does not exist", null],
    ];

    [TestMethod]
    public void EveryRepositoryBoardParsesAndOnlyTheBootButtonsAreWarned()
    {
        foreach (var (path, expectedWarnings) in new[] { (DevKitC, 1), (S3DevKitC, 1), (OlimexPoe, 0) })
        {
            var errors = new ArrayList();
            var warnings = new ArrayList();
            var board = BoardProfile.Parse(RepoFiles.Read(path), errors, warnings);

            Assert.AreEqual(0, errors.Count, path + ": " + string.Join("\n", errors.Cast<ConfigError>()));
            Assert.AreEqual(expectedWarnings, warnings.Count, path + ": " + string.Join("\n", warnings.Cast<ConfigError>()));
            if (expectedWarnings > 0)
            {
                StringAssert.Contains(warnings[0]!.ToString(), "setup_button.pin: GPIO 0 is a strapping pin: held low at reset it starts the serial bootloader");
            }

            Assert.IsNotNull(board!.Target, path);
        }
    }

    [TestMethod]
    [DynamicData(nameof(DevKitCMistakes))]
    public void EachOneLineMistakeOnTheDevKitCIsRefusedWithItsLineAndKey(string line, string? replacement, string? key, string? words, string? reportedAt)
    {
        var (text, changedLine) = Mutate(DevKitC, line, replacement);
        var errors = new ArrayList();
        var board = BoardProfile.Parse(text, errors);
        if (key == null)
        {
            // A change that is no mistake (BH1750 on bus 2 is free there) must stay accepted: the rules are not blanket refusals.
            Assert.AreEqual(0, errors.Count, string.Join("\n", errors.Cast<ConfigError>()));
            return;
        }

        Assert.IsNull(board);
        int expectedLine = reportedAt == null ? (replacement == null ? LineOfKey(text, key) : changedLine) : LineOfKey(text, reportedAt);
        var match = errors.Cast<ConfigError>().FirstOrDefault(e => e.Key == key && e.Message.Contains(words!));
        Assert.IsNotNull(match, $"no error for {key} containing '{words}':\n" + string.Join("\n", errors.Cast<ConfigError>()));
        Assert.AreEqual(expectedLine, match.Line, match.ToString());
        Assert.AreEqual(BoardProfile.FileName, match.Source);
    }

    [TestMethod]
    public void TheTableHoldsMoreThanTheIssuesTwentySevenMistakes()
    {
        Assert.IsTrue(DevKitCMistakes.Count(m => m[2] != null) >= 27);
    }

    [TestMethod]
    public void S3PinsFollowTheS3NotTheEsp32()
    {
        AssertRefused(S3DevKitC, "lamp.pwm.pin", "lamp.pwm.pin = 35", "lamp.pwm.pin", "octal PSRAM");
        AssertRefused(S3DevKitC, "lamp.pwm.pin", "lamp.pwm.pin = 28", "lamp.pwm.pin", "SPI flash/PSRAM pin");
        AssertRefused(S3DevKitC, "lamp.pwm.pin", "lamp.pwm.pin = 19", "lamp.pwm.pin", "USB D-");
        AssertRefused(S3DevKitC, "uart2.tx", "uart2.tx = 43", "uart2.tx", "UART0 TX");
        AssertRefused(S3DevKitC, "sen0232.pin", "sen0232.pin = 12", "sen0232.pin", "ADC2");
        AssertRefused(S3DevKitC, "board.target", "board.target = ESP32_S3_QUAD", "board.target", "needs ESP32_S3_OCTAL");
        AssertRefused(S3DevKitC, "board.target", "board.target = ESP32_REV0", "board.target", "esp32 image");
        AssertRefused(S3DevKitC, "lamp.pwm.pin", "lamp.pwm.pin = 22", "lamp.pwm.pin", "GPIO 22 does not exist on an esp32-s3");

        // What is an input-only pin on an ESP32 drives an LED on an S3, and GPIO 34 is free on a module without octal PSRAM.
        var errors = new ArrayList();
        var warnings = new ArrayList();
        var (text, _) = Mutate(S3DevKitC, "board.module", "board.module = esp32-s3-wroom-1-n8");
        (text, _) = MutateText(text, "board.target", "board.target = ESP32_S3_QUAD");
        (text, _) = MutateText(text, "status_led.pin", "status_led.pin = 34");
        Assert.IsNotNull(BoardProfile.Parse(text, errors, warnings), string.Join("\n", errors.Cast<ConfigError>()));

        (text, _) = MutateText(text, "status_led.pin", "status_led.pin = 45");
        errors.Clear();
        warnings.Clear();
        Assert.IsNotNull(BoardProfile.Parse(text, errors, warnings));
        StringAssert.Contains(string.Join("\n", warnings.Cast<ConfigError>()), "status_led.pin: GPIO 45 is a strapping pin: sets the flash/PSRAM supply");
    }

    [TestMethod]
    public void TheWiredBoardKeepsItsEthernetPinsFromTheApp()
    {
        AssertRefused(OlimexPoe, "lamp.pwm.pin", "lamp.pwm.pin = 21", "lamp.pwm.pin", "Ethernet RMII TX_EN of the ESP32_OLIMEX firmware");
        AssertRefused(OlimexPoe, "lamp.pwm.pin", "lamp.pwm.pin = 17", "lamp.pwm.pin", "Ethernet RMII clock output");
        AssertRefused(OlimexPoe, "lamp.pwm.pin", "lamp.pwm.pin = 12", "lamp.pwm.pin", "Ethernet PHY power/reset");
        AssertRefused(OlimexPoe, "board.module", "board.module = esp32-wrover-e", "board.target", "use ESP32_OLIMEX_WROVER", "board.target");
        AssertRefused(OlimexPoe, "setup_button.pull_up", "setup_button.pull_up = 1", "setup_button.pull_up", "no internal pull resistor");
    }

    [TestMethod]
    public void StrappingPinsAreWarnedWithWhatTheyBreak()
    {
        var (text, line) = Mutate(DevKitC, "lamp.pwm.pin", "lamp.pwm.pin = 12");
        var errors = new ArrayList();
        var warnings = new ArrayList();

        Assert.IsNotNull(BoardProfile.Parse(text, errors, warnings));
        var warning = warnings.Cast<ConfigError>().Single(w => w.Key == "lamp.pwm.pin");
        Assert.AreEqual(line, warning.Line);
        Assert.AreEqual("GPIO 12 is a strapping pin: sets the flash supply at power-up (MTDI): pulled high, a 3.3 V flash gets 1.8 V and the chip does not boot", warning.Message);
    }

    [TestMethod]
    public void ErrorsComeInLineOrderWithMissingKeysLast()
    {
        var errors = new ArrayList();
        BoardProfile.Parse("board.chip = esp32\nlamp.pwm.pin = 6\nboard.module = esp32-wroom-32e\nstatus_led.pin = 40\nfoo = 1\n", errors);

        CollectionAssert.AreEqual(
            new[] { 2, 4, 5, 0, 0 },
            errors.Cast<ConfigError>().Select(e => e.Line).ToArray(),
            string.Join("\n", errors.Cast<ConfigError>()));
    }

    [TestMethod]
    public void TheChipTablesMatchEspressifsPinLists()
    {
        // ESP-IDF docs/en/api-reference/peripherals/gpio/esp32.inc and esp32s3.inc, typed in here from the tables.
        int[] esp32Adc1 = [36, 37, 38, 39, 32, 33, 34, 35];
        int[] esp32Adc2 = [4, 0, 2, 15, 13, 12, 14, 27, 25, 26];
        for (int channel = 0; channel < esp32Adc1.Length; channel++)
        {
            Assert.AreEqual(1, ChipProfile.Esp32.AdcUnit(esp32Adc1[channel]));
            Assert.AreEqual(channel, ChipProfile.Esp32.AdcChannel(esp32Adc1[channel]));
        }

        for (int channel = 0; channel < esp32Adc2.Length; channel++)
        {
            Assert.AreEqual(2, ChipProfile.Esp32.AdcUnit(esp32Adc2[channel]));
            Assert.AreEqual(channel, ChipProfile.Esp32.AdcChannel(esp32Adc2[channel]));
        }

        Assert.AreEqual(34, Enumerable.Range(0, 49).Count(ChipProfile.Esp32.Exists));
        Assert.AreEqual(45, Enumerable.Range(0, 49).Count(ChipProfile.Esp32S3.Exists));
        CollectionAssert.AreEqual(new[] { 34, 35, 36, 37, 38, 39 }, Enumerable.Range(0, 49).Where(ChipProfile.Esp32.IsInputOnly).ToArray());
        Assert.AreEqual(0, Enumerable.Range(0, 49).Count(ChipProfile.Esp32S3.IsInputOnly));
        CollectionAssert.AreEqual(new[] { 0, 2, 5, 12, 15 }, Enumerable.Range(0, 49).Where(g => ChipProfile.Esp32.StrappingNote(g) != null).ToArray());
        CollectionAssert.AreEqual(new[] { 0, 3, 45, 46 }, Enumerable.Range(0, 49).Where(g => ChipProfile.Esp32S3.StrappingNote(g) != null).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, 10).ToArray(), Enumerable.Range(0, 49).Where(g => ChipProfile.Esp32S3.AdcUnit(g) == 1).ToArray());
        Assert.AreEqual((3, 2, 16, 2), (ChipProfile.Esp32.UartCount, ChipProfile.Esp32.I2cCount, ChipProfile.Esp32.LedcChannelCount, ChipProfile.Esp32.I2sCount));
        Assert.AreEqual((3, 2, 8, 2), (ChipProfile.Esp32S3.UartCount, ChipProfile.Esp32S3.I2cCount, ChipProfile.Esp32S3.LedcChannelCount, ChipProfile.Esp32S3.I2sCount));
    }

    [TestMethod]
    public void TheNearestKeyIsNamedForATypo()
    {
        Assert.AreEqual("bme280.bus", BoardKey.Nearest("bme280.buss"));
        Assert.AreEqual("lamp.pwm.pin", BoardKey.Nearest("lamp.pwm_pin"));
        Assert.AreEqual("bay3.hmc5883l.bus", BoardKey.Nearest("bay3.hmc5883.bus"));
        Assert.AreEqual("i2c2.clock_hz", BoardKey.Nearest("i2c2.clock"));
    }

    /// <summary>The board file with the line starting "<paramref name="key"/> =" replaced (or deleted); the changed line's number.</summary>
    public static (string Text, int Line) Mutate(string path, string key, string? replacement) => MutateText(RepoFiles.Read(path), key, replacement);

    public static (string Text, int Line) MutateText(string text, string key, string? replacement)
    {
        var lines = text.Split('\n').ToList();
        int index = lines.FindIndex(l => l.StartsWith(key + " =", StringComparison.Ordinal));
        Assert.IsTrue(index >= 0, "no line for " + key);
        if (replacement == null)
        {
            lines.RemoveAt(index);
        }
        else
        {
            lines[index] = replacement;
        }

        return (string.Join('\n', lines), index + 1);
    }

    public static int LineOfKey(string text, string key)
    {
        var lines = text.Split('\n');
        int index = Array.FindIndex(lines, l => l.StartsWith(key + " =", StringComparison.Ordinal) || l == key);
        return index + 1;
    }

    private static void AssertRefused(string path, string line, string replacement, string key, string words, string? reportedAt = null)
    {
        var (text, changed) = Mutate(path, line, replacement);
        var errors = new ArrayList();
        Assert.IsNull(BoardProfile.Parse(text, errors), replacement);
        var match = errors.Cast<ConfigError>().FirstOrDefault(e => e.Key == key && e.Message.Contains(words));
        Assert.IsNotNull(match, $"{replacement}: no error for {key} containing '{words}':\n" + string.Join("\n", errors.Cast<ConfigError>()));
        Assert.AreEqual(reportedAt == null ? changed : LineOfKey(text, reportedAt), match.Line);
    }
}
