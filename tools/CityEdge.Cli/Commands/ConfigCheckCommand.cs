using System.CommandLine;
using System.Text.Json;
using CityEdge.Cli.Provisioning;
using CityEdge.Host;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge config check CONF [--board B] [--files DIR]`: the node's own boot checks on a laptop — every
/// config rule, every board rule and every rule the device app applies at boot (buses, UARTs, ADC pins, bays,
/// TLS files) — listing every problem of every file at once, in line order.
/// </summary>
internal static class ConfigCheckCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.InputFileArgument("config", "The node config (cityedge.conf) to check.");
        var board = BoardOption("Also check this board: a .board file or a board name (" + string.Join(", ", BoardCatalog.Names) + ").");
        var files = FilesOption();
        var format = CommonOptions.Format();
        var command = new Command("check", "Check a node's files exactly as the node will at boot, listing every problem with its file, line and key.")
        {
            config, board, files, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(config)!.FullName, parse.GetValue(board), parse.GetValue(files)?.FullName,
            parse.GetValue(format) == "json"));
        return command;
    }

    public static Option<string?> BoardOption(string description) => new("--board") { Description = description, HelpName = "board" };

    public static Option<DirectoryInfo?> FilesOption() =>
        CommonOptions.Folder("--files", "Folder holding ca.pem, client.pem and client.key as they will be deployed (default: the config's folder).");

    public static int Run(CliConsole console, string configPath, string? board, string? filesFolder, bool json)
    {
        NodeCheck check = NodeCheck.Run(configPath, board, filesFolder);
        if (json)
        {
            foreach (Problem p in check.Problems)
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["kind"] = "problem",
                    ["file"] = p.File,
                    ["line"] = p.Line,
                    ["key"] = Excerpt.Escaped(p.Key),
                    ["severity"] = p.IsWarning ? "warning" : "error",
                    ["message"] = Excerpt.Escaped(p.Message, 400),
                }));
            }

            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["kind"] = "summary",
                ["errors"] = check.ErrorCount,
                ["warnings"] = check.WarningCount,
            }));
        }
        else
        {
            Print(console, check);
        }

        return check.ErrorCount == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    /// <summary>"file: ok" for a clean file, every problem otherwise (stderr), each file in line order.</summary>
    public static void Print(CliConsole console, NodeCheck check)
    {
        foreach (string file in new[] { check.ConfigLabel, check.BoardLabel }.Where(f => f.Length > 0))
        {
            int errors = check.Problems.Count(p => p.File == file && !p.IsWarning);
            int warnings = check.Problems.Count(p => p.File == file && p.IsWarning);
            if (errors == 0)
            {
                console.Out.WriteLine(file + ": ok" + (warnings > 0 ? $" ({warnings} warning{(warnings == 1 ? "" : "s")})" : string.Empty));
            }
        }

        foreach (Problem problem in check.Problems)
        {
            console.Error.WriteLine(problem.ToString());
        }

        if (check.ErrorCount > 0)
        {
            console.Error.WriteLine($"{check.ErrorCount} error(s): the node would not start with these files.");
        }
    }
}
