using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Host.Performance;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge bench receiver`: how many reports per second the command centre's receiver takes (<see cref="ReceiverBench"/>).</summary>
internal static class BenchReceiverCommand
{
    public static Command Create(CliConsole console)
    {
        var messages = CommonOptions.Integer("--messages", "QoS 1 reports published as fast as the broker takes them.", 20_000, 1, 10_000_000);
        var nodes = CommonOptions.Integer("--nodes", "Node ids the reports are spread over.", 1_000, 1, 100_000);
        var receiveMaximum = CommonOptions.Integer("--receive-maximum", "The receiver's MQTT 5 Receive Maximum; 0 sends none (the broker's default: 20 on mosquitto).", new Host.Reports.ReceiverOptions().ReceiveMaximum, 0, ushort.MaxValue);
        var busy = CommonOptions.Integer("--busy-workers", "Thread-pool work items kept spinning meanwhile, as a simulated fleet keeps the pool busy around its receiver.", 0, 0, 64);
        var broker = CommonOptions.Broker("Use this MQTT broker instead of the embedded one on 127.0.0.1.");
        var format = CommonOptions.Format();
        var command = new Command("receiver", "Reports per second the command centre's receiver takes from a burst queued at the broker.")
        {
            messages, nodes, receiveMaximum, busy, broker, format,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(console, new ReceiverBenchOptions
        {
            Messages = parse.GetValue(messages),
            Nodes = parse.GetValue(nodes),
            ReceiveMaximum = (ushort)parse.GetValue(receiveMaximum),
            BusyWorkers = parse.GetValue(busy),
            Broker = parse.GetValue(broker),
        }, parse.GetValue(format) == "json", cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, ReceiverBenchOptions options, bool json, CancellationToken cancellationToken)
    {
        if (options.Messages / options.Nodes > 0xFFFF)
        {
            console.Error.WriteLine("error: --messages: at most 65 535 reports per node (--nodes), or sequence numbers repeat");
            return ExitCodes.InvalidInput;
        }

        ReceiverBenchFigures f;
        try
        {
            f = await ReceiverBench.RunAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            console.Error.WriteLine($"error: cannot reach the MQTT broker: {ex.Message}");
            return ExitCodes.BrokerUnavailable;
        }

        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                kind = "receiver",
                published = f.Published,
                received = f.Received,
                receive_maximum = f.ReceiveMaximum,
                busy_workers = options.BusyWorkers,
                publish_s = Math.Round(f.Publishing.TotalSeconds, 3),
                drain_s = Math.Round(f.Draining.TotalSeconds, 3),
                reports_per_s = Math.Round(f.PerSecond, 1),
            }));
        }
        else
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Receiver took {f.Received} of {f.Published} reports in {f.Draining.TotalSeconds:F2} s: {f.PerSecond:F0} reports/s (Receive Maximum {(f.ReceiveMaximum == 0 ? "not sent" : f.ReceiveMaximum)}, {options.BusyWorkers} busy workers; published in {f.Publishing.TotalSeconds:F2} s)."));
        }

        return f.Received == f.Published ? ExitCodes.Ok : ExitCodes.DataProblem;
    }
}
