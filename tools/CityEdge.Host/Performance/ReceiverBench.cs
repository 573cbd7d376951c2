using System.Diagnostics;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityEdge.Host.Performance;

/// <summary>How `cityedge bench receiver` runs.</summary>
public sealed record ReceiverBenchOptions
{
    /// <summary>Reports published, spread over <see cref="Nodes"/> node ids.</summary>
    public int Messages { get; init; } = 20_000;

    public int Nodes { get; init; } = 1_000;

    /// <summary>Null: the embedded broker, in this process.</summary>
    public BrokerAddress? Broker { get; init; }

    /// <summary>The receiver's MQTT 5 Receive Maximum; 0 sends none (the broker's default applies: 20 on mosquitto).</summary>
    public ushort ReceiveMaximum { get; init; } = new ReceiverOptions().ReceiveMaximum;

    /// <summary>Thread-pool work items kept busy meanwhile (each spins 1 ms, then queues itself again),
    /// as a simulated fleet keeps the pool busy around the receiver in its process; 0 for none.</summary>
    public int BusyWorkers { get; init; }

    /// <summary>How long the receiver may take to get every report before the figures are taken as they are.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>What the receiver took: <paramref name="Received"/> of <paramref name="Published"/>, first to last arrival.</summary>
public sealed record ReceiverBenchFigures(int Published, int Received, TimeSpan Publishing, TimeSpan Draining, int ReceiveMaximum)
{
    /// <summary>Reports per second between the first and the last arrival.</summary>
    public double PerSecond => Draining > TimeSpan.Zero ? (Received - 1) / Draining.TotalSeconds : 0;
}

/// <summary>
/// `cityedge bench receiver`: one <see cref="TelemetryReceiver"/> (strict decoding, deduplication and
/// gap counting per node, as `monitor` and `simulate` use it) takes a burst of QoS 1 reports that
/// publishers push to the broker as fast as it accepts them: the broker queues what the receiver has
/// not taken yet, as it queues a fleet's start-up burst, so the receiver's own rate decides the drain.
/// </summary>
public static class ReceiverBench
{
    /// <summary>Publishes in flight per publisher: enough to keep the broker's queue ahead of the receiver.</summary>
    private const int PublishWindow = 256;

    private const int Publishers = 4;

    public static async Task<ReceiverBenchFigures> RunAsync(ReceiverBenchOptions options, CancellationToken cancellationToken)
    {
        await using var embedded = options.Broker == null ? await EmbeddedBroker.StartAsync().ConfigureAwait(false) : null;
        var settings = MqttClientSettings.Plain(options.Broker ?? embedded!.Address);
        string root = "cityedge-bench/" + Guid.NewGuid().ToString("N")[..8];
        using var busy = new CancellationTokenSource();
        for (int i = 0; i < options.BusyWorkers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(Spin, busy.Token, preferLocal: false);
        }

        var received = 0;
        long first = 0, last = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TelemetryReceiver.ConnectAsync(settings, root,
            new ReceiverOptions { MaxNodes = options.Nodes, ReceiveMaximum = options.ReceiveMaximum }, cancellationToken).ConfigureAwait(false);
        receiver.ReportReceived += r =>
        {
            long now = Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref first, now, 0);
            Volatile.Write(ref last, now);
            if (Interlocked.Increment(ref received) == options.Messages)
            {
                all.TrySetResult();
            }
        };

        var publishing = Stopwatch.StartNew();
        await Parallel.ForAsync(0, Publishers, cancellationToken, (p, token) => new ValueTask(PublishAsync(settings, root, options, p, token))).ConfigureAwait(false);
        publishing.Stop();
        await Task.WhenAny(all.Task, Task.Delay(options.Deadline, cancellationToken)).ConfigureAwait(false);
        await busy.CancelAsync().ConfigureAwait(false);
        return new ReceiverBenchFigures(options.Messages, Volatile.Read(ref received), publishing.Elapsed,
            Stopwatch.GetElapsedTime(Volatile.Read(ref first), Volatile.Read(ref last)), options.ReceiveMaximum);
    }

    /// <summary>Publisher <paramref name="index"/> sends every <see cref="Publishers"/>-th report, each node's in sequence order.</summary>
    private static async Task PublishAsync(MqttClientSettings settings, string root, ReceiverBenchOptions options, int index, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var connect = settings.Apply(new MqttClientOptionsBuilder())
            .WithClientId($"cityedge-bench-pub-{Guid.NewGuid():N}"[..32])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build();
        await BrokerDeadline.RunAsync(t => client.ConnectAsync(connect, t), BrokerDeadline.Default, $"connecting to {settings.Broker}", cancellationToken).ConfigureAwait(false);
        var inFlight = new List<Task>(PublishWindow);
        var report = new TelemetryReport { HasClimate = true, TemperatureDegC = 11.5f, HumidityPct = 70, PressureHpa = 1013.2f, TimestampUnixSeconds = 1_796_000_000 };
        for (int m = index; m < options.Messages; m += Publishers)
        {
            report.Sequence = m / options.Nodes;
            var frame = new byte[TelemetryCodec.GetEncodedLength(report)];
            TelemetryCodec.Encode(report, frame, 0);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"{root}/bench-{m % options.Nodes:D5}/telemetry")
                .WithPayload(frame)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            inFlight.Add(client.PublishAsync(message, cancellationToken));
            if (inFlight.Count == PublishWindow)
            {
                await Task.WhenAll(inFlight).ConfigureAwait(false);
                inFlight.Clear();
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        await client.DisconnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static void Spin(CancellationToken stop)
    {
        var spun = Stopwatch.StartNew();
        while (spun.ElapsedTicks < Stopwatch.Frequency / 1000)
        {
        }

        if (!stop.IsCancellationRequested)
        {
            ThreadPool.UnsafeQueueUserWorkItem(Spin, stop, preferLocal: false);
        }
    }
}
