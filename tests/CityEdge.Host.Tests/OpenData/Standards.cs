using CityEdge.Tests;

namespace CityEdge.Host.Tests.OpenData;

/// <summary>
/// The published standards' data (FIWARE Smart Data Models schemas and examples, RFC 8428's SenML
/// examples) that some tests check against. It is not part of the repository: it lives in
/// shared/standards beside the clone. Looked up in this order: the CITYEDGE_STANDARDS environment
/// variable; then shared/standards in the repository's parent folder and each folder above it (CI
/// clones the repository next to shared/; a worktree may sit deeper). Tests that need it are skipped,
/// saying where they looked, when it is not found.
/// </summary>
internal static class Standards
{
    public const string Variable = "CITYEDGE_STANDARDS";

    private static readonly Lazy<(string? Path, string Searched)> Found = new(Find);

    /// <summary>The folder, or Assert.Inconclusive (the test is skipped) naming where it was looked for.</summary>
    public static string Root
    {
        get
        {
            var (path, searched) = Found.Value;
            if (path == null)
            {
                Assert.Inconclusive($"skipped: the published standards' data (shared/standards) was not found; looked in {searched}. Set {Variable} to its folder to run this test.");
            }

            return path!;
        }
    }

    public static string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Root, relativePath));

    private static (string?, string) Find()
    {
        var searched = new List<string>();
        string? variable = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(variable))
        {
            searched.Add($"${Variable}={variable}");
            if (Directory.Exists(variable))
            {
                return (variable, "");
            }
        }

        for (var dir = new DirectoryInfo(RepoFiles.Root).Parent; dir != null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "standards");
            searched.Add(candidate);
            if (Directory.Exists(candidate))
            {
                return (candidate, "");
            }
        }

        return (null, string.Join(", ", searched));
    }
}
