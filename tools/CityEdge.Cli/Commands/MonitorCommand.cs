using System.CommandLine;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge monitor`: subscribe to a broker and decode every node's telemetry.</summary>
internal static class MonitorCommand
{
    public static Command Create(CliConsole console)
    {
        var topicRoot = CommonOptions.TopicRoot();
        var format = CommonOptions.Format();
        var duration = CommonOptions.Duration("--duration", "Stop after this much time (default: until Ctrl+C)", Timeout.InfiniteTimeSpan);

        var command = new Command("monitor", "Subscribe to every node's telemetry under a topic root and decode it.")
        {
            topicRoot, format, duration,
        };
        var connection = BrokerConnectionOptions.AddTo(command, "The MQTT broker to watch.");
        command.SetAction((parse, cancellationToken) =>
        {
            MqttClientSettings settings;
            try
            {
                settings = connection.Settings(parse);
            }
            catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                console.Error.WriteLine("error: " + ex.Message);
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            return RunAsync(console, settings, parse.GetValue(topicRoot)!, parse.GetValue(format) == "json", parse.GetValue(duration), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, MqttClientSettings broker, string topicRoot, bool json, TimeSpan duration, CancellationToken cancellationToken)
    {
        TelemetryReceiver receiver;
        try
        {
            receiver = await TelemetryReceiver.ConnectAsync(broker, topicRoot, cancellationToken).ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            console.Error.WriteLine($"error: cannot reach the MQTT broker at {broker.Broker}: {ex.Message}");
            return ExitCodes.BrokerUnavailable;
        }

        await using (receiver.ConfigureAwait(false))
        {
            var output = new object();
            receiver.ReportReceived += received =>
            {
                lock (output)
                {
                    if (json)
                    {
                        console.Out.WriteLine(received.Report != null
                            ? ReportJson.Format(received.Report, received.NodeId)
                            : System.Text.Json.JsonSerializer.Serialize(new { node = received.NodeId, error = received.Error }));
                    }
                    else if (!console.Interactive)
                    {
                        console.Out.WriteLine(FleetView.Line(received));
                    }
                }
            };

            if (!json)
            {
                console.Ui.MarkupLine($"Watching [bold]{Markup.Escape(topicRoot)}/+/telemetry[/] on {Markup.Escape(broker.Broker.ToString())}; Ctrl+C stops.");
            }

            try
            {
                if (console.Interactive && !json)
                {
                    await console.Ui.Live(FleetView.NodeTable(receiver.Nodes, "Command centre"))
                        .StartAsync(async live =>
                        {
                            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                            stop.CancelAfter(duration);
                            while (!stop.IsCancellationRequested)
                            {
                                await Task.Delay(250, CancellationToken.None).ConfigureAwait(false);
                                live.UpdateTarget(FleetView.NodeTable(receiver.Nodes, "Command centre"));
                            }
                        }).ConfigureAwait(false);
                }
                else
                {
                    await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Ok;
        }
    }
}
