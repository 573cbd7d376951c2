using System.CommandLine;
using System.Text.Json;
using CityEdge.Board;
using CityEdge.Cli.Provisioning;
using CityEdge.Host.Mqtt;
using Spectre.Console;
using CityEdge.Host;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge provision --config C --board B --port P [--key-file K] [--files DIR] [--image BIN] [--out DIR]
/// [--dry-run] [--network HOST]`: checks the node's files with the node's own boot rules, writes nanoff's
/// file-deployment JSON and prints the exact nanoff command lines (firmware image from the board profile,
/// app, files). With --network the node is already flashed and online: it prints the signed set-config
/// command instead. Nothing secret is printed or logged: only paths.
/// </summary>
internal static class ProvisionCommand
{
    public const string DefaultImage = "firmware/CityEdge.Device/bin/Debug/CityEdge.Device.bin";

    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.InputFile("--config", "The node config (cityedge.conf).", required: true);
        var board = ConfigCheckCommand.BoardOption("The board: a .board file or a board name (" + string.Join(", ", BoardCatalog.Names) + ").");
        board.Required = true;
        var port = new Option<string>("--port") { Description = "Serial port of the board (COM5, /dev/ttyUSB0; nanoff --listports lists them).", Required = true };
        var keyFile = CommonOptions.InputFile("--key-file", "The node's command key (64 hex digits, as for `cityedge command`); deployed as I:\\command.key.");
        var files = ConfigCheckCommand.FilesOption();
        var image = new Option<string>("--image") { Description = "The device app's deployment image.", DefaultValueFactory = _ => DefaultImage };
        var output = CommonOptions.Folder("--out", "Where to write the deployment JSON (default: the config's folder).");
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and print what would be written and run; write nothing." };
        var network = CommonOptions.Broker("The node is flashed and online: print the signed set-config for this broker (host:port) instead of nanoff.", "--network");
        var format = CommonOptions.Format();
        var command = new Command("provision", "Check a node's files, write nanoff's file-deployment JSON and print the nanoff command lines.")
        {
            config, board, port, keyFile, files, image, output, dryRun, network, format,
        };
        command.SetAction(parse => Run(console, new Request(parse.GetValue(config)!.FullName, parse.GetValue(board)!, parse.GetValue(port)!,
            parse.GetValue(keyFile)?.FullName, parse.GetValue(files)?.FullName, parse.GetValue(image)!, parse.GetValue(output)?.FullName,
            parse.GetValue(dryRun), parse.GetValue(network), parse.GetValue(format) == "json")));
        return command;
    }

    internal sealed record Request(string Config, string Board, string Port, string? KeyFile, string? Files, string Image, string? Out, bool DryRun,
        BrokerAddress? Network, bool Json);

    public static int Run(CliConsole console, Request request)
    {
        if (request.Port.Length == 0 || request.Port.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '\'' || char.IsControl(c)))
        {
            console.Error.WriteLine($"error: --port: '{Excerpt.Escaped(request.Port)}' is not a serial port name (e.g. COM5 or /dev/ttyUSB0)");
            return ExitCodes.InvalidInput;
        }

        NodeCheck check = NodeCheck.Run(request.Config, request.Board, request.Files);
        if (check.ErrorCount > 0 || check.Plan == null || check.Config == null)
        {
            ConfigCheckCommand.Print(console, check);
            return ExitCodes.InvalidInput;
        }

        byte[]? key = null;
        if (request.KeyFile != null)
        {
            try
            {
                key = CommandKeyFile.Read(request.KeyFile);
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine("error: --key-file: " + ex.Message);
                return ExitCodes.InvalidInput;
            }
        }

        string configFolder = Path.GetDirectoryName(request.Config)!;
        string outFolder = request.Out ?? configFolder;
        string filesFolder = request.Files ?? configFolder;
        string node = check.Config.NodeId;
        return request.Network != null
            ? PrintSetConfig(console, request, check, filesFolder)
            : Deploy(console, request, check, key, outFolder, filesFolder, node);
    }

    private static int Deploy(CliConsole console, Request request, NodeCheck check, byte[]? key, string outFolder, string filesFolder, string node)
    {
        BoardProfile board = check.Plan!.Board;
        bool boardIsFile = File.Exists(request.Board);
        string boardSource = boardIsFile ? Path.GetFullPath(request.Board) : Path.Combine(outFolder, node + "." + BoardProfile.FileName);
        string keySource = Path.Combine(outFolder, node + ".command.key");
        var files = new List<DeployFile>
        {
            new(NanoffDeployment.Drive + "cityedge.conf", request.Config),
            new(NanoffDeployment.Drive + BoardProfile.FileName, boardSource),
        };
        if (key != null)
        {
            files.Add(new DeployFile(NanoffDeployment.Drive + "command.key", keySource));
        }

        if (check.Config!.MqttTls)
        {
            foreach (string name in new[] { HardwarePlan.CaFile, HardwarePlan.ClientCertFile, HardwarePlan.ClientKeyFile })
            {
                if (File.Exists(Path.Combine(filesFolder, name)))
                {
                    files.Add(new DeployFile(NanoffDeployment.Drive + name, Path.Combine(filesFolder, name)));
                }
            }
        }

        string jsonPath = Path.Combine(outFolder, "deploy-" + node + ".json");
        string json = NanoffDeployment.Json(request.Port, files);
        string[] commands = NanoffDeployment.CommandLines(board.Target.Name, request.Port, request.Image, jsonPath);
        if (!request.DryRun)
        {
            Directory.CreateDirectory(outFolder);
            if (!boardIsFile)
            {
                File.WriteAllText(boardSource, check.BoardText);
            }

            if (key != null)
            {
                WritePrivate(keySource, key);
            }

            File.WriteAllText(jsonPath, json);
        }

        if (request.Json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["kind"] = "provision",
                ["node_id"] = node,
                ["target"] = board.Target.Name,
                ["dry_run"] = request.DryRun,
                ["deploy_json"] = jsonPath,
                ["files"] = files.Select(f => new Dictionary<string, string> { ["destination"] = f.Destination, ["source"] = f.Source }),
                ["commands"] = commands,
            }));
            return ExitCodes.Ok;
        }

        var table = new Table { Title = new TableTitle($"{node} ({board.Name}): files for I:\\") }.AddColumn("On the node").AddColumn("From");
        foreach (var f in files)
        {
            table.AddRow(Markup.Escape(f.Destination), Markup.Escape(f.Source));
        }

        console.Ui.Write(table);
        console.Out.WriteLine(request.DryRun ? $"Would write {jsonPath}:" : $"Wrote {jsonPath}:");
        console.Out.WriteLine(json);
        console.Out.WriteLine($"Run, with the board on {request.Port} (hold BOOT if nanoff cannot connect):");
        foreach (string line in commands)
        {
            console.Out.WriteLine("  " + line);
        }

        if (!File.Exists(request.Image))
        {
            console.Error.WriteLine($"note: {request.Image} does not exist here yet: build the device app first (docs/device-app.md) or pass --image");
        }

        return ExitCodes.Ok;
    }

    /// <summary>A node in service takes a new config over the network, signed, through its trial and rollback
    /// (docs/mqtt.md); its board file, key and certificates can only be changed with nanoff.</summary>
    private static int PrintSetConfig(CliConsole console, Request request, NodeCheck check, string filesFolder)
    {
        if (request.KeyFile == null)
        {
            console.Error.WriteLine("error: --network needs --key-file: a set-config is signed with the node's command key");
            return ExitCodes.InvalidInput;
        }

        var config = check.Config!;
        string line = $"cityedge command {config.NodeId} set-config {NanoffDeployment.Quote(request.Config)} --broker {NanoffDeployment.Quote(request.Network!.Host + ":" + request.Network.Port)}"
            + $" --topic-root {config.TopicRoot} --key-file {NanoffDeployment.Quote(request.KeyFile)}"
            + (config.MqttTls ? " --ca-file " + NanoffDeployment.Quote(Path.Combine(filesFolder, HardwarePlan.CaFile)) : string.Empty);
        if (request.Json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["kind"] = "provision", ["node_id"] = config.NodeId, ["commands"] = new[] { line } }));
            return ExitCodes.Ok;
        }

        console.Out.WriteLine("The node is online: send the checked config, signed; it restarts into a trial and rolls back if it cannot reconnect:");
        console.Out.WriteLine("  " + line);
        console.Out.WriteLine("The board file, command key and certificates cannot change over the network: use provision without --network and nanoff.");
        return ExitCodes.Ok;
    }

    /// <summary>The raw key as the node reads it (docs/device-app.md, command.key), readable by the owner only.</summary>
    private static void WritePrivate(string path, byte[] key)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        stream.Write(key, 0, key.Length);
    }
}
