using System.CommandLine;
using System.Diagnostics;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge monitor`: subscribe to a broker and decode every node's telemetry and events.</summary>
internal static class MonitorCommand
{
    public static Command Create(CliConsole console)
    {
        var topicRoot = CommonOptions.TopicRoot();
        var format = CommonOptions.Format(FleetOutput.Formats.Keys.Concat(FleetOpenDataOutput.OpenDataFormats));
        var duration = CommonOptions.Duration("--duration", "Stop after this much time and print the summary (default: until Ctrl+C)", Timeout.InfiniteTimeSpan);
        var maxNodes = CommonOptions.Integer("--max-nodes", "Track at most this many node ids (each costs about 5 KB); further ids are counted as ignored.", 10_000, 1, 1_000_000);

        var command = new Command("monitor", "Subscribe to every node's telemetry, events and status under a topic root, decode them, count gaps, and end with a summary. Exit code: 0 nothing lost, 1 reports or events missing or undecodable, 3 broker unreachable (at the start or at the end).")
        {
            topicRoot, format, duration, maxNodes,
        };
        var openData = OpenDataCliOptions.AddTo(command);
        var connection = BrokerConnectionOptions.AddTo(command, "The MQTT broker to watch.");
        command.SetAction((parse, cancellationToken) =>
        {
            MqttClientSettings? settings = connection.Settings(parse, console);
            string chosen = parse.GetValue(format)!;
            if (settings == null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            FleetOutput output;
            if (FleetOpenDataOutput.OpenDataFormats.Contains(chosen))
            {
                if (openData.Read(parse, console) is not { } options)
                {
                    return Task.FromResult(ExitCodes.InvalidInput);
                }

                output = new FleetOpenDataOutput(console, chosen, options);
            }
            else
            {
                output = FleetOutput.Create(chosen, console);
            }

            return RunAsync(console, settings, parse.GetValue(topicRoot)!, output, chosen == "table", parse.GetValue(duration), new ReceiverOptions { MaxNodes = parse.GetValue(maxNodes) }, cancellationToken);
        });
        return command;
    }

    public static Task<int> RunAsync(CliConsole console, MqttClientSettings broker, string topicRoot, string format, TimeSpan duration, ReceiverOptions options, CancellationToken cancellationToken) =>
        RunAsync(console, broker, topicRoot, FleetOutput.Create(format, console), format == "table", duration, options, cancellationToken);

    public static async Task<int> RunAsync(CliConsole console, MqttClientSettings broker, string topicRoot, FleetOutput output, bool table, TimeSpan duration, ReceiverOptions options, CancellationToken cancellationToken)
    {
        TelemetryReceiver receiver;
        try
        {
            receiver = await TelemetryReceiver.ConnectAsync(broker, topicRoot, options, cancellationToken).ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            console.Error.WriteLine($"error: cannot reach the MQTT broker at {broker.Broker}: {ex.Message}");
            return ExitCodes.BrokerUnavailable;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }

        await using (receiver.ConfigureAwait(false))
        {
            output.Attach(receiver, broker.Broker.ToString());
            output.Connected(broker.Broker.ToString());
            if (table)
            {
                console.Ui.MarkupLine($"Watching [bold]{Markup.Escape(topicRoot)}/+/telemetry, events, status[/] on {Markup.Escape(broker.Broker.ToString())}; Ctrl+C stops.");
            }

            var watch = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(duration);
            if (output.LiveView(receiver.Nodes, "Command centre") is { } view)
            {
                await console.Ui.Live(view).StartAsync(async live =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await Task.Delay(250, CancellationToken.None).ConfigureAwait(false);
                        live.UpdateTarget(output.LiveView(receiver.Nodes, "Command centre")!);
                    }
                }).ConfigureAwait(false);
            }
            else
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }

            var summary = ReceiverSummary.Of(receiver, watch.Elapsed);
            output.Close(summary, receiver.Nodes);
            if (!summary.ConnectedAtEnd)
            {
                console.Error.WriteLine($"error: the connection to the MQTT broker at {broker.Broker} was down at the end: the figures may be incomplete");
                return ExitCodes.BrokerUnavailable;
            }

            return summary.DataLost ? ExitCodes.DataProblem : ExitCodes.Ok;
        }
    }
}
