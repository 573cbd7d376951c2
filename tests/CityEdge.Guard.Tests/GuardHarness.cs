using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using CityEdge.NanoGuard;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Guard.Tests
{
    /// <summary>Compiles C# as the host build of the portable core does (C# 9.0) and runs the guard over it.</summary>
    internal static class GuardHarness
    {
        public static readonly CSharpParseOptions ParseOptions =
            new CSharpParseOptions(LanguageVersion.CSharp9, DocumentationMode.Diagnose);

        // The runtime's own assemblies only: the test host's TPA list also carries Roslyn and MSTest.
        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new Lazy<ImmutableArray<MetadataReference>>(() =>
        {
            string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
            return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES"))
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        });

        /// <summary>A library compiled from <paramref name="source"/>, to reference from a snippet.</summary>
        public static MetadataReference Library(string assemblyName, string source) =>
            Compile(assemblyName, new[] { CSharpSyntaxTree.ParseText(source, ParseOptions) }, References.Value).ToMetadataReference();

        /// <summary>Guard diagnostics for the trees; <paramref name="allowList"/> null means no allow-list file.</summary>
        public static ImmutableArray<Diagnostic> Run(IEnumerable<SyntaxTree> trees, AdditionalText allowList,
            out ImmutableArray<Diagnostic> compilerErrors, params MetadataReference[] libraries)
        {
            CSharpCompilation compilation = Compile("CityEdge.GuardSnippet", trees, References.Value.AddRange(libraries));
            compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
            var options = new AnalyzerOptions(allowList == null ? ImmutableArray<AdditionalText>.Empty : ImmutableArray.Create(allowList));
            return compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NanoGuardAnalyzer()), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
                .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();
        }

        private static CSharpCompilation Compile(string assemblyName, IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references) =>
            CSharpCompilation.Create(assemblyName, trees, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        /// <summary>Guard diagnostics for one snippet, which must compile.</summary>
        public static ImmutableArray<Diagnostic> Run(string source, AdditionalText allowList, params MetadataReference[] libraries)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, ParseOptions, "Snippet.cs");
            ImmutableArray<Diagnostic> diagnostics = Run(new[] { tree }, allowList, out ImmutableArray<Diagnostic> errors, libraries);
            Assert.IsEmpty(errors, "The snippet itself must compile:\n" + string.Join("\n", errors));
            return diagnostics;
        }

        private static readonly Regex Marker = new Regex(@"/\*(CE\d{4})\*/");

        /// <summary>
        /// Runs the guard over a snippet in which every expected diagnostic is planted as a marker comment
        /// (<c>/*CE1002*/List&lt;int&gt;</c>) right before the syntax it must point at, and asserts that exactly
        /// those diagnostics appear, each with its id, line and column. Returns them for further checks.
        /// </summary>
        public static ImmutableArray<Diagnostic> Verify(string markedSource, params MetadataReference[] libraries)
        {
            var expected = new List<string>();
            var source = new StringBuilder();
            int last = 0;
            foreach (Match match in Marker.Matches(markedSource))
            {
                source.Append(markedSource, last, match.Index - last);
                last = match.Index + match.Length;
                expected.Add(match.Groups[1].Value + " at " + Position(source.ToString()));
            }
            source.Append(markedSource, last, markedSource.Length - last);

            ImmutableArray<Diagnostic> actual = Run(source.ToString(), Fixture.AllowList, libraries);
            string[] actualText = actual.Select(d => d.Id + " at " + Position(d)).ToArray();
            CollectionAssert.AreEqual(expected, actualText,
                "\nexpected: " + string.Join(", ", expected) + "\nactual:\n" + string.Join("\n", actual.Select(Describe)));
            return actual;
        }

        /// <summary><c>path(line,col): CE10xx message</c>, as the build prints it.</summary>
        public static string Describe(Diagnostic diagnostic)
        {
            if (diagnostic.Location == Location.None)
                return diagnostic.Id + ": " + diagnostic.GetMessage();
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            return span.Path + "(" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1) + "): "
                + diagnostic.Id + " " + diagnostic.GetMessage();
        }

        private static string Position(Diagnostic diagnostic)
        {
            if (diagnostic.Location == Location.None)
                return "(none)";
            LinePosition start = diagnostic.Location.GetLineSpan().StartLinePosition;
            return "(" + (start.Line + 1) + "," + (start.Character + 1) + ")";
        }

        // Line and column (1-based) of the end of the text so far, i.e. where the next character goes.
        private static string Position(string textSoFar)
        {
            int line = textSoFar.Count(c => c == '\n') + 1;
            int column = textSoFar.Length - (textSoFar.LastIndexOf('\n') + 1) + 1;
            return "(" + line + "," + column + ")";
        }
    }

    /// <summary>An in-memory AdditionalFiles item.</summary>
    internal sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
