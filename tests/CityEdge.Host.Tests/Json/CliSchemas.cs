using System.Text.Json;
using Json.Schema;

namespace CityEdge.Host.Tests.Json;

/// <summary>
/// The JSON Schemas of docs/schemas (one per command, plus the shared report, event and parking
/// figures), loaded once; <see cref="AssertValid"/> checks every line a command printed against its
/// command's schema, so the docs and the output cannot drift apart.
/// </summary>
internal static class CliSchemas
{
    public static readonly string Folder = Path.Combine(CityEdge.Tests.RepoFiles.Root, "docs", "schemas");

    private static readonly Lazy<(BuildOptions Build, Dictionary<string, JsonSchema> ByName)> Loaded = new(() =>
    {
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var files = Directory.GetFiles(Folder, "*.schema.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
        // Parse all first: a schema may refer to one later in the alphabet.
        var texts = files.ToDictionary(f => Path.GetFileName(f)[..^".schema.json".Length], File.ReadAllText);
        var byName = new Dictionary<string, JsonSchema>();
        foreach (var (name, text) in texts.OrderBy(t => t.Key is "report" or "event" or "parking-figures" or "monitor" ? 0 : 1))
        {
            byName[name] = JsonSchema.FromText(text, build);
        }

        return (build, byName);
    });

    public static IReadOnlyCollection<string> Names => Loaded.Value.ByName.Keys;

    /// <summary>Every non-empty line of <paramref name="output"/> is valid under docs/schemas/<paramref name="command"/>.schema.json.</summary>
    public static void AssertValid(string command, string output)
    {
        var schema = Loaded.Value.ByName[command];
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.IsNotEmpty(lines, command + " printed nothing");
        foreach (string line in lines)
        {
            using var document = JsonDocument.Parse(line);
            var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            Assert.IsTrue(result.IsValid, $"{command}: {line}\n" + string.Join("\n", result.Details?.Where(d => d.Errors != null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")) ?? []));
        }
    }
}
