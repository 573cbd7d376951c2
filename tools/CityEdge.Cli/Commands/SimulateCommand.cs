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

    public static Command Create(CliConsole console)
    {
        var nodes = CommonOptions.Integer("--nodes", "Virtual nodes to run.", 5, 1, 500);
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
            nodes, duration, speed, broker, topicRoot, outage, outageAt, keys, format,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            new FleetOptions
            {
                Nodes = parse.GetValue(nodes),
                Duration = parse.GetValue(duration),
                Speed = parse.GetValue(speed),
                TopicRoot = parse.GetValue(topicRoot)!,
                StartUtc = DateTime.UtcNow,
                OutageAt = parse.GetValue(outage) > TimeSpan.Zero ? parse.GetValue(outageAt) : null,
                Outage = parse.GetValue(outage),
            },
            parse.GetValue(broker),
            parse.GetValue(keys)?.FullName ?? DefaultKeysFolder,
            parse.GetValue(format)!,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, FleetOptions options, BrokerAddress? externalBroker, string keysFolder, string format, CancellationToken cancellationToken)
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

            Say(console, table, $"Command keys in {keysFolder}; e.g. cityedge command {Fleet.NodeName(0)} request-status --broker {address} --key-file {nodeKeys.PathOf(Fleet.NodeName(0))}"
                + (options.TopicRoot == CommonOptions.DefaultTopicRoot ? "" : $" --topic-root {options.TopicRoot}"));
            return await RunFleetAsync(console, output, table, options, address, cancellationToken).ConfigureAwait(false);
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
        }
    }

    private static async Task<int> RunFleetAsync(CliConsole console, FleetOutput output, bool table, FleetOptions options, BrokerAddress address, CancellationToken cancellationToken)
    {
        await using var receiver = await TelemetryReceiver.ConnectAsync(MqttClientSettings.Plain(address), options.TopicRoot, new ReceiverOptions(), cancellationToken).ConfigureAwait(false);
        output.Attach(receiver, address.ToString());
        output.Connected(address.ToString());
        await using var fleet = await Fleet.StartAsync(options, address, cancellationToken).ConfigureAwait(false);
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

        int unsent = fleet.Nodes.Sum(n => n.Runtime.OutboxCount);
        await WaitForDeliveryAsync(receiver, fleet.ReportsProduced - unsent).ConfigureAwait(false);
        wall.Stop();
        var summary = ReceiverSummary.Of(receiver, wall.Elapsed) with { Produced = fleet.ReportsProduced, Unsent = unsent };
        output.Close(summary, receiver.Nodes);
        if (table)
        {
            console.Ui.MarkupLine($"Simulated {fleet.Clock.UtcNow() - fleet.Clock.StartUtc:g} in {wall.Elapsed.TotalSeconds:F1} s.");
            if (fleet.OutageOver)
            {
                SummariseOutage(console, fleet, unsent);
            }
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

    /// <summary>How the outage went, and what the flash budget holds at this report size and period.</summary>
    private static void SummariseOutage(CliConsole console, Fleet fleet, int unsent)
    {
        int dropped = fleet.Nodes.Sum(n => n.Runtime.DroppedReportCount);
        var config = fleet.Nodes[0].Config;
        console.Ui.MarkupLine($"Outage: peak backlog {fleet.PeakBacklog} frame(s), {fleet.PeakFlashBacklog} of them in flash ({fleet.PeakFlashBytes} bytes); "
            + (unsent == 0 ? "[green]backlog drained[/]" : $"[red]{unsent} still queued[/]") + $", {dropped} dropped.");
        if (fleet.PeakFlashBacklog > 0)
        {
            double bytesPerFrame = (double)fleet.PeakFlashBytes / fleet.PeakFlashBacklog;
            // Records never straddle 4 KiB segments, and a full queue frees a whole segment: count one segment less.
            long framesPerSegment = (long)(CityEdge.Link.FlashQueue.SegmentBytes / Math.Ceiling(bytesPerFrame));
            long segments = config.QueueBudgetBytes / CityEdge.Link.FlashQueue.SegmentBytes;
            double hours = (segments - 1) * framesPerSegment * config.ReportPeriodS / 3600.0;
            console.Ui.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Flash queue: {bytesPerFrame:F1} bytes per queued report; link.queue_budget_bytes = {config.QueueBudgetBytes} holds at least {(segments - 1) * framesPerSegment} reports = {hours:F1} h at report.period_s = {config.ReportPeriodS} (+ link.outbox_frames = {config.OutboxFrames} in RAM)."));
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
