using System.CommandLine;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge replay`: run recorded sensor data through the node's own algorithms.</summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("replay", "Replay recorded sensor data through the node's algorithms.");
        command.Subcommands.Add(ReplayParkingCommand.Create(console));
        return command;
    }
}
