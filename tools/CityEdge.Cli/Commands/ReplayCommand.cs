using System.CommandLine;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge replay`: run recorded inputs through the node's own logic.</summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("replay", "Run recorded inputs through the node's own logic, offline.");
        command.Subcommands.Add(ReplayLightingCommand.Create(console));
        return command;
    }
}
