using System.Diagnostics;
using System.Text.Json;

namespace CityEdge.DeviceBuild;

/// <summary>One reference of an .nfproj: the assembly name and the package version its HintPath names.</summary>
public sealed record NfReference(string AssemblyName, string? AssemblyVersion, string? PackageId, string? PackageVersion);

/// <summary>
/// What an .nfproj compiles, as MSBuild evaluates it (`dotnet msbuild -getItem`): its Compile items
/// (shared projects and wildcards expanded) and its References. The nanoFramework project system's own
/// props are absent here (they are Windows/VS tooling), so only the project's own items count, which
/// is what it compiles.
/// </summary>
public sealed record NfProject(string Path, string AssemblyName, string OutputType, IReadOnlyList<string> Sources, IReadOnlyList<NfReference> References)
{
    public static NfProject Load(string nfproj)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "msbuild", System.IO.Path.GetFullPath(nfproj), "-nologo", "-getItem:Compile", "-getItem:Reference", "-getProperty:AssemblyName", "-getProperty:OutputType" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet msbuild");
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet msbuild could not evaluate {nfproj} (exit {process.ExitCode}): {output}{error}");
        }

        using var json = JsonDocument.Parse(output);
        var properties = json.RootElement.GetProperty("Properties");
        var items = json.RootElement.GetProperty("Items");
        var sources = Items(items, "Compile").Select(i => i.GetProperty("FullPath").GetString()!).ToList();
        var references = Items(items, "Reference").Select(i => ParseReference(i.GetProperty("Identity").GetString()!, i.TryGetProperty("HintPath", out var hint) ? hint.GetString() : null)).ToList();
        return new NfProject(System.IO.Path.GetFullPath(nfproj), properties.GetProperty("AssemblyName").GetString()!, properties.GetProperty("OutputType").GetString()!, sources, references);
    }

    /// <summary>"Name, Version=1.2.3.4, ..." and a HintPath "..\packages\Id.1.2.3\lib\..." → name, version, package id and version.</summary>
    public static NfReference ParseReference(string include, string? hintPath)
    {
        string[] parts = include.Split(',', StringSplitOptions.TrimEntries);
        string? version = parts.Skip(1).Where(p => p.StartsWith("Version=", StringComparison.Ordinal)).Select(p => p["Version=".Length..]).FirstOrDefault();
        string? packageId = null;
        string? packageVersion = null;
        if (hintPath != null)
        {
            string[] segments = hintPath.Replace('\\', '/').Split('/');
            int packages = Array.IndexOf(segments, "packages");
            if (packages >= 0 && packages + 1 < segments.Length)
            {
                // "nanoFramework.M2Mqtt.5.1.220": the version is the trailing run of numeric segments.
                string[] dotted = segments[packages + 1].Split('.');
                int first = dotted.Length;
                while (first > 0 && dotted[first - 1].All(char.IsDigit))
                {
                    first--;
                }

                packageId = string.Join('.', dotted[..first]);
                packageVersion = string.Join('.', dotted[first..]);
            }
        }

        return new NfReference(parts[0], version, packageId, packageVersion);
    }

    private static IEnumerable<JsonElement> Items(JsonElement items, string name) =>
        items.TryGetProperty(name, out var list) ? list.EnumerateArray() : [];
}
