using System.Text.Json;
using Json.Schema;

namespace CityEdge.Host.Tests.OpenData;

/// <summary>
/// The Smart Data Models' JSON Schemas from shared/standards/fiware, built offline: the schemas $ref
/// the common schema and the Environment schema by URL, so those URLs are registered to the local
/// copies and any other fetch fails. Formats (date-time, uri) are validated.
/// </summary>
internal static class FiwareSchemas
{
    private const string CommonUrl = "https://smart-data-models.github.io/data-models/common-schema.json";
    private const string EnvironmentUrl = "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/Environment-schema.json";
    private static readonly Dictionary<string, JsonSchema> Built = new();

    public static EvaluationResults Validate(string model, JsonElement instance)
    {
        var options = new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
        return Schema(model).Evaluate(instance, options);
    }

    /// <summary>The errors of a failed evaluation, one per line with where in the instance.</summary>
    public static string Describe(EvaluationResults results) => string.Join("\n", (results.Details ?? new List<EvaluationResults>())
        .Where(d => d.Errors != null)
        .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}")));

    private static JsonSchema Schema(string model)
    {
        lock (Built)
        {
            if (Built.TryGetValue(model, out var schema))
            {
                return schema;
            }

            var registry = new SchemaRegistry { Fetch = (uri, _) => throw new InvalidOperationException($"schema {uri} is not in shared/standards; no network fetch") };
            var build = new BuildOptions { SchemaRegistry = registry };
            string root = Path.Combine(Standards.Root, "fiware");
            registry.Register(new Uri(CommonUrl), JsonSchema.FromFile(Path.Combine(root, "common-schema.json"), build, new Uri(CommonUrl)));
            registry.Register(new Uri(EnvironmentUrl), JsonSchema.FromFile(Path.Combine(root, "Environment-schema.json"), build, new Uri(EnvironmentUrl)));
            schema = JsonSchema.FromFile(Path.Combine(root, model, "schema.json"), build);
            Built[model] = schema;
            return schema;
        }
    }
}
