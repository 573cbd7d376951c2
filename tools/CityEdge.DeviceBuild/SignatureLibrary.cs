using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CityEdge.DeviceBuild;

/// <summary>
/// One file of Signatures/: the public API of one nanoFramework assembly as declarations only, with a
/// header naming the assembly, the package version, the assemblies it references and the sources read:
/// <code>
/// // assembly: nanoFramework.M2Mqtt, Version=5.1.220.0
/// // package: nanoFramework.M2Mqtt 5.1.220
/// // references: nanoFramework.M2Mqtt.Core, System.Net
/// // source: nanoframework/nanoFramework.m2mqtt @ 8208787…, M2Mqtt/MqttClient.cs
/// </code>
/// </summary>
public sealed record SignatureLibrary(string File, string AssemblyName, string AssemblyVersion, string PackageId, string PackageVersion, IReadOnlyList<string> References, IReadOnlyList<string> Sources)
{
    public static IReadOnlyList<SignatureLibrary> LoadAll(string folder) =>
        Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal).Select(Load).ToList();

    public static SignatureLibrary Load(string file)
    {
        string? assembly = null;
        string? version = null;
        string? packageId = null;
        string? packageVersion = null;
        var references = new List<string>();
        var sources = new List<string>();
        foreach (string line in System.IO.File.ReadLines(file).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)))
        {
            string text = line[2..].Trim();
            if (Value(text, "assembly:") is { } a)
            {
                string[] parts = a.Split(',', StringSplitOptions.TrimEntries);
                assembly = parts[0];
                version = parts.Skip(1).Where(p => p.StartsWith("Version=", StringComparison.Ordinal)).Select(p => p["Version=".Length..]).FirstOrDefault();
            }
            else if (Value(text, "package:") is { } p)
            {
                string[] parts = p.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                packageId = parts[0];
                packageVersion = parts.Length > 1 ? parts[1] : null;
            }
            else if (Value(text, "references:") is { } r)
            {
                references.AddRange(r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
            else if (Value(text, "source:") is { } s)
            {
                sources.Add(s);
            }
        }

        if (assembly == null || version == null || packageId == null || packageVersion == null || sources.Count == 0)
        {
            throw new InvalidDataException($"{file}: the header needs '// assembly: Name, Version=…', '// package: Id version' and at least one '// source: repo @ commit, files' line");
        }

        return new SignatureLibrary(file, assembly, version, packageId, packageVersion, references, sources);
    }

    /// <summary>Compiles the declarations into an assembly with the library's name and version.</summary>
    public Compilation Compile(MetadataReference mscorlib, IEnumerable<MetadataReference> references)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(System.IO.File.ReadAllText(File), parse, File),
            CSharpSyntaxTree.ParseText($"[assembly: System.Reflection.AssemblyVersion(\"{AssemblyVersion}\")]", parse, File + ".version.cs"),
        };
        return CSharpCompilation.Create(AssemblyName, trees, new[] { mscorlib }.Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
    }

    private static string? Value(string text, string key) =>
        text.StartsWith(key, StringComparison.Ordinal) ? text[key.Length..].Trim() : null;
}
