using System.CommandLine;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge bench`: benchmarks whose figures are recorded in docs/ (never timed tests).</summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "Run a benchmark or evaluation and print its figures.");
        command.Subcommands.Add(BenchParkingCommand.Create(console));
        return command;
    }
}
