using CityEdge.Cli;

namespace CityEdge.Host.Tests.Cli;

/// <summary>Runs `cityedge` in-process with a captured console.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await CityEdgeCli.RunAsync(args, CliConsole.ForTest(output, error));
        return (exit, output.ToString(), error.ToString());
    }
}
