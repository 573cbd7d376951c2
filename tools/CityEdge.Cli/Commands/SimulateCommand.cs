using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Simulation;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge simulate`: a fleet of virtual nodes and a command centre, live.</summary>
internal static class SimulateCommand
{
    private static readonly TimeSpan OutageDrainMargin = TimeSpan.FromMinutes(10);

    /// <summary>How long the receiver may take, once connected, to get what the broker accepted.</summary>
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(5);

    /// <summary>Where the virtual nodes' command keys live unless --keys says otherwise: the user's own, 0700.</summary>
    public static string DefaultKeysFolder => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "cityedge", "sim-keys");

    /// <summary>The most --nodes accepts: the option's range; the machine's limits are checked at start (<see cref="FleetLimits"/>).</summary>
    public const int MaxNodes = 100_000;

    /// <summary>A fleet name leaves room in node.id (32 characters) for "-" and a node number up to <see cref="MaxNodes"/>.</summary>
    private const int MaxFleetName = 25;

    /// <summary>"sim-" and 4 random base-36 characters: 1.7 million names, so two runs on one broker
    /// practically never share one, and an id still reads at a glance (sim-k3f9-0042).</summary>
    public static string GeneratedFleetName()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return "sim-" + System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 4);
    }

    public static Command Create(CliConsole console)
    {
        var nodes = CommonOptions.Integer("--nodes", $"Virtual nodes to run, up to {MaxNodes}; each holds one connection, so the open-files limit (ulimit -n; twice the nodes with the embedded broker) and the local port range bound it and are checked first.", 5, 1, MaxNodes);
        var fleetName = new Option<string?>("--fleet")
        {
            Description = "First part of the node ids (and MQTT client ids), e.g. lab gives lab-01, lab-02 …; default: sim- and 4 random characters, new each run, so simulators sharing a broker never collide.",
            HelpName = "name",
        };
        fleetName.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } name && (name.Length > MaxFleetName || !CommonOptions.TryParseNodeId(name + "-01", out _, out _)))
            {
                r.AddError($"--fleet: '{name}' is not a fleet name (1–{MaxFleetName} of a-z, 0-9 and '-', not starting with '-')");
            }
        });
        var receivers = CommonOptions.Integer("--receivers", "Command-centre connections sharing the nodes' telemetry and events through an MQTT 5 shared subscription ($share/cityedge-FLEET/…), tallied together; above 1 the broker must support shared subscriptions (mosquitto does, the embedded broker does not).", 1, 1, 64);
        var duration = CommonOptions.Duration("--duration", "Simulated time to run", TimeSpan.FromMinutes(10));
        var speed = CommonOptions.Number("--speed", "Simulated seconds per real second; 0 runs as fast as possible.", 0, 1e6, 60);
        var broker = CommonOptions.Broker("Use this MQTT broker instead of the embedded one on 127.0.0.1.");
        var topicRoot = CommonOptions.TopicRoot();
        var outage = CommonOptions.Duration("--outage", "Every node loses its backhaul for this long and must ride it out (store-and-forward)", TimeSpan.Zero);
        var outageAt = CommonOptions.Duration("--outage-at", "When the outage starts, in simulated time", TimeSpan.FromMinutes(5));
        var keys = CommonOptions.Folder("--keys", $"Folder of the virtual nodes' command keys (NODE.key, 0600; made when missing), for `cityedge command` (default: {DefaultKeysFolder}).");
        var format = CommonOptions.Format(FleetOutput.Formats.Keys);

        var command = new Command("simulate", "Run virtual nodes (the real node core on simulated sensors) against an MQTT broker and show what the command centre receives. Exit code: 0 nothing lost, 1 reports lost, duplicated or undecodable, 3 broker unreachable.")
        {
            nodes, fleetName, receivers, duration, speed, broker, topicRoot, outage, outageAt, keys, format,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            new FleetOptions
            {
                Nodes = parse.GetValue(nodes),
                Name = parse.GetValue(fleetName) ?? GeneratedFleetName(),
                NameGenerated = parse.GetValue(fleetName) == null,
                SpreadReports = true,
                Duration = parse.GetValue(duration),
                Speed = parse.GetValue(speed),
                TopicRoot = parse.GetValue(topicRoot)!,
                StartUtc = DateTime.UtcNow,
                OutageAt = parse.GetValue(outage) > TimeSpan.Zero ? parse.GetValue(outageAt) : null,
                Outage = parse.GetValue(outage),
            },
            parse.GetValue(broker),
            parse.GetValue(receivers),
            parse.GetValue(keys)?.FullName ?? DefaultKeysFolder,
            parse.GetValue(format)!,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, FleetOptions options, BrokerAddress? externalBroker, int receivers, string keysFolder, string format, CancellationToken cancellationToken)
    {
        var output = FleetOutput.Create(format, console);
        bool table = format == "table";
        if (options.OutageAt is { } at && options.Duration < at + options.Outage + OutageDrainMargin)
        {
            // The run must outlast the outage long enough to drain the backlog (link.drain_per_s).
            options = options with { Duration = at + options.Outage + OutageDrainMargin };
            Say(console, table, $"Run extended to {options.Duration} of simulated time so the backlog can drain after the outage.");
        }

        SimulatedNodeKeys nodeKeys;
        try
        {
            nodeKeys = new SimulatedNodeKeys(keysFolder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: --keys: cannot use {keysFolder}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        if (FleetLimits.Problem(options.Nodes, externalBroker == null) is { } limit)
        {
            console.Error.WriteLine($"error: --nodes: {limit}");
            return ExitCodes.InvalidInput;
        }

        options = options with { CommandKeyFor = nodeKeys.KeyFor };
        EmbeddedBroker? embedded = null;
        try
        {
            BrokerAddress address;
            if (externalBroker == null)
            {
                embedded = await EmbeddedBroker.StartAsync().ConfigureAwait(false);
                address = embedded.Address;
                Say(console, table, $"Embedded MQTT broker on {address}. Watch it: cityedge monitor --broker {address}"
                    + (options.TopicRoot == CommonOptions.DefaultTopicRoot ? "" : $" --topic-root {options.TopicRoot}"));
            }
            else
            {
                address = externalBroker;
                Say(console, table, $"Using MQTT broker {address}");
            }

            string first = Fleet.NodeName(0, options.Name, options.Nodes);
            Say(console, table, $"Node ids {first} … {Fleet.NodeName(options.Nodes - 1, options.Name, options.Nodes)}. Command keys in {keysFolder}"
                + (options.NameGenerated ? " (this run's are removed at its end)" : "")
                + $"; e.g. cityedge command {first} request-status --broker {address} --key-file {nodeKeys.PathOf(first)}"
                + (options.TopicRoot == CommonOptions.DefaultTopicRoot ? "" : $" --topic-root {options.TopicRoot}"));
            return await RunFleetAsync(console, output, table, options, address, receivers, cancellationToken).ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            console.Error.WriteLine($"error: cannot reach the MQTT broker: {ex.Message}");
            return ExitCodes.BrokerUnavailable;
        }
        finally
        {
            if (embedded != null)
            {
                await embedded.DisposeAsync().ConfigureAwait(false);
            }

            if (options.NameGenerated)
            {
                // Nobody can use them again: the next run's nodes have other ids.
                for (int i = 0; i < options.Nodes; i++)
                {
                    nodeKeys.Forget(Fleet.NodeName(i, options.Name, options.Nodes));
                }
            }
        }
    }

    private static async Task<int> RunFleetAsync(CliConsole console, FleetOutput output, bool table, FleetOptions options, BrokerAddress address, int receivers, CancellationToken cancellationToken)
    {
        var receiverOptions = new ReceiverOptions();
        receiverOptions = receiverOptions with
        {
            MaxNodes = Math.Max(receiverOptions.MaxNodes, options.Nodes),
            ShareGroup = receivers > 1 ? "cityedge-" + options.Name : null,
            Tracks = id => Fleet.IsNodeOf(id, options.Name, options.Nodes),
            SeparateTelemetry = true,
        };
        await using var receiver = await TelemetryReceiver.ConnectAsync(MqttClientSettings.Plain(address), options.TopicRoot, receiverOptions, cancellationToken).ConfigureAwait(false);
        for (int member = 1; member < receivers; member++)
        {
            await receiver.AddMemberAsync(cancellationToken).ConfigureAwait(false);
        }

        output.Attach(receiver, address.ToString());
        output.Connected(address.ToString());
        long memoryBefore = Environment.WorkingSet;
        await using var fleet = await Fleet.StartAsync(options, address, cancellationToken).ConfigureAwait(false);
        long memory = Environment.WorkingSet - memoryBefore;
        var latency = new LatencyMeter(fleet.WallTimeOf);
        receiver.ReportReceived += latency.Observe;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Say(console, table, $"{options.Nodes} virtual node(s), {options.Duration} of simulated time at "
            + (options.Speed > 0 ? string.Create(CultureInfo.InvariantCulture, $"{options.Speed}x") : "full speed") + "; Ctrl+C stops early.");
        var wall = Stopwatch.StartNew();
        var run = fleet.RunAsync(cancellationToken);
        if (output.LiveView(receiver.Nodes, "Command centre") is { } view)
        {
            await console.Ui.Live(view)
                .StartAsync(async live =>
                {
                    while (!run.IsCompleted)
                    {
                        await Task.WhenAny(run, Task.Delay(250, CancellationToken.None)).ConfigureAwait(false);
                        live.UpdateTarget(output.LiveView(receiver.Nodes, $"Command centre — simulated {fleet.Clock.UtcNow():yyyy-MM-dd HH:mm:ss} UTC")!);
                    }
                }).ConfigureAwait(false);
        }

        try
        {
            await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Say(console, table, "Stopped early.");
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        int unsent = fleet.Nodes.Sum(n => n.Runtime.OutboxCount);
        await WaitForDeliveryAsync(receiver, fleet.ReportsProduced - unsent).ConfigureAwait(false);
        wall.Stop();

        var nodes = receiver.Nodes;
        var summary = ReceiverSummary.Of(receiver, wall.Elapsed) with
        {
            Produced = fleet.ReportsProduced,
            Unsent = unsent,
            Latency = latency.Figures(),
            Cost = options.Speed > 0 ? new FleetCost(options.Nodes, cpu.TotalSeconds, fleet.NodeHours, memory) : null,
            Outage = OutageFigures.Of(fleet, unsent),
        };
        output.Close(summary, nodes);
        if (table)
        {
            console.Ui.MarkupLine($"Simulated {fleet.Clock.UtcNow() - fleet.Clock.StartUtc:g} in {wall.Elapsed.TotalSeconds:F1} s.");
        }

        if (!summary.ConnectedAtEnd)
        {
            console.Error.WriteLine($"error: the receiver's connection to {address} was down at the end: the figures may be incomplete");
            return ExitCodes.BrokerUnavailable;
        }

        return summary.DataLost || summary.Duplicates > 0 || unsent > 0 ? ExitCodes.DataProblem : ExitCodes.Ok;
    }

    /// <summary>The broker acknowledges a publish before the receiver has it: wait until the receiver has
    /// what was sent, while it is connected, at most <see cref="DeliveryWait"/> of connected time (and
    /// as long as a reconnection with backoff may take).</summary>
    private static async Task WaitForDeliveryAsync(TelemetryReceiver receiver, int sent)
    {
        var connected = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        while (receiver.Nodes.Sum(n => n.Received + n.Sequences.Duplicates + n.DecodeErrors) < sent
            && connected < DeliveryWait && total.Elapsed < DeliveryWait + new ReceiverOptions().MaxReconnectDelay)
        {
            await Task.Delay(20).ConfigureAwait(false);
            connected += receiver.IsConnected ? TimeSpan.FromMilliseconds(20) : TimeSpan.Zero;
        }
    }

    /// <summary>A line for people: on the table's console, or as a note on standard error when standard output carries JSON.</summary>
    private static void Say(CliConsole console, bool table, string text)
    {
        if (table)
        {
            console.Ui.WriteLine(text);
        }
        else
        {
            console.Error.WriteLine("note: " + text);
        }
    }
}
