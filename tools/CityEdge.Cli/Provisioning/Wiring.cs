using System.Globalization;
using CityEdge.Board;

namespace CityEdge.Cli.Provisioning;

/// <summary>One wire as a technician connects it: from the part's pin to the board's pin (its GPIO).</summary>
internal sealed record WiringRow(string Part, string PartPin, string BoardPin, int Gpio, string Bus, string Address);

/// <summary>
/// The wiring of a planned node, part by part, with the pin names printed on each module (datasheets and
/// the breakouts' silkscreen: drivers/*/README.md, hardware/wiring.md) and the board's header labels
/// (pin_label.N in the board file).
/// </summary>
internal static class Wiring
{
    public static List<WiringRow> Rows(HardwarePlan plan)
    {
        var rows = new List<WiringRow>();
        BoardProfile board = plan.Board;
        if (plan.Bme280 != null)
        {
            I2c(rows, board, "BME280", plan.Bme280, "VIN", "3V3");
            rows.Add(new WiringRow("BME280", "SDO", plan.Bme280.Address == 0x76 ? "GND" : "3V3", -1, string.Empty, Hex(plan.Bme280.Address)));
        }

        if (plan.Bh1750 != null)
        {
            I2c(rows, board, "BH1750", plan.Bh1750, "VCC", "3V3");
            rows.Add(new WiringRow("BH1750", "ADDR", plan.Bh1750.Address == 0x23 ? "GND" : "3V3", -1, string.Empty, Hex(plan.Bh1750.Address)));
        }

        if (plan.Pms5003 != null)
        {
            string com = "COM" + plan.Pms5003.Number.ToString(CultureInfo.InvariantCulture);
            rows.Add(new WiringRow("PMS5003", "1 VCC", "5V", -1, string.Empty, string.Empty));
            rows.Add(new WiringRow("PMS5003", "2 GND", "GND", -1, string.Empty, string.Empty));
            rows.Add(Pin(board, "PMS5003", "4 RX", plan.Pms5003.TxGpio, com + " TX"));
            rows.Add(Pin(board, "PMS5003", "5 TX", plan.Pms5003.RxGpio, com + " RX"));
        }

        if (plan.Sen0232Gpio >= 0)
        {
            rows.Add(new WiringRow("SEN0232", "VCC (red)", "3V3", -1, string.Empty, string.Empty));
            rows.Add(new WiringRow("SEN0232", "GND (black)", "GND", -1, string.Empty, string.Empty));
            rows.Add(Pin(board, "SEN0232", "A (blue)", plan.Sen0232Gpio, "ADC1 channel " + plan.Sen0232AdcChannel.ToString(CultureInfo.InvariantCulture)));
        }

        if (plan.MicDataGpio >= 0)
        {
            rows.Add(Pin(board, "I2S microphone", "SCK", plan.MicBckGpio, "I2S"));
            rows.Add(Pin(board, "I2S microphone", "WS", plan.MicWsGpio, "I2S"));
            rows.Add(Pin(board, "I2S microphone", "SD", plan.MicDataGpio, "I2S"));
        }

        if (plan.LampPwmGpio >= 0)
        {
            rows.Add(Pin(board, "Lamp dimming stage", "input (1 kohm to base/gate)", plan.LampPwmGpio, "PWM " + plan.LampPwmHz.ToString(CultureInfo.InvariantCulture) + " Hz"));
        }

        if (plan.PresenceGpio >= 0)
        {
            rows.Add(new WiringRow("PIR / radar", "VCC", "5V", -1, string.Empty, string.Empty));
            rows.Add(Pin(board, "PIR / radar", "OUT", plan.PresenceGpio, plan.PresencePullDown ? "input, pull-down" : "input"));
        }

        foreach (PlannedBay bay in plan.Bays)
        {
            I2c(rows, board, "Bay " + bay.Bay.ToString(CultureInfo.InvariantCulture) + " " + (bay.IsQmc5883l ? "QMC5883L" : "HMC5883L"), bay.Device, "VCC", "3V3");
        }

        if (plan.StatusLedGpio >= 0)
        {
            rows.Add(Pin(board, "Status LED", "anode (330 ohm)", plan.StatusLedGpio, "output"));
        }

        if (plan.SetupButtonGpio >= 0)
        {
            rows.Add(Pin(board, "Setup button", "to GND", plan.SetupButtonGpio, plan.SetupButtonPullUp ? "input, pull-up" : "input, board pull-up"));
        }

        return rows;
    }

    private static void I2c(List<WiringRow> rows, BoardProfile board, string part, PlannedI2cDevice device, string supplyPin, string supply)
    {
        string bus = "I2C" + device.Bus.ToString(CultureInfo.InvariantCulture);
        rows.Add(new WiringRow(part, supplyPin, supply, -1, string.Empty, string.Empty));
        rows.Add(new WiringRow(part, "GND", "GND", -1, string.Empty, string.Empty));
        rows.Add(Pin(board, part, "SDA", device.SdaGpio, bus, Hex(device.Address)));
        rows.Add(Pin(board, part, "SCL", device.SclGpio, bus, Hex(device.Address)));
    }

    private static WiringRow Pin(BoardProfile board, string part, string partPin, int gpio, string bus, string address = "") =>
        new(part, partPin, board.LabelOf(gpio) ?? "GPIO" + gpio.ToString(CultureInfo.InvariantCulture), gpio, bus, address);

    private static string Hex(int address) => "0x" + address.ToString("X2", CultureInfo.InvariantCulture);
}
