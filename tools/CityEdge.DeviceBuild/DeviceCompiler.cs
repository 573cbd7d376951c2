using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CityEdge.DeviceBuild;

/// <summary>The outcome of compiling one .nfproj.</summary>
public sealed record DeviceCompileResult(NfProject Project, IReadOnlyList<Diagnostic> Errors, int WarningCount, long ImageBytes, IReadOnlyList<string> Undeclared)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Compiles an .nfproj's sources as the nanoFramework build does (C# 9, NANOFRAMEWORK_1_0 and DEBUG
/// defined, Debug being the configuration CityEdge.sln's Device configuration builds) with the SDK's
/// Roslyn, against the real mscorlib and the signature libraries. A call to an API that does not exist
/// in those, or a wrong overload, is a compile error with file and line. What it cannot see: the
/// metadata processor's own limits and the native side (docs/device-app.md).
/// </summary>
public sealed class DeviceCompiler
{
    /// <summary>Preprocessor symbols: the nanoFramework project system defines NANOFRAMEWORK_1_0 (the
    /// libraries' shared sources test it); Debug builds define DEBUG.</summary>
    public static readonly string[] PreprocessorSymbols = ["NANOFRAMEWORK_1_0", "DEBUG", "TRACE"];

    private readonly MetadataReference _mscorlib;
    private readonly Dictionary<string, SignatureLibrary> _libraries;
    private readonly Dictionary<string, MetadataReference> _compiled = new(StringComparer.Ordinal);

    public DeviceCompiler(string mscorlibPath, string signaturesFolder)
    {
        _mscorlib = MetadataReference.CreateFromFile(mscorlibPath);
        _libraries = SignatureLibrary.LoadAll(signaturesFolder).ToDictionary(l => l.AssemblyName, StringComparer.Ordinal);
    }

    /// <summary>The real mscorlib (NuGet nanoFramework.CoreLibrary 1.17.11) and Signatures/ of this repository.</summary>
    public static DeviceCompiler ForRepository() => new(Metadata("NanoMscorlib"), Path.Combine(RepoRoot, "tools", "CityEdge.DeviceBuild", "Signatures"));

    public static string RepoRoot => Metadata("RepoRoot");

    public IReadOnlyCollection<SignatureLibrary> Libraries => _libraries.Values;

    /// <summary>Every .nfproj CityEdge.sln lists.</summary>
    public static IReadOnlyList<string> SolutionNfProjects()
    {
        return File.ReadLines(Path.Combine(RepoRoot, "CityEdge.sln"))
            .Where(l => l.StartsWith("Project(", StringComparison.Ordinal))
            .Select(l => l.Split('"')[5].Replace('\\', '/'))
            .Where(p => p.EndsWith(".nfproj", StringComparison.Ordinal))
            .Select(p => Path.Combine(RepoRoot, p))
            .ToList();
    }

    public DeviceCompileResult Compile(NfProject project, IEnumerable<string>? extraSources = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9, preprocessorSymbols: PreprocessorSymbols);
        var trees = project.Sources.Concat(extraSources ?? [])
            .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file))
            .ToList();
        var references = new List<MetadataReference> { _mscorlib };
        var undeclared = new List<string>();
        var errors = new List<Diagnostic>();
        foreach (var reference in project.References.Where(r => r.AssemblyName != "mscorlib"))
        {
            if (!_libraries.TryGetValue(reference.AssemblyName, out var library))
            {
                undeclared.Add(reference.AssemblyName);
                continue;
            }

            if (reference.PackageVersion != null && reference.PackageVersion != library.PackageVersion)
            {
                errors.Add(Diagnostic.Create(VersionMismatch, Location.None, project.Path, reference.AssemblyName, reference.PackageVersion, library.File, library.PackageVersion));
            }

            references.Add(Reference(library));
        }

        var kind = project.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compilation = CSharpCompilation.Create(project.AssemblyName, trees, references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Disable, optimizationLevel: OptimizationLevel.Release));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        errors.AddRange(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        int warnings = emitted.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        return new DeviceCompileResult(project, errors, warnings, emitted.Success ? image.Length : 0, undeclared);
    }

    private static readonly DiagnosticDescriptor VersionMismatch = new("CEDB01", "Signature version mismatch",
        "{0} references {1} {2}, but {3} declares {4}: check the API at the pinned version and update the file",
        "DeviceBuild", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private MetadataReference Reference(SignatureLibrary library)
    {
        if (_compiled.TryGetValue(library.AssemblyName, out var done))
        {
            return done;
        }

        var dependencies = library.References.Select(name => _libraries.TryGetValue(name, out var dependency)
            ? Reference(dependency)
            : throw new InvalidDataException($"{library.File}: references {name}, which has no file in Signatures/")).ToList();
        var compilation = library.Compile(_mscorlib, dependencies);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidDataException($"{library.File} does not compile: " + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        var reference = MetadataReference.CreateFromImage(image.ToArray(), filePath: library.File);
        _compiled[library.AssemblyName] = reference;
        return reference;
    }

    private static string Metadata(string key) =>
        typeof(DeviceCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
