using System.Collections;
using System.CommandLine;
using System.Text.Json;
using CityEdge.Board;
using CityEdge.Cli.Provisioning;
using CityEdge.Host.Mqtt;
using CityEdge.Host;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge config new --board B [--kit air,noise,parking,lighting] [--node-id ID] [--broker host:port]
/// [--ca-file F] [--out DIR] [--force]`: a node config and board file for one node that pass
/// `cityedge config check` as written, with comments a technician can follow.
/// </summary>
internal static class ConfigNewCommand
{
    private const int TlsPort = 8883;

    public static Command Create(CliConsole console)
    {
        var board = new Option<string>("--board")
        {
            Description = "The board: " + string.Join(", ", BoardCatalog.Names) + ", or a .board file.",
            Required = true,
        };
        var kit = new Option<string>("--kit")
        {
            Description = "Capabilities fitted, comma-separated: " + string.Join(",", KitFiles.Kits) + ".",
            DefaultValueFactory = _ => string.Join(",", KitFiles.Kits),
        };
        var nodeId = new Option<string>("--node-id") { Description = "The node's name, unique in the city ([a-z0-9-]).", DefaultValueFactory = _ => "node-01" };
        var broker = new Option<BrokerAddress>("--broker")
        {
            Description = "The city's MQTT broker, host[:port] (TLS; port 8883 unless given).",
            HelpName = "host:port",
            DefaultValueFactory = _ => new BrokerAddress("broker.example.invalid", TlsPort),
            CustomParser = result =>
            {
                string text = result.Tokens[0].Value;
                try
                {
                    return BrokerAddress.Parse(text.Contains(':') ? text : text + ":" + TlsPort);
                }
                catch (FormatException ex)
                {
                    result.AddError("--broker: " + ex.Message);
                    return null;
                }
            },
        };
        var ca = CommonOptions.InputFile("--ca-file", "The city's CA certificate (PEM), copied beside the config as ca.pem.");
        var output = CommonOptions.Folder("--out", "Folder to write into (default: ./NODE-ID).");
        var force = new Option<bool>("--force") { Description = "Replace files that already exist there." };
        var format = CommonOptions.Format();
        var command = new Command("new", "Write a node config and board file for a board and kit that pass config check, with comments to follow.")
        {
            board, kit, nodeId, broker, ca, output, force, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(board)!, parse.GetValue(kit)!, parse.GetValue(nodeId)!, parse.GetValue(broker)!,
            parse.GetValue(ca)?.FullName, parse.GetValue(output)?.FullName, parse.GetValue(force), parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, string boardName, string kitList, string nodeId, BrokerAddress broker, string? caFile, string? outFolder,
        bool force, bool json)
    {
        var kits = kitList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = kits.Where(k => !KitFiles.Kits.Contains(k)).ToList();
        string? idProblem = CityEdge.Config.NodeConfig.Schema.Single(k => k.Name == "node.id").Check(nodeId);
        if (kits.Count == 0 || unknown.Count > 0 || idProblem != null)
        {
            console.Error.WriteLine(idProblem != null ? "error: --node-id: " + Excerpt.Escaped(idProblem)
                : $"error: --kit: '{Excerpt.Escaped(string.Join(",", unknown))}' is not one of {string.Join(", ", KitFiles.Kits)}");
            return ExitCodes.InvalidInput;
        }

        if (!BoardCatalog.TryLoad(boardName, out string boardText, out string boardLabel, out string problem))
        {
            console.Error.WriteLine($"error: --board: {problem}");
            return ExitCodes.InvalidInput;
        }

        var errors = new ArrayList();
        BoardProfile? board = BoardProfile.Parse(boardText, errors);
        if (board == null)
        {
            console.Error.WriteLine($"error: {boardLabel} has errors; run `cityedge config check` with --board {boardName} to see them");
            return ExitCodes.InvalidInput;
        }

        string folder = outFolder ?? Path.Combine(Directory.GetCurrentDirectory(), nodeId);
        string configPath = Path.Combine(folder, "cityedge.conf");
        string boardPath = Path.Combine(folder, BoardProfile.FileName);
        string caPath = Path.Combine(folder, "ca.pem");
        var existing = new[] { configPath, boardPath, caFile != null ? caPath : null }.Where(p => p != null && File.Exists(p)).ToList();
        if (existing.Count > 0 && !force)
        {
            console.Error.WriteLine($"error: {string.Join(", ", existing.Select(Path.GetFileName))} already in {folder}: use another --out, or --force to replace");
            return ExitCodes.InvalidInput;
        }

        if (caFile != null && !File.Exists(caFile))
        {
            console.Error.WriteLine($"error: --ca-file: {caFile} not found");
            return ExitCodes.InvalidInput;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(configPath, KitFiles.Config(nodeId, board, kits, broker.Host, broker.Port));
        File.WriteAllText(boardPath, KitFiles.Board(boardText, kits));
        if (caFile != null)
        {
            File.Copy(caFile, caPath, overwrite: true);
        }

        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["kind"] = "config_new",
                ["node_id"] = nodeId,
                ["board"] = board.Name,
                ["target"] = board.Target.Name,
                ["kits"] = kits,
                ["config"] = configPath,
                ["board_file"] = boardPath,
                ["ca_file"] = caFile != null ? caPath : null,
            }));
            return ExitCodes.Ok;
        }

        console.Out.WriteLine($"Wrote {configPath}");
        console.Out.WriteLine($"Wrote {boardPath} ({board.Name}, nanoFramework image {board.Target.Name}; kit {string.Join(", ", kits)})");
        if (caFile != null)
        {
            console.Out.WriteLine($"Wrote {caPath}");
        }

        console.Out.WriteLine("Next:");
        int step = 1;
        if (caFile == null)
        {
            console.Out.WriteLine($"  {step++}. Copy the city's CA certificate to {caPath} (mqtt.tls = true pins it).");
        }

        console.Out.WriteLine($"  {step++}. Set mqtt.host{(board.Target.IsEthernet ? string.Empty : ", Wi-Fi")} and the broker password in cityedge.conf, or on site from the phone setup page.");
        console.Out.WriteLine($"  {step++}. cityedge config check \"{configPath}\" --board \"{boardPath}\"");
        console.Out.WriteLine($"  {step}. cityedge provision --config \"{configPath}\" --board \"{boardPath}\" --port <serial port>");
        return ExitCodes.Ok;
    }
}
