using System.Collections;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using CityEdge.Board;
using CityEdge.Config;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge config check|keys`: validate a node's files before deploying them; list every key.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.InputFileArgument("config", "The node config (cityedge.conf) to check.");
        var board = CommonOptions.InputFile("--board", "Also check this board profile (e.g. hardware/boards/esp32-devkitc.board).");
        var format = CommonOptions.Format();
        var check = new Command("check", "Validate a node config (and board profile) exactly as the node will, listing every problem with its line.")
        {
            file, board, format,
        };
        check.SetAction(parse => Check(console, parse.GetValue(file)!, parse.GetValue(board), parse.GetValue(format) == "json"));

        var keys = new Command("keys", "Print every configuration key with its type, range and default, as a Markdown table.");
        keys.SetAction(_ =>
        {
            console.Out.Write(KeyTable());
            return ExitCodes.Ok;
        });

        return new Command("config", "Check node configuration files and list the keys they may hold.") { check, keys };
    }

    public static int Check(CliConsole console, FileInfo config, FileInfo? board, bool json = false)
    {
        int problems = CheckFile(console, config, (text, errors) => NodeConfig.Parse(text, errors) != null, json);
        if (board != null)
        {
            problems += CheckFile(console, board, (text, errors) => BoardProfile.Parse(text, errors) != null, json);
        }

        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["kind"] = "summary", ["problems"] = problems }));
        }

        return problems == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
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

    private static int CheckFile(CliConsole console, FileInfo file, Func<string, ArrayList, bool> parse, bool json)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"{file.Name}: cannot read: {ex.Message}");
            return 1;
        }

        var errors = new ArrayList();
        bool ok = parse(text, errors);
        if (json)
        {
            // One line per problem (kind "problem"), or the file's "ok": docs/schemas/config-check.schema.json.
            foreach (ConfigError error in errors)
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["kind"] = "problem", ["file"] = file.Name, ["line"] = error.Line, ["key"] = error.Key, ["message"] = error.Message }));
            }

            if (ok)
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["kind"] = "ok", ["file"] = file.Name }));
            }

            return errors.Count;
        }

        if (ok)
        {
            console.Out.WriteLine($"{file.Name}: ok");
            return 0;
        }

        foreach (ConfigError error in errors)
        {
            console.Error.WriteLine($"{file.Name}: {error}");
        }

        return errors.Count;
    }
}
