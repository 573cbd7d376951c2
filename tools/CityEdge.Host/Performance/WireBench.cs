using CityEdge.Host.Mqtt;
using CityEdge.Host.Simulation;

namespace CityEdge.Host.Performance;

/// <summary>How `cityedge bench wire` runs.</summary>
public sealed record WireBenchOptions
{
    /// <summary>Simulated time the node runs; the figures are scaled to a day.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromDays(1);

    public DateTime StartUtc { get; init; } = NodeAllocationBench.DefaultStartUtc;

    public int Seed { get; init; } = 1;

    /// <summary>Send as the device's M2Mqtt link does: no topic aliases.</summary>
    public bool NoTopicAlias { get; init; }
}

/// <summary>What one node sent (and received) over a run, by kind, and the same per day.</summary>
public sealed record WireFigures(TimeSpan Simulated, int KeepAliveS, IReadOnlyList<WireCount> Upstream, IReadOnlyList<WireCount> Downstream, long HostPingsExcluded)
{
    /// <summary>IPv4 (20) + TCP without options (20) + one TLS 1.2 AES-GCM record (5 header + 8 nonce + 16 tag)
    /// per MQTT packet sent in a segment of its own: an estimate of what the radio carries on top.</summary>
    public const int FramingBytesPerPacket = 69;

    public double PerDay => TimeSpan.FromDays(1) / Simulated;

    public long UpstreamBytes => Upstream.Sum(c => c.Bytes);

    public long UpstreamPackets => Upstream.Sum(c => c.Packets);

    public long DownstreamBytes => Downstream.Sum(c => c.Bytes);

    public long DownstreamPackets => Downstream.Sum(c => c.Packets);
}

/// <summary>
/// `cityedge bench wire`: one fully fitted virtual node (climate, particulates with AQI, noise with
/// statistics, four parking bays, a lamp sharing presence with its group) runs for a simulated day
/// against the embedded broker through a <see cref="WireMeter"/>, which counts every MQTT packet the
/// node sends by kind. Pings are the one kind not taken from the wire: the host's MQTT client keeps
/// its keep-alive on the real clock, which a fast simulation does not follow, so they are counted
/// with the device client's rule (M2Mqtt: a PINGREQ whenever nothing was sent for a whole keep-alive
/// period; a gap of exactly one period counts as a ping) on the simulated times of the node's packets.
/// </summary>
public static class WireBench
{
    /// <summary>PINGREQ: fixed header and a zero Remaining Length (MQTT 5.0 §3.12).</summary>
    public const int PingBytes = 2;

    public const string LightingGroup = "bench-street";

    public static async Task<WireFigures> RunAsync(WireBenchOptions options, CancellationToken cancellationToken)
    {
        await using var broker = await EmbeddedBroker.StartAsync().ConfigureAwait(false);
        Fleet? fleet = null;
        WireFigures figures;
        await using (var meter = WireMeter.Start(broker.Address, () => fleet?.Clock.MonotonicMs() ?? 0))
        {
            var fleetOptions = new FleetOptions
            {
                Nodes = 1,
                Duration = options.Duration,
                Speed = 0,
                StartUtc = options.StartUtc,
                Seed = options.Seed,
                TopicRoot = "cityedge/bench",
                LightingGroup = LightingGroup,
                TopicAliases = !options.NoTopicAlias,
            };
            fleet = await Fleet.StartAsync(fleetOptions, meter.Address, cancellationToken).ConfigureAwait(false);
            await using (fleet.ConfigureAwait(false))
            {
                await fleet.RunAsync(cancellationToken).ConfigureAwait(false);
            }

            long endMs = (long)options.Duration.TotalMilliseconds;
            var upstream = meter.Upstream().Where(c => c.Kind != "pings").ToList();
            long pings = KeepAlivePings(meter.UpstreamTimesMs(), meter.KeepAliveS * 1000L, endMs);
            upstream.Add(new WireCount("pings", pings, pings * PingBytes));
            long hostPings = meter.Upstream().Where(c => c.Kind == "pings").Sum(c => c.Packets);
            var ordered = WireMeter.UpstreamKinds.Select(k => upstream.FirstOrDefault(c => c.Kind == k) ?? new WireCount(k, 0, 0)).ToList();
            figures = new WireFigures(options.Duration, meter.KeepAliveS, ordered, meter.Downstream().OrderBy(c => c.Kind, StringComparer.Ordinal).ToList(), hostPings);
        }

        return figures;
    }

    /// <summary>PINGREQs a client sends that pings whenever nothing went out for <paramref name="keepAliveMs"/>
    /// (each ping is a send too), given the times of everything else it sent, up to <paramref name="endMs"/>.</summary>
    public static long KeepAlivePings(IReadOnlyList<long> sentMs, long keepAliveMs, long endMs)
    {
        if (keepAliveMs <= 0 || sentMs.Count == 0)
        {
            return 0;
        }

        long pings = 0;
        for (int i = 0; i < sentMs.Count; i++)
        {
            long next = i + 1 < sentMs.Count ? sentMs[i + 1] : endMs;
            pings += (next - sentMs[i]) / keepAliveMs;
        }

        return pings;
    }
}
