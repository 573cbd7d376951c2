using System.CommandLine;
using System.CommandLine.Parsing;
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
        root.Subcommands.Add(BridgeCommand.Create(console));
        root.Subcommands.Add(DecodeCommand.Create(console));
        root.Subcommands.Add(ConfigCommand.Create(console));
        root.Subcommands.Add(ProvisionCommand.Create(console));
        root.Subcommands.Add(ReplayCommand.Create(console));
        root.Subcommands.Add(AqiCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(AstroCommand.Create(console));
        root.Subcommands.Add(TrafficCommand.Create(console));
        root.Subcommands.Add(CommandCommand.Create(console));
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var parse = Build(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Bad arguments are bad input like any other (exit code 2), each named on its own line.
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine("error: " + error.Message);
            }

            console.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return Task.FromResult(ExitCodes.InvalidInput);
        }

        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>"cityedge replay air" for the command the arguments reached.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult c && c.Parent != null; result = c.Parent)
        {
            names.Insert(0, c.Command.Name);
        }

        return "cityedge" + string.Concat(names.Select(n => " " + n));
    }
}
