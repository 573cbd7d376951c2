using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Host.Mqtt;
using CityEdge.Host.OpenData;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge bridge`: republish every node's decoded telemetry as open data (SenML, NGSI-LD).</summary>
internal static class BridgeCommand
{
    private static readonly Dictionary<string, OpenDataFormat> FormatNames = new()
    {
        ["senml"] = OpenDataFormat.SenmlJson,
        ["senml-cbor"] = OpenDataFormat.SenmlCbor,
        ["ngsi-ld"] = OpenDataFormat.NgsiLd,
        ["ngsi-ld-kv"] = OpenDataFormat.NgsiLdKeyValues,
    };

    public static Command Create(CliConsole console)
    {
        var topicRoot = CommonOptions.TopicRoot();
        var toTopic = new Option<string>("--to-topic") { Description = "Topic prefix to republish under: {to-topic}/{node}/{senml|senml-cbor|ngsi-ld|ngsi-ld-kv}.", Required = true };
        toTopic.Validators.Add(r =>
        {
            string value = r.GetValueOrDefault<string>() ?? "";
            if (value.Length == 0 || value.IndexOfAny(['+', '#']) >= 0 || value.EndsWith('/'))
            {
                r.AddError($"--to-topic: '{value}' is not a topic prefix (no wildcards, no trailing '/')");
            }
        });
        var toBroker = CommonOptions.Broker("Broker to republish to, with the same credentials and TLS (default: --broker).", "--to-broker");
        var formats = new Option<string[]>("--output") { Description = "What to republish: senml, senml-cbor, ngsi-ld (normalized), ngsi-ld-kv (key-values); comma-separated.", DefaultValueFactory = _ => ["senml", "ngsi-ld"] };
        formats.CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        formats.Validators.Add(r =>
        {
            foreach (string f in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!FormatNames.ContainsKey(f))
                {
                    r.AddError($"--output: '{f}' is not one of {string.Join(", ", FormatNames.Keys)}");
                }
            }
        });
        var contextBroker = new Option<Uri?>("--ngsi-ld-url")
        {
            Description = "Also upsert the entities into this NGSI-LD context broker (POST /ngsi-ld/v1/entityOperations/upsert).",
            CustomParser = r =>
            {
                string text = r.Tokens.Count == 0 ? "" : r.Tokens[0].Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                r.AddError($"--ngsi-ld-url: {CityEdge.Host.Excerpt.Of(text)} is not an http(s) URL");
                return null;
            },
        };
        var duration = CommonOptions.Duration("--duration", "Stop after this much time (default: until Ctrl+C)", Timeout.InfiniteTimeSpan);
        var format = CommonOptions.Format();
        var command = new Command("bridge", "Republish every node's decoded telemetry as open data: SenML and FIWARE Smart Data Models entities (NGSI-LD).")
        {
            topicRoot, toTopic, toBroker, formats, contextBroker, duration, format,
        };
        var openDataOptions = OpenDataCliOptions.AddTo(command);
        var connection = BrokerConnectionOptions.AddTo(command, "The MQTT broker the nodes publish to.");
        command.SetAction((parse, cancellationToken) =>
        {
            MqttClientSettings? source = connection.Settings(parse, console);
            if (source == null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            OpenDataOptions? openData = openDataOptions.Read(parse, console);
            if (openData == null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var options = new BridgeOptions
            {
                TopicRoot = parse.GetValue(topicRoot)!,
                ToTopic = parse.GetValue(toTopic)!,
                Formats = parse.GetValue(formats)!.Distinct().Select(f => FormatNames[f]).ToList(),
                OpenData = openData,
                ContextBroker = parse.GetValue(contextBroker),
            };
            var destination = parse.GetValue(toBroker) is BrokerAddress to ? source with { Broker = to } : source;
            return RunAsync(console, source, destination, options, parse.GetValue(format) == "json", parse.GetValue(duration), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, MqttClientSettings source, MqttClientSettings destination, BridgeOptions options, bool json, TimeSpan duration, CancellationToken cancellationToken)
    {
        OpenDataBridge bridge;
        try
        {
            bridge = await OpenDataBridge.StartAsync(source, destination, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or OperationCanceledException)
        {
            console.Error.WriteLine($"error: cannot reach the MQTT broker at {source.Broker} / {destination.Broker}: {ex.Message}");
            return ExitCodes.BrokerUnavailable;
        }

        var output = new object();
        bridge.Bridged += b =>
        {
            lock (output)
            {
                if (json)
                {
                    console.Out.WriteLine(JsonSerializer.Serialize(new { kind = "bridged", node = b.NodeId, sequence = b.Sequence, published_bytes = b.PublishedBytes, entities = b.Entities, error = b.Error }));
                }
                else if (b.Error != null)
                {
                    console.Error.WriteLine($"error: {b.NodeId} #{b.Sequence}: {b.Error}");
                }
                else
                {
                    console.Out.WriteLine($"{b.NodeId} #{b.Sequence} -> {string.Join(", ", b.PublishedBytes.Select(p => $"{p.Key} {p.Value} B"))}{(b.Entities > 0 ? $", {b.Entities} entities" : "")}");
                }
            }
        };

        if (!json)
        {
            console.Ui.MarkupLine($"Bridging [bold]{Markup.Escape(options.TopicRoot)}/+/telemetry[/] on {Markup.Escape(source.Broker.ToString())} to [bold]{Markup.Escape(options.ToTopic)}/…[/] on {Markup.Escape(destination.Broker.ToString())}; Ctrl+C stops.");
        }

        try
        {
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await bridge.DisposeAsync().ConfigureAwait(false);
        console.Out.WriteLine(json
            ? JsonSerializer.Serialize(new { kind = "summary", bridged = bridge.BridgedCount, failed = bridge.FailedCount, dropped = bridge.DroppedCount, undecodable = bridge.RejectedCount })
            : string.Create(CultureInfo.InvariantCulture, $"Bridged {bridge.BridgedCount} report(s); {bridge.FailedCount} failed, {bridge.DroppedCount} dropped (queue full), {bridge.RejectedCount} undecodable frame(s)."));

        return bridge.FailedCount + bridge.DroppedCount > 0 ? ExitCodes.DataProblem : ExitCodes.Ok;
    }
}
