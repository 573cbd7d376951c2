using CityEdge.DeviceBuild;

// Compiles the given .nfproj files (default: every one in CityEdge.sln) against the real mscorlib and
// Signatures/; prints each project's errors and emitted size. Exit code 1 when any has errors.
var compiler = DeviceCompiler.ForRepository();
var projects = args.Length > 0 ? args.ToList() : DeviceCompiler.SolutionNfProjects().ToList();
int failed = 0;
foreach (string path in projects)
{
    var result = compiler.Compile(NfProject.Load(path));
    Console.WriteLine($"{Path.GetRelativePath(DeviceCompiler.RepoRoot, path)}: {result.Project.Sources.Count} files, {result.Errors.Count} error(s), "
        + $"{result.WarningCount} warning(s), IL image {result.ImageBytes} bytes"
        + (result.Undeclared.Count > 0 ? ", references without declarations (unused by its sources): " + string.Join(", ", result.Undeclared) : string.Empty));
    foreach (var error in result.Errors)
    {
        Console.WriteLine("  " + error);
    }

    failed += result.Succeeded ? 0 : 1;
}

return failed == 0 ? 0 : 1;
