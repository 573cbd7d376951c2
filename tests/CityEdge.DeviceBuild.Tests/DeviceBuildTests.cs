using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CityEdge.DeviceBuild.Tests;

/// <summary>
/// The device app and the nanoFramework test projects compile against the real nanoFramework mscorlib
/// (NuGet nanoFramework.CoreLibrary 1.17.11) and the signature declarations of the other pinned
/// packages; an API that does not exist there, or a wrong overload, is an error (tools/CityEdge.DeviceBuild).
/// </summary>
[TestClass]
public sealed class DeviceBuildTests
{
    private const string DeviceApp = "firmware/CityEdge.Device/CityEdge.Device.nfproj";
    private static readonly Lazy<DeviceCompiler> Compiler = new(DeviceCompiler.ForRepository);
    private static readonly Dictionary<string, NfProject> Projects = [];

    [TestMethod]
    public void TheSolutionsNfProjectsAreTheDeviceAppAndBothTestProjects()
    {
        var listed = DeviceCompiler.SolutionNfProjects().Select(p => Path.GetRelativePath(DeviceCompiler.RepoRoot, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(new[] { DeviceApp, "tests/CityEdge.Device.HardwareTests/CityEdge.Device.HardwareTests.nfproj", "tests/CityEdge.Device.LogicTests/CityEdge.Device.LogicTests.nfproj" }, listed);
    }

    [TestMethod]
    [DataRow(DeviceApp)]
    [DataRow("tests/CityEdge.Device.LogicTests/CityEdge.Device.LogicTests.nfproj")]
    [DataRow("tests/CityEdge.Device.HardwareTests/CityEdge.Device.HardwareTests.nfproj")]
    public void TheProjectCompilesAgainstTheRealMscorlibAndThePinnedApis(string nfproj)
    {
        var result = Compiler.Value.Compile(Load(nfproj));

        Assert.AreEqual(0, result.Errors.Count, string.Join("\n", result.Errors));
        Assert.IsGreaterThan(100, result.Project.Sources.Count, "the shared core and drivers are part of it");
    }

    [TestMethod]
    public void APlantedWrongApiCallFailsTheCheckWithItsLine()
    {
        // Each line compiles on the host's .NET; none exists in the pinned nanoFramework libraries.
        string planted = Path.Combine(Path.GetTempPath(), "cityedge-planted-" + Guid.NewGuid().ToString("N") + ".cs");
        File.WriteAllText(planted, """
            namespace CityEdge.Device
            {
                internal static class Planted
                {
                    internal static void Calls(nanoFramework.M2Mqtt.MqttClient client, System.Device.Gpio.GpioPin pin)
                    {
                        System.Diagnostics.Debug.Print("no Debug.Print on nanoFramework");
                        string joined = string.Join(",", new string[] { "a", "b" });
                        client.Publish("topic", new byte[0], nanoFramework.M2Mqtt.Messages.MqttQoSLevel.AtLeastOnce, false);
                        long larger = System.Math.Max(1L, 2L);
                    }
                }
            }
            """);
        try
        {
            var result = Compiler.Value.Compile(Load(DeviceApp), [planted]);
            var errors = result.Errors.Where(e => e.Location.GetLineSpan().Path == planted)
                .Select(e => (Line: e.Location.GetLineSpan().StartLinePosition.Line + 1, e.Id)).ToList();

            Assert.IsFalse(result.Succeeded, "the check fails");
            CollectionAssert.Contains(errors, (7, "CS0117"), "Debug.Print does not exist: " + string.Join(", ", errors));
            CollectionAssert.Contains(errors, (8, "CS0117"), "string.Join does not exist");
            Assert.IsTrue(errors.Any(e => e.Line == 9 && e.Id is "CS1503" or "CS1501"), "M2Mqtt 5.1 has no Publish(topic, message, qos, retain)");
            CollectionAssert.Contains(errors, (10, "CS0266"), "Math.Max(long, long) binds to double: no implicit conversion to long");
            Assert.AreEqual(result.Errors.Count, errors.Count, "and nothing else fails: " + string.Join("\n", result.Errors));
        }
        finally
        {
            File.Delete(planted);
        }
    }

    [TestMethod]
    public void EverySignatureFileCitesItsLibraryAndMatchesThePinnedVersion()
    {
        var packages = XDocument.Load(Path.Combine(DeviceCompiler.RepoRoot, "firmware/CityEdge.Device/packages.config")).Root!.Elements("package")
            .Concat(XDocument.Load(Path.Combine(DeviceCompiler.RepoRoot, "tests/CityEdge.Device.HardwareTests/packages.config")).Root!.Elements("package"))
            .GroupBy(p => (string)p.Attribute("id")!).ToDictionary(g => g.Key, g => (string)g.First().Attribute("version")!);
        var references = DeviceCompiler.SolutionNfProjects().SelectMany(p => Load(Path.GetRelativePath(DeviceCompiler.RepoRoot, p)).References)
            .GroupBy(r => r.AssemblyName).ToDictionary(g => g.Key, g => g.First());

        Assert.IsGreaterThan(15, Compiler.Value.Libraries.Count);
        foreach (var library in Compiler.Value.Libraries)
        {
            string name = Path.GetFileName(library.File);
            Assert.AreEqual(library.AssemblyName + ".cs", name, "one file per library, named after its assembly");
            Assert.IsTrue(library.Sources.All(s => s.Contains(" @ ", StringComparison.Ordinal)), name + ": each source names repository @ commit");
            Assert.AreEqual(library.PackageVersion, packages[library.PackageId], name + ": the version packages.config pins");
            Assert.IsTrue(references.ContainsKey(library.AssemblyName), name + ": an .nfproj references it");
            Assert.AreEqual(references[library.AssemblyName].AssemblyVersion, library.AssemblyVersion, name + ": the reference's assembly version");
        }
    }

    [TestMethod]
    public void SignatureFilesHoldDeclarationsOnly()
    {
        foreach (var library in Compiler.Value.Libraries)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(library.File)).GetRoot();
            foreach (var body in root.DescendantNodes().OfType<BlockSyntax>())
            {
                Assert.AreEqual(0, body.Statements.Count, $"{Path.GetFileName(library.File)} line {body.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: a body must be empty");
            }

            foreach (var arrow in root.DescendantNodes().OfType<ArrowExpressionClauseSyntax>())
            {
                Assert.AreEqual("throw null", arrow.Expression.ToString(), $"{Path.GetFileName(library.File)} line {arrow.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: members throw");
            }
        }
    }

    /// <summary>Evaluates every .nfproj once, side by side: each evaluation is a `dotnet msbuild` process.</summary>
    [ClassInitialize]
    public static void EvaluateProjects(TestContext context)
    {
        var paths = DeviceCompiler.SolutionNfProjects().Select(p => Path.GetRelativePath(DeviceCompiler.RepoRoot, p).Replace('\\', '/')).ToList();
        var loaded = paths.AsParallel().Select(p => (Path: p, Project: NfProject.Load(Path.Combine(DeviceCompiler.RepoRoot, p)))).ToList();
        foreach (var (path, project) in loaded)
        {
            Projects[path] = project;
        }
    }

    private static NfProject Load(string nfproj) => Projects[nfproj.Replace('\\', '/')];
}
