#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Tests;

/// <summary>The repository's board files and one-line mistakes on them, shared by the core's tests (the
/// parser refuses them), the CLI's (config check exits 2 naming line and key) and the boot path's.</summary>
internal static class BoardMistakes
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
    public static IEnumerable<object?[]> OneLineMistakes =>
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
        ["lamp.pwm_hz", "lamp.pwm_hz = 50", "lamp.pwm_hz", "outside 1250..40000", null],
        ["lamp.pwm_hz", "lamp.pwm_hz = 1000", "lamp.pwm_hz", "outside 1250..40000", null],
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
        // A line that does not parse is named by its line only, never quoted (issue 17: it may hold a secret).
        ["lamp.pwm.pin", "lamp.pwm.pin 25", "", "not a 'key = value' line", null],
        ["lamp.pwm.pin", "Lamp.pwm.pin = 25", "", "must be lower-case", null],
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


    /// <summary>The line a mistake's refusal must name: the changed line, or the line of <paramref name="reportedAt"/>
    /// when it is another, or of <paramref name="key"/> when the mistake deleted a line (0: a missing key).</summary>
    public static int ExpectedLine(string text, int changedLine, string? replacement, string key, string? reportedAt) =>
        reportedAt != null ? LineOfKey(text, reportedAt) : replacement == null ? LineOfKey(text, key) : changedLine;
}
