using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CityEdge.Host.Mqtt;

namespace CityEdge.Host.Performance;

/// <summary>Packets and bytes of one message kind.</summary>
public sealed record WireCount(string Kind, long Packets, long Bytes);

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a broker that reads every MQTT packet passing through it
/// (fixed header, Remaining Length, and for a PUBLISH its topic or topic alias: MQTT 3.1.1 §2.2, §3.3;
/// MQTT 5.0 §2.1, §3.3) and counts its bytes by message kind, in each direction. Upstream (client to
/// broker) kinds: connect, subscribe, telemetry, events, status, config, acks (command acks and the
/// PUBACKs of received commands), presence (any other topic: a lamp group's), pings, disconnect.
/// Downstream kinds are the packet types. The bytes are the MQTT packets exactly as sent; TCP/IP and
/// TLS framing come on top. Each upstream packet's time on <c>clockMs</c> is kept for the keep-alive model.
/// </summary>
public sealed class WireMeter : IAsyncDisposable
{
    /// <summary>Upstream kinds in the order they are shown.</summary>
    public static readonly string[] UpstreamKinds = ["connect", "subscribe", "telemetry", "events", "status", "config", "acks", "presence", "pings", "disconnect", "other"];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly BrokerAddress _broker;
    private readonly Func<long> _clockMs;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, (long Packets, long Bytes)> _up = new();
    private readonly Dictionary<string, (long Packets, long Bytes)> _down = new();
    private readonly List<long> _upTimes = [];
    private readonly List<Task> _pumps = [];
    private Task _accepting = Task.CompletedTask;

