using System.CommandLine;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge replay`: feed a recorded capture through the node's own parsers, one
/// subcommand per capability (each in its own file).</summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("replay", "Run a recorded sensor capture through the node's own parsers and print what they make of it.");
        command.Subcommands.Add(ReplayAirCommand.Create(console));
        command.Subcommands.Add(ReplayNoiseCommand.Create(console));
        command.Subcommands.Add(ReplayLightingCommand.Create(console));
        command.Subcommands.Add(ReplayParkingCommand.Create(console));
        return command;
    }
}
