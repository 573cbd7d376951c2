using System.CommandLine;
using System.Text;
using CityEdge.Config;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge config`: new, check and show (one file each), and keys: every key with its type, range and default.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console)
    {
        var keys = new Command("keys", "Print every configuration key with its type, range and default, as a Markdown table.");
        keys.SetAction(_ =>
        {
            console.Out.Write(KeyTable());
            return ExitCodes.Ok;
        });

        return new Command("config", "Create, check and show a node's configuration and board files.")
        {
            ConfigNewCommand.Create(console), ConfigCheckCommand.Create(console), ConfigShowCommand.Create(console), keys,
        };
    }

    /// <summary>The key reference; docs/configuration.md holds this exact table (a test keeps them equal).</summary>
    public static string KeyTable()
    {
        var table = new StringBuilder();
        table.Append("| Key | Type | Range | Default | Meaning |\n|---|---|---|---|---|\n");
        foreach (ConfigKey key in NodeConfig.Schema)
        {
            string type = key.Kind switch
            {
                ConfigValueKind.Integer => "integer",
                ConfigValueKind.Boolean => "true/false",
                ConfigValueKind.Identifier => "identifier",
                ConfigValueKind.TopicPrefix => "topic prefix",
                _ => "text",
            };
            string range = key.Kind switch
            {
                ConfigValueKind.Integer => $"{key.Min} … {key.Max}",
                ConfigValueKind.Boolean => "",
                _ => $"{key.Min} … {key.Max} chars",
            };
            string defaultValue = key.IsRequired ? "*required*" : key.DefaultValue.Length == 0 ? "(empty)" : "`" + key.DefaultValue + "`";
            table.Append($"| `{key.Name}` | {type} | {range} | {defaultValue} | {key.Description} |\n");
        }

        return table.ToString();
    }
}
