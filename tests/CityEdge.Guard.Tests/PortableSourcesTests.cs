using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Guard.Tests
{
    /// <summary>The guard over the repository's real portable sources with the real allow-list.</summary>
    [TestClass]
    public sealed class PortableSourcesTests
    {
        private static readonly string[] PortableRoots = { Path.Combine("firmware", "CityEdge.Core"), "drivers" };

        [TestMethod]
        public void PortableSourcesObeyTheSubset()
        {
            string root = CityEdge.Tests.RepoFiles.Root;
            string listPath = Path.Combine(root, "firmware", "nanoframework-api.txt");
            if (!File.Exists(listPath))
                Assert.Fail("The nanoFramework allow-list " + listPath + " is missing: the guard cannot check the portable sources without it.");

            List<string> files = PortableRoots
                .Select(r => Path.Combine(root, r))
                .Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
                .Where(IsPortable)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            Assert.IsNotEmpty(files, "No portable sources found under " + string.Join(" or ", PortableRoots) + " in " + root);

            IEnumerable<SyntaxTree> trees = files.Select(f => CSharpSyntaxTree.ParseText(
                File.ReadAllText(f), GuardHarness.ParseOptions, Path.GetRelativePath(root, f)));
            ImmutableArray<Diagnostic> found = GuardHarness.Run(
                trees, new InMemoryText(listPath, File.ReadAllText(listPath)), out ImmutableArray<Diagnostic> compilerErrors);

            Assert.IsEmpty(found,
                found.Length + " nanoFramework guard diagnostic(s) in " + files.Count + " portable files:\n"
                + string.Join("\n", found.Select(GuardHarness.Describe))
                + (compilerErrors.IsEmpty ? "" : "\n(the sources also had " + compilerErrors.Length + " host compiler error(s), e.g. " + compilerErrors[0] + ")"));
        }

        /// <summary>
        /// The device image compiles the core without its *.host.cs files (the command centre's decoders,
        /// CityEdge.Core.projitems): nothing the node runs may call into them.
        /// </summary>
        [TestMethod]
        public void TheCoreCompilesWithoutItsHostOnlyFiles()
        {
            string core = Path.Combine(CityEdge.Tests.RepoFiles.Root, "firmware", "CityEdge.Core");
            List<string> all = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(IsPortable).ToList();
            List<string> device = all.Where(f => !f.EndsWith(".host.cs", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.IsTrue(device.Count < all.Count, "no *.host.cs file in the core: the decoders are back in the device image");

            GuardHarness.Run(device.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), GuardHarness.ParseOptions, f)),
                null, out ImmutableArray<Diagnostic> errors);
            Assert.IsEmpty(errors, "the device's share of the core does not compile:\n" + string.Join("\n", errors.Take(10)));
        }

        // Device-only *.nf.cs files and build output are not part of the portable core.
        private static bool IsPortable(string path)
        {
            if (path.EndsWith(".nf.cs", StringComparison.OrdinalIgnoreCase))
                return false;
            string[] parts = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return !parts.Contains("obj") && !parts.Contains("bin");
        }
    }
}
