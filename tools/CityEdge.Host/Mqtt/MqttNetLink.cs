using System.Buffers;
using CityEdge.Hal;
using CityEdge.Link;
using MQTTnet;
using MQTTnet.Diagnostics.PacketInspection;
using MQTTnet.Protocol;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// The node's <see cref="INetworkLink"/> on the host, over an MQTTnet client: what M2MqttLink is on
/// the device, and as thin. The core's <see cref="LinkSession"/> decides everything (when to connect,
/// MQTT 5 or 3.1.1, when a message is delivered, when the broker has stalled); this class starts
/// MQTTnet's operations without waiting and posts their outcomes to the connection's
/// <see cref="LinkInbox"/>. Same session semantics as the device (<see cref="ConnectRequest"/>):
/// clean start false with a session expiry, retained "offline" will at QoS 1. No message carries a
/// content type: the topic says what it is (docs/mqtt.md). Messages are handed to MQTTnet on the
/// caller's thread, so they go out in hand-over order (its send lock queues them first come, first
/// served), which the core's topic aliases rely on. <see cref="CutAsync"/> and <see cref="Restore"/> simulate
/// a backhaul outage; <see cref="SettleAsync"/> lets a simulation on a fast clock wait for the broker.
/// </summary>
public sealed class MqttNetLink : INetworkLink, IAsyncDisposable
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(30);
    private readonly MqttClientSettings _settings;
    private readonly object _sync = new();
    private IMqttClient _client;
    private LinkInbox? _inbox;
    private bool _open;
    private bool _mqtt5;
    private int _nextId;
    private TaskCompletionSource? _settled;
    private int _outstanding;
    private volatile bool _cut;

    // Shared keep-alive (MqttClientSettings.KeepAlive): the period of the connection it keeps (0: MQTTnet's
    // own loop runs, or not connected), when this link last sent (Environment.TickCount64), a ping in flight.
    private int _sharedKeepAliveMs;
    private long _lastSentMs;
    private int _pinging;

    private MqttNetLink(MqttClientSettings settings)
    {
        _settings = settings;
        _client = NewClient();
        settings.KeepAlive?.Add(this);
    }

    /// <summary>Why the connection last dropped (broker reason code, or the transport error), for logs.</summary>
    public string? LastDisconnect { get; private set; }

    /// <summary>Messages on subscribed topics, for tools and tests that use a link on its own (the node takes them from its inbox).</summary>
    public event Action<string, byte[]>? MessageArrived;

    public bool IsConnected => !_cut && _client.IsConnected;

    /// <summary>True while a simulated outage holds the link down.</summary>
    public bool IsCut => _cut;

    /// <summary>A link that is not connected: the node's session connects it.</summary>
    public static MqttNetLink Create(MqttClientSettings settings) => new(settings);

    /// <summary>Connects on its own (tools and tests that talk to the broker as a node would); throws when refused or unreachable.</summary>
    public static async Task<MqttNetLink> ConnectAsync(MqttClientSettings settings, string clientId, string willTopic, byte[] willPayload, CancellationToken cancellationToken)
    {
        var link = new MqttNetLink(settings);
        var request = new ConnectRequest(clientId, settings.Username, settings.Password, willTopic, willPayload)
        {
            ProtocolVersion = settings.Mqtt311 ? MqttProtocol.Version311 : MqttProtocol.Version5,
        };
        MqttClientConnectResult result;
        try
        {
            result = await link._client.ConnectAsync(link.Options(request), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            link._client.Dispose();
            throw;
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            link._client.Dispose();
            throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker refused {clientId}: {result.ResultCode} {result.ReasonString}");
        }

        link._mqtt5 = request.ProtocolVersion == MqttProtocol.Version5;
        return link;
    }

    /// <summary>Connects as the device does: MQTT 5, persistent session, retained last will.</summary>
    public static Task<MqttNetLink> ConnectAsync(BrokerAddress broker, string clientId, string willTopic, byte[] willPayload, CancellationToken cancellationToken) =>
        ConnectAsync(MqttClientSettings.Plain(broker), clientId, willTopic, willPayload, cancellationToken);

    public void BeginConnect(ConnectRequest request, LinkInbox inbox)
    {
        _inbox = inbox;
        if (_cut)
        {
            inbox.PostConnectFailed(ConnectOutcome.Unreachable, 0, "backhaul down (simulated outage)");
            return;
        }

        if (_settings.Mqtt311 && request.ProtocolVersion == MqttProtocol.Version5)
        {
            // What a 3.1.1-only broker answers a protocol level 5 CONNECT (MQTT 3.1.1 section 3.2.2.3, code 0x01).
            inbox.PostConnectFailed(ConnectOutcome.Refused, 0x01, "simulated 3.1.1-only broker");
            return;
        }

        _sharedKeepAliveMs = 0;
        Start(async () =>
        {
            var options = Options(request);
            Func<InspectMqttPacketEventArgs, Task>? handOver = _settings.KeepAlive == null ? null : e => HandOverKeepAlive(e, options);
            try
            {
                if (handOver != null)
                {
                    _client.InspectPacketAsync += handOver;
                }

                var result = await _client.ConnectAsync(options, CancellationToken.None).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    inbox.PostConnectFailed(ConnectOutcome.Refused, (int)result.ResultCode, result.ReasonString);
                    return;
                }

                Volatile.Write(ref _lastSentMs, Environment.TickCount64);
                lock (_sync)
                {
                    _open = true;
                    _mqtt5 = request.ProtocolVersion == MqttProtocol.Version5;
                }

                inbox.PostConnected(request.ProtocolVersion, _mqtt5 && _settings.TopicAliases ? result.TopicAliasMaximum : 0);
            }
            catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
            {
                inbox.PostConnectFailed(ConnectOutcome.Refused, RefusalCode(ex.Message), ex.Message);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationTimedOutException or OperationCanceledException)
            {
                inbox.PostConnectFailed(ConnectOutcome.NoValidAnswer, 0, ex.Message);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                // InvalidOperationException: MQTTnet is still tearing the old connection down; the session tries again.
                inbox.PostConnectFailed(ConnectOutcome.Unreachable, 0, ex.Message);
            }
            finally
            {
                if (handOver != null)
                {
                    _client.InspectPacketAsync -= handOver;
                }
            }
        });
    }

    /// <summary>
    /// Called by the <see cref="SharedKeepAlive"/> every <paramref name="tickMs"/>: sends a PINGREQ when this
    /// link would have sent nothing for longer than its keep-alive period by the next call (MQTT 5.0 section
    /// 3.1.2.10), and drops the connection when the broker does not answer within half of it, as MQTTnet's
    /// own loop does.
    /// </summary>
    internal void PingIfSilent(long nowMs, long tickMs)
    {
        int keepAliveMs = _sharedKeepAliveMs;
        if (keepAliveMs == 0 || !IsConnected || nowMs - Volatile.Read(ref _lastSentMs) + tickMs <= keepAliveMs
            || Interlocked.Exchange(ref _pinging, 1) == 1)
        {
            return;
        }

        Volatile.Write(ref _lastSentMs, nowMs);
        _settings.KeepAlive!.CountPing();
        _ = Task.Run(async () =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(keepAliveMs / 2);
                await _client.PingAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                Drop();
            }
            finally
            {
                Volatile.Write(ref _pinging, 0);
            }
        });
    }

    public int Publish(string topic, int topicAlias, byte[] payload, int offset, int count, MessageQos qos, bool retain)
    {
        if (!IsConnected)
        {
            return -1;
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(offset, count).ToArray())
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)(int)qos)
            .WithRetainFlag(retain);
        if (topicAlias > 0)
        {
            builder.WithTopicAlias((ushort)topicAlias);
        }

        int id = NextId();
        var inbox = _inbox;
        Task<MqttClientPublishResult> publish;
        Began();
        try
        {
            // On this thread, so that messages reach MQTTnet's send queue in hand-over order.
            var timeout = new CancellationTokenSource(OperationTimeout);
            publish = _client.PublishAsync(builder.Build(), timeout.Token);
            Volatile.Write(ref _lastSentMs, Environment.TickCount64);
            publish.ContinueWith(_ => timeout.Dispose(), TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            Ended();
            return -1;
        }

        publish.ContinueWith(
            done =>
            {
                if (qos != MessageQos.AtMostOnce)
                {
                    inbox?.PostPublishDone(id, done.IsCompletedSuccessfully && done.Result.IsSuccess);
                }

                Ended();
            },
            TaskScheduler.Default);
        return qos == MessageQos.AtMostOnce ? 0 : id;
    }

    public int Subscribe(string topicFilter, MessageQos qos)
    {
        if (!IsConnected)
        {
            return -1;
        }

        int id = NextId();
        var inbox = _inbox;
        Start(async () =>
        {
            bool granted;
            try
            {
                var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, (MqttQualityOfServiceLevel)(int)qos).Build();
                Volatile.Write(ref _lastSentMs, Environment.TickCount64);
                var result = await _client.SubscribeAsync(options).ConfigureAwait(false);

                // A broker that refuses the filter (ACL) answers with a failure reason code, not an error.
                granted = result.Items.All(i => MqttProtocol.SubscriptionGranted((int)i.ResultCode));
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                granted = false;
            }

            inbox?.PostSubscribeDone(id, granted);
        });
        return id;
    }

    public void Drop() => Start(async () =>
    {
        try
        {
            using var timeout = new CancellationTokenSource(OperationTimeout);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
        }

        PostLost("dropped: the broker stopped acknowledging");
    });

    /// <summary>Publishes and waits for the broker's answer (tools and tests outside a node): true when accepted.</summary>
    public async Task<bool> PublishAndWaitAsync(string topic, byte[] payload, MessageQos qos, bool retain)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)(int)qos).WithRetainFlag(retain).Build();
        using var timeout = new CancellationTokenSource(OperationTimeout);
        return (await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false)).IsSuccess;
    }

    /// <summary>Subscribes and waits for the SUBACK (tools and tests outside a node): true when granted.</summary>
    public async Task<bool> SubscribeAndWaitAsync(string topicFilter, MessageQos qos)
    {
        var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, (MqttQualityOfServiceLevel)(int)qos).Build();
        var result = await _client.SubscribeAsync(options).ConfigureAwait(false);
        return result.Items.All(i => MqttProtocol.SubscriptionGranted((int)i.ResultCode));
    }

    /// <summary>
    /// Waits (real time, at most <paramref name="limit"/>) until every operation this link started has
    /// its answer. A simulation whose clock jumps ahead calls it between steps, so a broker round trip
    /// takes no simulated time and acknowledgements do not look late to the core.
    /// </summary>
    public Task SettleAsync(TimeSpan limit)
    {
        Task settled;
        lock (_sync)
        {
            if (_outstanding == 0)
            {
                return Task.CompletedTask;
            }

            _settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            settled = _settled.Task;
        }

        return settled.WaitAsync(limit).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Simulates losing the backhaul: the connection drops without a DISCONNECT, so the broker
    /// publishes the "offline" will, and every connection attempt fails until <see cref="Restore"/>.</summary>
    public async Task CutAsync()
    {
        _cut = true;
        if (!_client.IsConnected)
        {
            return;
        }

        if (_mqtt5)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                .WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build()).ConfigureAwait(false);
        }
        else
        {
            // MQTT 3.1.1 has no DISCONNECT that keeps the will: drop the connection itself, as a lost
            // backhaul does, and connect later on a new client.
            IMqttClient dropped = _client;
            _client = NewClient();
            dropped.Dispose();
        }

        PostLost("backhaul down (simulated outage)");
    }

    /// <summary>Ends a simulated outage; the session's next attempt connects.</summary>
    public void Restore() => _cut = false;

    /// <summary>Disconnects without the will (a planned stop publishes "offline" itself).</summary>
    public async ValueTask DisposeAsync()
    {
        _settings.KeepAlive?.Remove(this);
        await SettleAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }

    private MqttClientOptions Options(ConnectRequest request)
    {
        bool v5 = request.ProtocolVersion == MqttProtocol.Version5;
        var settings = request.Username == null ? _settings : _settings with { Username = request.Username, Password = request.Password };
        var builder = settings.Apply(new MqttClientOptionsBuilder())
            .WithClientId(request.ClientId)
            .WithProtocolVersion(v5 ? MQTTnet.Formatter.MqttProtocolVersion.V500 : MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithCleanSession(request.CleanStart)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(request.KeepAliveS))
            .WithWillTopic(request.WillTopic)
            .WithWillPayload(request.WillPayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (v5)
        {
            builder.WithSessionExpiryInterval(request.SessionExpiryS);
        }

        return builder.Build();
    }

    /// <summary>
    /// Hands this connection's keep-alive to the shared keeper without changing the CONNECT: the CONNECT
    /// has gone out with the device's keep-alive when the CONNACK arrives, and MQTTnet 5.2 reads
    /// <see cref="MqttClientOptions.KeepAlivePeriod"/> again only after that, to decide whether to start
    /// its own loop (MqttClient.ConnectAsync, tag v5.2.0); zero there keeps the loop off. A broker that
    /// sets a Server Keep Alive (MQTT 5.0 section 3.2.2.3.14) keeps MQTTnet's loop, which honours it.
    /// </summary>
    private Task HandOverKeepAlive(InspectMqttPacketEventArgs e, MqttClientOptions options)
    {
        byte[] packet = e.Buffer;
        if (e.Direction != MqttPacketFlowDirection.Inbound || packet.Length < 2 || packet[0] >> 4 != (int)MqttControlPacketType.ConnAck)
        {
            return Task.CompletedTask;
        }

        if (options.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500 && ServerKeepAliveS(packet) != 0)
        {
            return Task.CompletedTask;
        }

        _sharedKeepAliveMs = (int)options.KeepAlivePeriod.TotalMilliseconds;
        options.KeepAlivePeriod = TimeSpan.Zero;
        return Task.CompletedTask;
    }

    /// <summary>The Server Keep Alive of an MQTT 5 CONNACK (0: none), read by MQTTnet's own decoder.</summary>
    private static int ServerKeepAliveS(byte[] packet)
    {
        int header = 1;
        VariableByteInteger.Read(packet, ref header);
        var connAck = (MQTTnet.Packets.MqttConnAckPacket)new MQTTnet.Formatter.V5.MqttV5PacketDecoder()
            .Decode(new MQTTnet.Adapter.ReceivedMqttPacket(packet[0], new ArraySegment<byte>(packet, header, packet.Length - header), packet.Length));
        return connAck.ServerKeepAlive;
    }

    private IMqttClient NewClient()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            byte[] payload = e.ApplicationMessage.Payload.ToArray();
            _inbox?.PostMessage(e.ApplicationMessage.Topic, payload);
            MessageArrived?.Invoke(e.ApplicationMessage.Topic, payload);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += e =>
        {
            LastDisconnect = $"{e.Reason} {e.ReasonString} {e.Exception?.Message}".Trim();
            if (e.ClientWasConnected)
            {
                PostLost(LastDisconnect);
            }

            return Task.CompletedTask;
        };
        return client;
    }

    /// <summary>The CONNACK reason code MQTTnet names in its refusal message ("… failed (BadUserNameOrPassword)."):
    /// the exception carries no code of its own. 0x80 (unspecified error) when none is named.</summary>
    private static int RefusalCode(string message)
    {
        foreach (var code in Enum.GetValues<MqttClientConnectResultCode>())
        {
            if (code != MqttClientConnectResultCode.Success && message.Contains("(" + code + ")", StringComparison.Ordinal))
            {
                return (int)code;
            }
        }

        return (int)MqttClientConnectResultCode.UnspecifiedError;
    }

    /// <summary>One ConnectionLost per established connection, whoever notices first.</summary>
    private void PostLost(string detail)
    {
        LinkInbox? inbox;
        lock (_sync)
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            inbox = _inbox;
        }

        inbox?.PostConnectionLost(detail);
    }

    private int NextId()
    {
        int id = Interlocked.Increment(ref _nextId) & 0x7FFFFFFF;
        return id == 0 ? Interlocked.Increment(ref _nextId) & 0x7FFFFFFF : id;
    }

    private void Start(Func<Task> operation)
    {
        Began();
        _ = Task.Run(async () =>
        {
            try
            {
                await operation().ConfigureAwait(false);
            }
            finally
            {
                Ended();
            }
        });
    }

    private void Began()
    {
        lock (_sync)
        {
            _outstanding++;
        }
    }

    /// <summary>One operation has its answer; the last one wakes whoever waits in <see cref="SettleAsync"/>.</summary>
    private void Ended()
    {
        TaskCompletionSource? settled = null;
        lock (_sync)
        {
            if (--_outstanding == 0)
            {
                settled = _settled;
                _settled = null;
            }
        }

        settled?.TrySetResult();
    }
}
