using System;
using System.IO;

namespace CityEdge.Tests;

/// <summary>Files of this repository that tests read (docs, board profiles), found from the test binary.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityEdge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CityEdge.sln not found above " + AppContext.BaseDirectory);
    }
}
