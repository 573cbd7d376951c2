using System.Diagnostics;

namespace CityEdge.Host.Tests.Cli;

/// <summary>
/// The README's way of getting `cityedge` on the PATH (issue 18, item 15): `dotnet pack` the CLI into a
/// local folder, `dotnet tool install` from there, and the installed command runs. Packs the build the
/// tests already made (--no-build), into temporary folders.
/// </summary>
[TestClass]
public sealed class DotnetToolTests
{
    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task TheCliInstallsAsADotnetToolFromALocalPackage()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string folder = Directory.CreateTempSubdirectory("cityedge-tool-").FullName;
        try
        {
            string packages = Path.Combine(folder, "packages");
            string tools = Path.Combine(folder, "tools");
            await Run("dotnet", "pack", Path.Combine(CityEdge.Tests.RepoFiles.Root, "tools", "CityEdge.Cli"), "-c", configuration, "--no-build", "-o", packages);
            await Run("dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "CityEdge.Cli");

            string output = await Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "cityedge.exe" : "cityedge"), "decode", "0100000500000000", "--format", "json");

            Assert.AreEqual("{\"kind\":\"report\",\"version\":1,\"sequence\":5,\"timestamp\":null}", output.Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.AreEqual(0, process.ExitCode, $"{program} {string.Join(' ', arguments)}: {await output}{await error}");
        return await output;
    }
}
