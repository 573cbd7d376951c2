using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Cli.Provisioning;
using CityEdge.Config;
using Spectre.Console;
using CityEdge.Host;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge config show CONF --board B`: the node as a technician wires it (part pin → board pin → GPIO,
/// bus, address) and the settings that differ from the defaults (passwords shown only as set).
/// </summary>
internal static class ConfigShowCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.InputFileArgument("config", "The node config (cityedge.conf).");
        var board = ConfigCheckCommand.BoardOption("The board: a .board file or a board name (" + string.Join(", ", BoardCatalog.Names) + ").");
        board.Required = true;
        var files = ConfigCheckCommand.FilesOption();
        var format = CommonOptions.Format();
        var command = new Command("show", "Show a node's wiring (part pin, board pin, GPIO, bus, address) and its settings that differ from the defaults.")
        {
            config, board, files, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(config)!.FullName, parse.GetValue(board)!, parse.GetValue(files)?.FullName,
            parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, string configPath, string board, string? filesFolder, bool json)
    {
        NodeCheck check = NodeCheck.Run(configPath, board, filesFolder);
        if (check.ErrorCount > 0 || check.Plan == null)
        {
            ConfigCheckCommand.Print(console, check);
            return ExitCodes.InvalidInput;
        }

        var rows = Wiring.Rows(check.Plan);
        var settings = ChangedSettings(check.ConfigText);
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["kind"] = "config_show",
                ["board"] = check.Plan.Board.Name,
                ["target"] = check.Plan.Board.Target.Name,
                ["network"] = check.Plan.IsEthernet ? "ethernet" : "wifi",
                ["wiring"] = rows.Select(r => new Dictionary<string, object?>
                {
                    ["part"] = r.Part,
                    ["part_pin"] = r.PartPin,
                    ["board_pin"] = r.BoardPin,
                    ["gpio"] = r.Gpio >= 0 ? r.Gpio : null,
                    ["bus"] = r.Bus,
                    ["address"] = r.Address,
                }),
                ["settings"] = settings.Select(s => new Dictionary<string, object> { ["key"] = s.Key, ["value"] = s.Value, ["default"] = s.Default }),
            }));
            return ExitCodes.Ok;
        }

        var wiring = new Table { Title = new TableTitle($"{check.Plan.Board.Name}: nanoFramework image {check.Plan.Board.Target.Name}, "
            + (check.Plan.IsEthernet ? "wired (Ethernet)" : "Wi-Fi")) }
            .AddColumn("Part").AddColumn("Part pin").AddColumn("Board pin").AddColumn("GPIO").AddColumn("Bus / function").AddColumn("Address");
        foreach (var r in rows)
        {
            wiring.AddRow(Markup.Escape(r.Part), Markup.Escape(r.PartPin), Markup.Escape(r.BoardPin), r.Gpio >= 0 ? r.Gpio.ToString(CultureInfo.InvariantCulture) : "-",
                Markup.Escape(r.Bus), r.Address);
        }

        console.Ui.Write(wiring);
        var table = new Table { Title = new TableTitle("Settings that differ from the defaults") }.AddColumn("Key").AddColumn("Value").AddColumn("Default");
        foreach (var s in settings)
        {
            table.AddRow(Markup.Escape(s.Key), Markup.Escape(s.Value), Markup.Escape(s.Default));
        }

        console.Ui.Write(table);
        foreach (Problem warning in check.Problems)
        {
            console.Error.WriteLine(warning.ToString());
        }

        return ExitCodes.Ok;
    }

    /// <summary>Keys set to something other than their default, in file order; passwords only as "(set)".</summary>
    private static List<(string Key, string Value, string Default)> ChangedSettings(string configText)
    {
        var changed = new List<(string, string, string)>();
        var reader = new KeyValueReader(configText);
        while (reader.MoveNext())
        {
            ConfigKey? key = reader.Error == null ? NodeConfig.Schema.FirstOrDefault(k => k.Name == reader.Key) : null;
            if (key == null || reader.Value == key.DefaultValue)
            {
                continue;
            }

            bool secret = key.Name.EndsWith(".password", StringComparison.Ordinal);
            string value = secret ? (reader.Value.Length > 0 ? "(set)" : "(empty)") : Excerpt.Escaped(reader.Value);
            changed.Add((key.Name, value, key.IsRequired ? "(required)" : key.DefaultValue.Length == 0 ? "(empty)" : key.DefaultValue));
        }

        return changed;
    }
}
