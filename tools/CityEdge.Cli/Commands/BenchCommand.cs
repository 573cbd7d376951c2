using System.CommandLine;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge bench`: measured costs of the node's algorithms on this machine (not tests).</summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "Measure what the node's algorithms cost on this machine; figures go into docs/.");
        command.Subcommands.Add(BenchNoiseCommand.Create(console));
        command.Subcommands.Add(BenchParkingCommand.Create(console));
        command.Subcommands.Add(BenchAllocCommand.Create(console));
        command.Subcommands.Add(BenchPayloadCommand.Create(console));
        command.Subcommands.Add(BenchWireCommand.Create(console));
        command.Subcommands.Add(BenchReceiverCommand.Create(console));
        return command;
    }
}
