using System.CommandLine;
using System.Diagnostics;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Host.Simulation;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge simulate`: a fleet of virtual nodes and a command centre, live.</summary>
internal static class SimulateCommand
{
    private static readonly TimeSpan OutageDrainMargin = TimeSpan.FromMinutes(10);

    public static Command Create(CliConsole console)
    {
        var nodes = CommonOptions.Integer("--nodes", "Virtual nodes to run.", 5, 1, 500);
        var duration = CommonOptions.Duration("--duration", "Simulated time to run", TimeSpan.FromMinutes(10));
        var speed = CommonOptions.Number("--speed", "Simulated seconds per real second; 0 runs as fast as possible.", 0, 1e6, 60);
        var broker = CommonOptions.Broker("Use this MQTT broker instead of the embedded one on 127.0.0.1.");
        var topicRoot = CommonOptions.TopicRoot();
        var outage = CommonOptions.Duration("--outage", "Every node loses its backhaul for this long and must ride it out (store-and-forward)", TimeSpan.Zero);
        var outageAt = CommonOptions.Duration("--outage-at", "When the outage starts, in simulated time", TimeSpan.FromMinutes(5));

        var command = new Command("simulate", "Run virtual nodes (the real node core on simulated sensors) against an MQTT broker and show what the command centre receives.")
        {
            nodes, duration, speed, broker, topicRoot, outage, outageAt,
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
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, FleetOptions options, BrokerAddress? externalBroker, CancellationToken cancellationToken)
    {
        if (options.OutageAt is { } at && options.Duration < at + options.Outage + OutageDrainMargin)
        {
            // The run must outlast the outage long enough to drain the backlog (link.drain_per_s).
            options = options with { Duration = at + options.Outage + OutageDrainMargin };
            console.Ui.MarkupLine($"Run extended to {options.Duration} of simulated time so the backlog can drain after the outage.");
        }

        EmbeddedBroker? embedded = null;
        try
        {
            BrokerAddress address;
            if (externalBroker == null)
            {
                embedded = await EmbeddedBroker.StartAsync().ConfigureAwait(false);
                address = embedded.Address;
                console.Ui.MarkupLine($"Embedded MQTT broker on [bold]{address}[/] (watch it with: cityedge monitor --broker {address} --topic-root {options.TopicRoot})");
            }
            else
            {
                address = externalBroker;
                console.Ui.MarkupLine($"Using MQTT broker [bold]{Markup.Escape(address.ToString())}[/]");
            }

            return await RunFleetAsync(console, options, address, cancellationToken).ConfigureAwait(false);
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

    private static async Task<int> RunFleetAsync(CliConsole console, FleetOptions options, BrokerAddress address, CancellationToken cancellationToken)
    {
        await using var receiver = await TelemetryReceiver.ConnectAsync(address, options.TopicRoot, cancellationToken).ConfigureAwait(false);
        if (!console.Interactive)
        {
            receiver.ReportReceived += received => console.Out.WriteLine(FleetView.Line(received));
        }

        await using var fleet = await Fleet.StartAsync(options, address, cancellationToken).ConfigureAwait(false);
        console.Ui.MarkupLine($"{options.Nodes} virtual node(s), {options.Duration} of simulated time at "
            + (options.Speed > 0 ? $"{options.Speed}x" : "full speed") + "; Ctrl+C stops early.");
        var wall = Stopwatch.StartNew();
        var run = fleet.RunAsync(cancellationToken);
        if (console.Interactive)
        {
            await console.Ui.Live(FleetView.NodeTable(receiver.Nodes, "Command centre"))
                .StartAsync(async live =>
                {
                    while (!run.IsCompleted)
                    {
                        await Task.WhenAny(run, Task.Delay(250, CancellationToken.None)).ConfigureAwait(false);
                        live.UpdateTarget(FleetView.NodeTable(receiver.Nodes, $"Command centre — simulated {fleet.Clock.UtcNow():yyyy-MM-dd HH:mm:ss} UTC"));
                    }
                }).ConfigureAwait(false);
        }

        try
        {
            await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            console.Ui.MarkupLine("[yellow]Stopped early.[/]");
        }

        await WaitForDeliveryAsync(receiver, fleet.ReportsProduced).ConfigureAwait(false);
        wall.Stop();
        return Summarise(console, receiver, fleet, wall.Elapsed);
    }

    /// <summary>A publish is acknowledged by the broker before the receiver has it; give it a moment.</summary>
    private static async Task WaitForDeliveryAsync(TelemetryReceiver receiver, int produced)
    {
        var deadline = Stopwatch.StartNew();
        while (receiver.Nodes.Sum(n => n.Received + n.Sequences.Duplicates + n.DecodeErrors) < produced && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20).ConfigureAwait(false);
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
            console.Ui.MarkupLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Flash queue: {bytesPerFrame:F1} bytes per queued report; link.queue_budget_bytes = {config.QueueBudgetBytes} holds at least {(segments - 1) * framesPerSegment} reports = {hours:F1} h at report.period_s = {config.ReportPeriodS} (+ link.outbox_frames = {config.OutboxFrames} in RAM)."));
        }
    }

    private static int Summarise(CliConsole console, TelemetryReceiver receiver, Fleet fleet, TimeSpan wall)
    {
        var nodes = receiver.Nodes;
        console.Ui.Write(FleetView.NodeTable(nodes, "Summary"));
        int received = nodes.Sum(n => n.Received);
        int missing = nodes.Sum(n => n.Sequences.Missing);
        int skipped = nodes.Sum(n => n.Sequences.SkippedAtReboot);
        int duplicates = nodes.Sum(n => n.Sequences.Duplicates);
        int bad = nodes.Sum(n => n.DecodeErrors);
        int unsent = fleet.Nodes.Sum(n => n.Runtime.OutboxCount);
        console.Ui.MarkupLine($"Simulated {fleet.Clock.UtcNow() - fleet.Clock.StartUtc:g} in {wall.TotalSeconds:F1} s: "
            + $"{fleet.ReportsProduced} report(s) produced, {received} received, {missing} missing{(skipped > 0 ? $" ({skipped} skipped at reboots)" : "")}, {duplicates} duplicate(s), {bad} bad frame(s), {unsent} unsent.");
        if (fleet.OutageOver)
        {
            SummariseOutage(console, fleet, unsent);
        }

        return missing == 0 && duplicates == 0 && bad == 0 && received == fleet.ReportsProduced ? ExitCodes.Ok : ExitCodes.DataProblem;
    }
}
