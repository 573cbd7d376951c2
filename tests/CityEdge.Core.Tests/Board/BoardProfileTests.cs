using System.Collections;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Board;

[TestClass]
public sealed class BoardProfileTests
{
    public const string DevKitC = BoardMistakes.DevKitC;
    public const string S3DevKitC = BoardMistakes.S3DevKitC;
    public const string OlimexPoe = BoardMistakes.OlimexPoe;

    public static IEnumerable<object?[]> DevKitCMistakes => BoardMistakes.OneLineMistakes;

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
        var (text, changedLine) = BoardMistakes.Mutate(DevKitC, line, replacement);
        var errors = new ArrayList();
        var board = BoardProfile.Parse(text, errors);
        if (key == null)
        {
            // A change that is no mistake (BH1750 on bus 2 is free there) must stay accepted: the rules are not blanket refusals.
            Assert.AreEqual(0, errors.Count, string.Join("\n", errors.Cast<ConfigError>()));
            return;
        }

        Assert.IsNull(board);
        int expectedLine = BoardMistakes.ExpectedLine(text, changedLine, replacement, key, reportedAt);
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
        var (text, _) = BoardMistakes.Mutate(S3DevKitC, "board.module", "board.module = esp32-s3-wroom-1-n8");
        (text, _) = BoardMistakes.MutateText(text, "board.target", "board.target = ESP32_S3_QUAD");
        (text, _) = BoardMistakes.MutateText(text, "status_led.pin", "status_led.pin = 34");
        Assert.IsNotNull(BoardProfile.Parse(text, errors, warnings), string.Join("\n", errors.Cast<ConfigError>()));

        (text, _) = BoardMistakes.MutateText(text, "status_led.pin", "status_led.pin = 45");
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
        var (text, line) = BoardMistakes.Mutate(DevKitC, "lamp.pwm.pin", "lamp.pwm.pin = 12");
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

    private static void AssertRefused(string path, string line, string replacement, string key, string words, string? reportedAt = null)
    {
        var (text, changed) = BoardMistakes.Mutate(path, line, replacement);
        var errors = new ArrayList();
        Assert.IsNull(BoardProfile.Parse(text, errors), replacement);
        var match = errors.Cast<ConfigError>().FirstOrDefault(e => e.Key == key && e.Message.Contains(words));
        Assert.IsNotNull(match, $"{replacement}: no error for {key} containing '{words}':\n" + string.Join("\n", errors.Cast<ConfigError>()));
        Assert.AreEqual(reportedAt == null ? changed : BoardMistakes.LineOfKey(text, reportedAt), match.Line);
    }
}
