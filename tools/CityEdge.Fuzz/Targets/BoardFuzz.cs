using System.Collections;
using System.Globalization;
using CityEdge.Board;
using CityEdge.Config;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>Board files (hardware/boards/*.board, I:\board.board) through BoardProfile.Parse as it is now.</summary>
public static class BoardFuzz
{
    public const string Oracle = "never throws; a profile or errors, never both; errors on lines of the text; a parsed profile's pins are usable ESP32 GPIOs, each used once, and read back as written";

    private static readonly string[] Keys = ["board.name", "status_led.pin", "i2c1.sda", "i2c1.scl", "i2c1.clock_hz", "i2c2.sda", "i2c2.scl", "uart2.rx", "uart2.tx",
        "pms5003.uart", "bme280.address", "bme280.bus", "lamp.pwm.pin", "lamp.pwm_hz", "lamp.presence.pin", "bh1750.address", "sen0232.pin",
        "bay0.qmc5883l.bus", "bay1.hmc5883l.bus", "mic.data.pin", "mic.bck.pin", "mic.ws.pin", "x.tx", "Bad Key"];

    private static readonly Gen<string> Number = Gen.Frequency(
        (6, Gen.Int[-2, 41].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Int[0, 0xFFFF].Select(i => "0x" + i.ToString("X", CultureInfo.InvariantCulture))),
        (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf(Gen.Const("0xFFFFFFFFF"), Gen.Const("0x"), Gen.Const("0xG1"), Gen.Const("2147483648"), Gen.Const(""), Gen.Const("devkit"))),
        (1, Gen.String[0, 10]));

    private static readonly Gen<string> Line = Gen.Frequency(
        (10, Gen.Select(Gen.Int[0, Keys.Length - 1], Number, (k, v) => Keys[k] + " = " + v)),
        (1, Gen.String[0, 30]),
        (1, Gen.Const("# pins")),
        (1, Gen.Const("")));

    public static readonly Gen<string> Inputs = Gen.Select(Line.Array[0, 30], Gen.Bool, (lines, named) =>
        (named ? "board.name = fuzz\n" : "") + string.Join("\n", lines));

    public static void Check(string text)
    {
        var errors = new ArrayList();
        BoardProfile board = BoardProfile.Parse(text, errors);
        if ((board == null) == (errors.Count == 0))
        {
            throw new InvalidOperationException($"profile {(board == null ? "null" : "parsed")} with {errors.Count} error(s)");
        }

        int lines = text.Split('\n').Length;
        foreach (ConfigError error in errors)
        {
            if (error.Line < 0 || error.Line > lines)
            {
                throw new InvalidOperationException("error on line " + error.Line + " of " + lines);
            }
        }

        if (board == null)
        {
            return;
        }

        var used = new HashSet<int>();
        var reader = new KeyValueReader(text);
        while (reader.MoveNext())
        {
            string key = reader.Key;
            if (key != "board.name" && board.GetNumber(key, -1) != Expected(reader.Value))
            {
                throw new InvalidOperationException($"{key} = '{reader.Value}' reads back as {board.GetNumber(key, -1)}");
            }

            bool pin = key.EndsWith(".pin", StringComparison.Ordinal) || key.EndsWith(".sda", StringComparison.Ordinal) || key.EndsWith(".scl", StringComparison.Ordinal)
                || key.EndsWith(".rx", StringComparison.Ordinal) || key.EndsWith(".tx", StringComparison.Ordinal);
            if (!pin)
            {
                continue;
            }

            int gpio = board.GetNumber(key, -1);
            if (gpio < 0 || gpio > 39 || gpio == 20 || gpio == 24 || (gpio >= 28 && gpio <= 31) || !used.Add(gpio))
            {
                throw new InvalidOperationException($"{key} = GPIO {gpio} accepted");
            }
        }
    }

    /// <summary>The value as a decimal or 0x hex (up to 8 digits, two's complement) number, read independently.</summary>
    private static int Expected(string value)
    {
        if (value.Length > 2 && value.Length <= 10 && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint hex))
        {
            return unchecked((int)hex);
        }

        return int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}
