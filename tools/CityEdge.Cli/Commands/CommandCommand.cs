using System.CommandLine;
using Command = System.CommandLine.Command;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CityEdge.Config;
using CityEdge.Host;
using CityEdge.Host.Mqtt;
using CityEdge.Link;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge command NODE ACTION [ARGS]`: sign a command with the node's key, send it, wait for the ack.</summary>
internal static class CommandCommand
{
    private static readonly string[] Actions = ["request-status", "reboot", "set-config", "lamp-level", "lamp-override", "recalibrate-bay"];

    public static Command Create(CliConsole console)
    {
        var node = CommonOptions.NodeId();
        var action = new Argument<string>("action") { Description = "What to do: " + string.Join(", ", Actions) + "." }.AcceptOnlyFromAmong(Actions);
        var arguments = new Argument<string[]>("args")
        {
            Description = "set-config FILE | lamp-level PERCENT [MINUTES] | lamp-override auto|on|off [MINUTES] | recalibrate-bay BAY (overrides last 60 minutes unless MINUTES is given)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var keyFile = CommonOptions.InputFile("--key-file", "The node's command key: 64 hex digits. The last counter is kept in KEY-FILE.counter.", required: true);
        var topicRoot = CommonOptions.TopicRoot();
        var timeout = CommonOptions.Duration("--timeout", "How long to wait for the ack", TimeSpan.FromSeconds(30));
        var expires = CommonOptions.Duration("--expires", "The node refuses the command after this long", TimeSpan.FromMinutes(5));
        var format = CommonOptions.Format();

        var command = new Command("command", "Sign a command with the node's key (HMAC-SHA256, rising counter), send it and wait for the node's signed ack. Exit code: 0 ok, 2 bad input, 3 broker unreachable, 4 refused by the node, 5 no ack, 6 an ack that does not verify under the key.")
        {
            node, action, arguments, keyFile, topicRoot, timeout, expires, format,
        };
        var connection = BrokerConnectionOptions.AddTo(command, "The MQTT broker.");
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new Request(
                parse.GetValue(node)!, parse.GetValue(action)!, parse.GetValue(arguments) ?? [], parse.GetValue(keyFile)!.FullName,
                parse.GetValue(topicRoot)!, parse.GetValue(timeout), parse.GetValue(expires), parse.GetValue(format) == "json");
            MqttClientSettings? settings = connection.Settings(parse, console);
            return settings == null ? Task.FromResult(ExitCodes.InvalidInput) : RunAsync(console, request, settings, cancellationToken);
        });
        return command;
    }

    private sealed record Request(string Node, string Action, string[] Arguments, string KeyFile, string TopicRoot, TimeSpan Timeout, TimeSpan Expires, bool Json);

    private static async Task<int> RunAsync(CliConsole console, Request request, MqttClientSettings settings, CancellationToken cancellationToken)
    {
        byte[] key;
        int action;
        byte[] arguments;
        try
        {
            BrokerConnectionOptions.Warn(console, PrivateFile.Problem(request.KeyFile, secret: true));
            key = CommandKeyFile.Read(request.KeyFile);
            (action, arguments) = Encode(request.Action, request.Arguments);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.InvalidInput;
        }

        CommandClient client;
        try
        {
            client = await CommandClient.ConnectAsync(settings, request.TopicRoot, cancellationToken).ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            console.Error.WriteLine($"error: cannot reach the MQTT broker at {settings.Broker}: {ex.Message}");
            return ExitCodes.BrokerUnavailable;
        }

        await using (client.ConfigureAwait(false))
        {
            ulong counter = CommandKeyFile.NextCounter(request.KeyFile);
            CommandOutcome outcome;
            try
            {
                outcome = await client.SendCommandAsync(request.Node, key, action, arguments, counter, request.Expires, request.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException ex)
            {
                console.Error.WriteLine($"error: {settings.Broker}: {ex.Message}");
                return ExitCodes.BrokerUnavailable;
            }

            var ack = outcome.Ack;
            string result = ack != null ? CommandResult.Name(ack.Result) : outcome.UnverifiedAck != null ? "unverified-ack" : "no-ack";
            if (request.Json)
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["kind"] = "command",
                    ["node"] = request.Node,
                    ["action"] = request.Action,
                    ["counter"] = counter,
                    ["result"] = result,
                    ["detail"] = ack?.Detail is { Length: > 0 } d ? d : null,
                }));
            }
            else
            {
                string detail = ack?.Detail is { Length: > 0 } d ? " — " + Markup.Escape(d) : "";
                string colour = ack?.Result == CommandResult.Ok ? "green" : "red";
                console.Ui.MarkupLine($"{Markup.Escape(request.Node)} {request.Action} (counter {counter}): [{colour}]{result}[/]{detail}");
            }

            if (outcome.UnverifiedAck is { } unverified)
            {
                console.Error.WriteLine($"error: {request.Node} answered counter {counter}, but its ack does not verify under {request.KeyFile}: "
                    + $"the node's command.key is another key, or it has none (the unauthenticated ack says '{CommandResult.Name(unverified.Result)}')");
                return ExitCodes.AckNotVerified;
            }

            if (ack == null)
            {
                console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"error: no ack from {request.Node} within {request.Timeout.TotalSeconds:0.#} s: is it online, and under --topic-root {request.TopicRoot}? (`cityedge monitor --topic-root {request.TopicRoot}` shows what reports)"));
                return ExitCodes.NoAck;
            }

            return ack.Result == CommandResult.Ok ? ExitCodes.Ok : ExitCodes.CommandRefused;
        }
    }

    /// <summary>The action code and argument bytes of docs/mqtt.md; throws FormatException naming the bad argument.</summary>
    private static (int Action, byte[] Arguments) Encode(string action, string[] args)
    {
        switch (action)
        {
            case "request-status":
                Expect(action, args, 0, 0);
                return (CommandAction.RequestStatus, []);
            case "reboot":
                Expect(action, args, 0, 0);
                return (CommandAction.Reboot, []);
            case "set-config":
                Expect(action, args, 1, 1);
                string text = ConfigText(args[0]);
                var errors = new System.Collections.ArrayList();
                if (NodeConfig.Parse(text, errors) == null)
                {
                    throw new FormatException($"{args[0]}: " + string.Join("; ", errors.Cast<ConfigError>()));
                }

                return (CommandAction.SetConfig, System.Text.Encoding.UTF8.GetBytes(text));
            case "lamp-level":
                Expect(action, args, 1, 2);
                int level = Number(args[0], "PERCENT", 0, 100);
                int levelMinutes = args.Length > 1 ? Number(args[1], "MINUTES", 1, 65535) : 0;
                return (CommandAction.LampSetLevel, [(byte)level, (byte)(levelMinutes >> 8), (byte)levelMinutes]);
            case "lamp-override":
                Expect(action, args, 1, 2);
                int mode = args[0] switch
                {
                    "auto" => 0,
                    "on" => 1,
                    "off" => 2,
                    _ => throw new FormatException($"lamp-override: MODE '{args[0]}' is not auto, on or off"),
                };
                int minutes = args.Length > 1 ? Number(args[1], "MINUTES", 1, 65535) : 0;
                return (CommandAction.LampOverride, [(byte)mode, (byte)(minutes >> 8), (byte)minutes]);
            default:
                Expect(action, args, 1, 1);
                return (CommandAction.ParkingRecalibrateBay, [(byte)Number(args[0], "BAY", 0, 15)]);
        }
    }

    /// <summary>The config a set-config command carries: it must fit in one command's arguments.</summary>
    private static string ConfigText(string path)
    {
        if (!CommonOptions.TryParseInputFile(path, out FileInfo? file, out string? problem))
        {
            throw new FormatException("set-config: " + problem);
        }

        if (file!.Length > CommandFrame.MaxArgumentLength)
        {
            throw new FormatException($"set-config: {path} is {file.Length} bytes; a command carries at most {CommandFrame.MaxArgumentLength} (remove comments, or deploy the file with nanoff)");
        }

        string text = File.ReadAllText(file.FullName);
        int bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        return bytes <= CommandFrame.MaxArgumentLength
            ? text
            : throw new FormatException($"set-config: {path} is {bytes} bytes of UTF-8; a command carries at most {CommandFrame.MaxArgumentLength}");
    }

    private static void Expect(string action, string[] args, int min, int max)
    {
        if (args.Length < min || args.Length > max)
        {
            throw new FormatException($"{action} takes {(min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min}..{max}")} argument(s), got {args.Length}");
        }
    }

    private static int Number(string text, string name, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new FormatException($"{name} '{text}' is not a whole number in {min}..{max}");
        }

        return value;
    }
}