    private WireMeter(BrokerAddress broker, Func<long> clockMs)
    {
        _broker = broker;
        _clockMs = clockMs;
        _listener.Start();
        Address = new BrokerAddress("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
    }

    /// <summary>Where clients connect to be measured.</summary>
    public BrokerAddress Address { get; }

    /// <summary>The keep-alive (seconds) of the last CONNECT seen; 0 before one.</summary>
    public int KeepAliveS { get; private set; }

    /// <summary>Starts relaying to <paramref name="broker"/>; <paramref name="clockMs"/> times the upstream packets.</summary>
    public static WireMeter Start(BrokerAddress broker, Func<long> clockMs)
    {
        var meter = new WireMeter(broker, clockMs);
        meter._accepting = meter.AcceptAsync();
        return meter;
    }

    public IReadOnlyList<WireCount> Upstream() => Counts(_up);

    public IReadOnlyList<WireCount> Downstream() => Counts(_down);

    /// <summary>When (on the clock) each upstream packet passed, pings excluded, in order.</summary>
    public IReadOnlyList<long> UpstreamTimesMs()
    {
        lock (_up)
        {
            return _upTimes.Order().ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        Task[] pumps;
        lock (_pumps)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>The MQTT packet type (bits 7-4 of the first byte) by its number (MQTT 5.0 §2.1.2).</summary>
    public static string PacketTypeName(int type) => type switch
    {
        1 => "connect", 2 => "connack", 3 => "publish", 4 => "puback", 5 => "pubrec", 6 => "pubrel", 7 => "pubcomp",
        8 => "subscribe", 9 => "suback", 10 => "unsubscribe", 11 => "unsuback", 12 => "pingreq", 13 => "pingresp",
        14 => "disconnect", 15 => "auth", _ => "reserved",
    };

    private static List<WireCount> Counts(Dictionary<string, (long Packets, long Bytes)> counts)
    {
        lock (counts)
        {
            return counts.Select(c => new WireCount(c.Key, c.Value.Packets, c.Value.Bytes)).ToList();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            lock (_pumps)
            {
                _pumps.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var broker = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                broker.NoDelay = true;
                await broker.ConnectAsync(_broker.Host, _broker.Port, _stop.Token).ConfigureAwait(false);
                var connection = new Connection();
                using var ends = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                Task up = PumpAsync(client.GetStream(), broker.GetStream(), connection, upstream: true, ends.Token);
                Task down = PumpAsync(broker.GetStream(), client.GetStream(), connection, upstream: false, ends.Token);
                await Task.WhenAny(up, down).ConfigureAwait(false);
                await ends.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(up, down).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Copies whole packets from <paramref name="from"/> to <paramref name="to"/>, counting each.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, Connection connection, bool upstream, CancellationToken cancellationToken)
    {
        var packet = new byte[1024];
        try
        {
            while (true)
            {
                // Fixed header: type and flags, then the Remaining Length as a variable byte integer.
                if (!await ReadExactlyAsync(from, packet, 0, 1, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                int length = 1;
                int remaining = 0;
                for (int shift = 0; ; shift += 7)
                {
                    if (shift > 21 || !await ReadExactlyAsync(from, packet, length, 1, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    remaining |= (packet[length] & 0x7F) << shift;
                    if ((packet[length++] & 0x80) == 0)
                    {
                        break;
                    }
                }

                if (packet.Length < length + remaining)
                {
                    Array.Resize(ref packet, length + remaining);
                }

                if (!await ReadExactlyAsync(from, packet, length, remaining, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                Count(packet, length, remaining, connection, upstream);
                await to.WriteAsync(packet.AsMemory(0, length + remaining), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private static async Task<bool> ReadExactlyAsync(NetworkStream stream, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private void Count(byte[] packet, int headerLength, int remaining, Connection connection, bool upstream)
    {
        int type = packet[0] >> 4;
        int bytes = headerLength + remaining;
        if (!upstream)
        {
            Add(_down, PacketTypeName(type), bytes);
            return;
        }

        string kind = type switch
        {
            1 => Connect(packet, headerLength, connection),
            3 => PublishKind(packet, headerLength, connection),
            4 or 5 or 6 or 7 => "acks",
            8 or 10 => "subscribe",
            12 => "pings",
            14 => "disconnect",
            _ => "other",
        };
        lock (_up)
        {
            Add(_up, kind, bytes);
            if (kind != "pings")
            {
                _upTimes.Add(_clockMs());
            }
        }
    }

    private static void Add(Dictionary<string, (long Packets, long Bytes)> counts, string kind, int bytes)
    {
        lock (counts)
        {
            counts.TryGetValue(kind, out var c);
            counts[kind] = (c.Packets + 1, c.Bytes + bytes);
        }
    }

    /// <summary>CONNECT's variable header: protocol name (2 + 4 "MQTT"), level, flags, keep alive (MQTT 5.0 §3.1.2).</summary>
    private string Connect(byte[] packet, int at, Connection connection)
    {
        int nameLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(at));
        int level = at + 2 + nameLength;
        connection.Version = packet[level];
        KeepAliveS = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(level + 2));
        return "connect";
    }

    /// <summary>The kind of a client's PUBLISH by its topic's last level; an aliased topic is looked up.</summary>
    private static string PublishKind(byte[] packet, int at, Connection connection)
    {
        int qos = (packet[0] >> 1) & 3;
        int topicLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(at));
        string topic = Encoding.UTF8.GetString(packet, at + 2, topicLength);
        int p = at + 2 + topicLength + (qos > 0 ? 2 : 0);
        if (connection.Version == 5)
        {
            int alias = TopicAlias(packet, p);
            if (alias > 0 && topic.Length > 0)
            {
                connection.Aliases[alias] = topic;
            }
            else if (alias > 0)
            {
                topic = connection.Aliases.GetValueOrDefault(alias, "");
            }
        }

        return topic[(topic.LastIndexOf('/') + 1)..] switch
        {
            "telemetry" => "telemetry",
            "events" => "events",
            "status" => "status",
            "config" => "config",
            "command-ack" => "acks",
            _ => "presence",
        };
    }

    /// <summary>The Topic Alias among a PUBLISH's properties (MQTT 5.0 §3.3.2.3), 0 when absent.</summary>
    private static int TopicAlias(byte[] packet, int at)
    {
        int end = VariableByteInteger.Read(packet, ref at);
        end += at;
        while (at < end)
        {
            int id = packet[at++];
            switch (id)
            {
                case 0x01:
                    at += 1;
                    break;
                case 0x02:
                    at += 4;
                    break;
                case 0x23:
                    return BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(at));
                case 0x0B:
                    VariableByteInteger.Read(packet, ref at);
                    break;
                case 0x26:
                    at += 2 + BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(at));
                    at += 2 + BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(at));
                    break;
                default:
                    // 0x03 content type, 0x08 response topic (UTF-8 strings), 0x09 correlation data (binary): length-prefixed.
                    at += 2 + BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(at));
                    break;
            }
        }

        return 0;
    }

    /// <summary>What the meter knows of one client connection: its protocol level and topic aliases (per connection, MQTT 5.0 §3.3.2.3.4).</summary>
    private sealed class Connection
    {
        public int Version { get; set; } = 4;

        public Dictionary<int, string> Aliases { get; } = new();
    }
}
