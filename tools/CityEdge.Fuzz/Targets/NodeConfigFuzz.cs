using System.Collections;
using System.Reflection;
using CityEdge.Config;
using CityEdge.Lighting;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>Node config texts: the deployed file at boot, `config check`, and set-config's text with the node's policy.</summary>
public static class NodeConfigFuzz
{
    public const string Oracle = "never throws; a config or errors, never both; at most 33 errors, each on a line of the text; no error or refusal quotes a secret; no NaN or infinity in a parsed config; refusals fit one ack; TLS is never dropped without the factory's opt-in";

    private static readonly NodeConfig FactoryTls = Parse("node.id = lp-7\n");
    private static readonly NodeConfig FactoryLab = Parse("node.id = lp-7\nmqtt.tls = false\nmqtt.allow_plaintext = true\n");

    private static readonly PropertyInfo[] Floats = new[] { typeof(NodeConfig), typeof(LightingConfig), typeof(LightingSettings) }
        .SelectMany(t => t.GetProperties()).Where(p => p.PropertyType == typeof(float)).ToArray();

    /// <summary>A text, and how it arrives: 0 deployed (boot, `config check`), 1 by set-config to a node deployed
    /// with TLS only, 2 by set-config to a node deployed with the plaintext opt-in.</summary>
    public static readonly Gen<(string Text, int Route)> Inputs = Gen.Select(ConfigText.Texts, Gen.Int[0, 2], (text, route) => (text, route));

    public static void Check((string Text, int Route) input)
    {
        string text = input.Text;
        var errors = new ArrayList();
        NodeConfig config = NodeConfig.Parse(text, errors);
        if ((config == null) == (errors.Count == 0) || errors.Count > NodeConfig.MaxErrors + 1)
        {
            throw new InvalidOperationException($"config {(config == null ? "null" : "parsed")} with {errors.Count} error(s)");
        }

        int lines = text.Split('\n').Length;
        foreach (ConfigError error in errors)
        {
            string shown = error.ToString();
            if (error.Line < 0 || error.Line > lines || shown.Contains(ConfigText.SecretMark, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("error: " + shown);
            }
        }

        if (config != null)
        {
            CheckFinite(config);
            CheckFinite(config.Lighting);
            CheckFinite(config.Lighting.Settings);
            CurveFuzz.CheckCurve(config.Lighting.DutyCurve, 0f, 100f);
            CurveFuzz.CheckCurve(config.Lighting.DriverEfficiency, 1f, 100f);
            if (!config.MqttTls && !config.MqttAllowPlaintext)
            {
                throw new InvalidOperationException("plain MQTT without the opt-in");
            }
        }

        if (input.Route == 0)
        {
            return;
        }

        NodeConfig running = input.Route == 2 ? FactoryLab : FactoryTls;
        NodeConfig accepted = RemoteConfigPolicy.Check(running, text, out string refusal);
        if (accepted == null
            ? refusal == null || refusal.Length > RemoteConfigPolicy.MaxRefusalLength || refusal.Contains(ConfigText.SecretMark, StringComparison.Ordinal)
            : config == null || accepted.NodeId != running.NodeId || (!accepted.MqttTls && !running.MqttAllowPlaintext) || (accepted.MqttAllowPlaintext && !running.MqttAllowPlaintext))
        {
            throw new InvalidOperationException("set-config policy: " + (refusal ?? "accepted"));
        }
    }

    private static void CheckFinite(object settings)
    {
        foreach (var property in Floats.Where(p => p.DeclaringType == settings.GetType()))
        {
            if (!float.IsFinite((float)property.GetValue(settings)!))
            {
                throw new InvalidOperationException(property.Name + " is not finite");
            }
        }
    }

    private static NodeConfig Parse(string text) => NodeConfig.Parse(text, new ArrayList()) ?? throw new InvalidOperationException("fuzz running config");
}
