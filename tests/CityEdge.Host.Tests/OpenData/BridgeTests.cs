using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityEdge.Host.Mqtt;
using CityEdge.Host.OpenData;
using CityEdge.Host.Performance;
using CityEdge.Host.Tests.Cli;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Tests.OpenData;

/// <summary>`cityedge bridge` against the embedded broker: a node's frame in, open data out.</summary>
[TestClass]
public sealed class BridgeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly GeoPoint Lyon = new(45.76064, 4.85904);

    [TestMethod]
    public async Task AFrameIsRepublishedOnceInEveryFormatAndUpsertedIntoTheContextBroker()
    {
        await using var broker = await EmbeddedBroker.StartAsync();
        using var contextBroker = new FakeContextBroker();
        await using var outputs = await Subscriber.StartAsync(broker.Address, "opendata/#");
        var options = new BridgeOptions
        {
            ToTopic = "opendata",
            Formats = [OpenDataFormat.SenmlJson, OpenDataFormat.SenmlCbor, OpenDataFormat.NgsiLd, OpenDataFormat.NgsiLdKeyValues],
            OpenData = new OpenDataOptions { DefaultLocation = Lyon },
            ContextBroker = contextBroker.Url,
        };
        await using var bridge = await OpenDataBridge.StartAsync(MqttClientSettings.Plain(broker.Address), MqttClientSettings.Plain(broker.Address), options, CancellationToken.None);

        byte[] frame = Convert.FromHexString(PayloadBench.ReferenceFrameHex);
        await using (var node = await Subscriber.StartAsync(broker.Address, null))
        {
            await node.PublishAsync("cityedge/node-01/telemetry", frame);
            await node.PublishAsync("cityedge/node-01/telemetry", frame);                   // a QoS 1 duplicate
            await node.PublishAsync("cityedge/node-01/telemetry", Convert.FromHexString("0180"));  // not a frame
        }

        await Until(() => bridge.RejectedCount == 1 && bridge.BridgedCount == 1 && outputs.Count == 4 && contextBroker.Requests.Count == 1);
        Assert.AreEqual(0, bridge.FailedCount);
        Assert.AreEqual(4, outputs.Count, "the duplicate and the bad frame are not republished");

        var senml = outputs.Single("opendata/node-01/senml");
        Assert.AreEqual(SenmlJson.MediaType, senml.ContentType);
        CollectionAssert.AreEqual(SenmlJson.Encode(ReportSenml.Pack(PayloadBench.ReferenceReport(), "node-01", options.OpenData)), senml.Payload);
        Assert.AreEqual(SenmlCbor.MediaType, outputs.Single("opendata/node-01/senml-cbor").ContentType);
        var keyValues = JsonNode.Parse(outputs.Single("opendata/node-01/ngsi-ld-kv").Payload)!.AsArray();
        Assert.HasCount(7, keyValues, "air, noise, four bays, the lamp");
        Assert.AreEqual("Property", (string)JsonNode.Parse(outputs.Single("opendata/node-01/ngsi-ld").Payload)![0]!["temperature"]!["type"]!);

        var (path, contentType, body) = contextBroker.Requests.Single();
        Assert.AreEqual("/ngsi-ld/v1/entityOperations/upsert", path);
        Assert.AreEqual("application/ld+json", contentType);
        Assert.AreEqual(Encoding.UTF8.GetString(outputs.Single("opendata/node-01/ngsi-ld").Payload), body);
    }

    /// <summary>The bridge's output against the FIWARE schemas, with pseudonyms and a coarse grid on.</summary>
    [TestMethod]
    public async Task TheBridgesEntitiesValidateAgainstTheSmartDataModels()
    {
        _ = Standards.Root;
        await using var broker = await EmbeddedBroker.StartAsync();
        await using var outputs = await Subscriber.StartAsync(broker.Address, "open/#");
        var options = new BridgeOptions
        {
            TopicRoot = "lyon/part-dieu",
            ToTopic = "open",
            Formats = [OpenDataFormat.NgsiLdKeyValues],
            OpenData = new OpenDataOptions { Locations = new Dictionary<string, GeoPoint> { ["lamp-0412"] = Lyon }, CoarsenM = 200, PseudonymKey = new byte[32] },
        };
        await using var bridge = await OpenDataBridge.StartAsync(MqttClientSettings.Plain(broker.Address), MqttClientSettings.Plain(broker.Address), options, CancellationToken.None);
        var report = PayloadBench.FullyFittedReport();
        var frame = new byte[CityEdge.Telemetry.TelemetryCodec.GetEncodedLength(report)];
        CityEdge.Telemetry.TelemetryCodec.Encode(report, frame, 0);

        await using (var node = await Subscriber.StartAsync(broker.Address, null))
        {
            await node.PublishAsync("lyon/part-dieu/lamp-0412/telemetry", frame);
        }

        await Until(() => outputs.Count == 1);
        var message = outputs.Single($"open/{options.OpenData.PublicId("lamp-0412")}/ngsi-ld-kv");
        Assert.IsFalse(Encoding.UTF8.GetString(message.Payload).Contains("lamp-0412"));
        foreach (var entity in JsonDocument.Parse(message.Payload).RootElement.EnumerateArray())
        {
            var result = FiwareSchemas.Validate(entity.GetProperty("type").GetString()!, entity);
            Assert.IsTrue(result.IsValid, entity.GetProperty("id").GetString() + "\n" + FiwareSchemas.Describe(result));
        }
    }

    [TestMethod]
    public async Task BadOptionsAreRefusedNamingTheOption()
    {
        var (exit, _, error) = await CliRun.RunAsync("bridge", "--broker", "127.0.0.1:1", "--to-topic", "open/#");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--to-topic");

        (exit, _, error) = await CliRun.RunAsync("bridge", "--broker", "127.0.0.1:1", "--to-topic", "open", "--location", "91,4");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "latitude");

        (exit, _, error) = await CliRun.RunAsync("bridge", "--broker", "127.0.0.1:1", "--to-topic", "open", "--output", "senml,xml");
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--output");
    }

    [TestMethod]
    public async Task ABrokerNobodyListensOnIsSaid()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var (exit, _, error) = await CliRun.RunAsync("bridge", "--broker", $"127.0.0.1:{port}", "--to-topic", "open", "--duration", "1s");

        Assert.AreEqual(3, exit, error);
        StringAssert.Contains(error, "cannot reach the MQTT broker");
    }

    private static async Task Until(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.IsLessThan(until, DateTime.UtcNow, "not reached within " + Deadline.TotalSeconds + " s");
            await Task.Delay(20);
        }
    }

    private sealed record Received(string Topic, byte[] Payload, string? ContentType);

    /// <summary>A plain MQTT 5 client: collects what arrives on a filter, or publishes as a node would.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly ConcurrentQueue<Received> _received = new();

        public int Count => _received.Count;

        public static async Task<Subscriber> StartAsync(BrokerAddress broker, string? filter)
        {
            var s = new Subscriber();
            s._client.ApplicationMessageReceivedAsync += e =>
            {
                s._received.Enqueue(new Received(e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), e.ApplicationMessage.ContentType));
                return Task.CompletedTask;
            };
            using var deadline = new CancellationTokenSource(Deadline);
            await s._client.ConnectAsync(MqttClientSettings.Plain(broker).Apply(new MqttClientOptionsBuilder()).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build(), deadline.Token);
            if (filter != null)
            {
                await s._client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, deadline.Token);
            }

            return s;
        }

        public Received Single(string topic) => _received.Single(r => r.Topic == topic);

        public async Task PublishAsync(string topic, byte[] payload)
        {
            using var deadline = new CancellationTokenSource(Deadline);
            var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), deadline.Token);
            Assert.IsTrue(result.IsSuccess);
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }
    }

    /// <summary>An NGSI-LD context broker's batch upsert endpoint on 127.0.0.1 that records each request and answers 204.</summary>
    private sealed class FakeContextBroker : IDisposable
    {
        private readonly HttpListener _listener = new();

        public FakeContextBroker()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public Uri Url { get; }

        public ConcurrentQueue<(string Path, string? ContentType, string Body)> Requests { get; } = new();

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                Requests.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType?.Split(';')[0], await reader.ReadToEndAsync()));
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }
    }
}
