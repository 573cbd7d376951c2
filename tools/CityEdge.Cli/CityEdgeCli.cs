using System.CommandLine;
using CityEdge.Cli.Commands;

namespace CityEdge.Cli;

/// <summary>The command tree. Each subcommand lives in its own file under Commands/.</summary>
public static class CityEdgeCli
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("CityEdge: simulate, monitor and inspect street-furniture sensor nodes.");
        root.Subcommands.Add(SimulateCommand.Create(console));
        root.Subcommands.Add(MonitorCommand.Create(console));
        root.Subcommands.Add(DecodeCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(ReplayCommand.Create(console));
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return Build(console).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
