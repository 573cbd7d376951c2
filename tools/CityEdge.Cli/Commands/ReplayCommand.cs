using System.CommandLine;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge replay`: run recorded sensor data through the node's own code.</summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("replay", "Run recorded sensor data through the node's own processing and print what it would report.");
        command.Subcommands.Add(ReplayNoiseCommand.Create(console));
        return command;
    }
}
