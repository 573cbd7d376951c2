using CityEdge.Hal;
using CityEdge.Link;

namespace CityEdge.Core.Tests.Node;

/// <summary>
/// A broker connection the test controls: records what the node publishes and acknowledges it, at
/// once or <see cref="AckDelayMs"/> later (then the test's loop calls <see cref="PostDueAcknowledgements"/>).
/// <see cref="IsConnected"/> = false cuts the connection and makes every attempt fail until set again.
/// </summary>
internal sealed class RecordingLink : INetworkLink
{
    private readonly List<(long DueMs, int Id)> _pendingAcks = [];
    private readonly List<(string Topic, byte[] Payload)> _queued = [];
    private readonly Dictionary<int, string> _aliases = [];
    private LinkInbox? _inbox;
    private bool _reachable = true;
    private bool _open;
    private int _nextId;

    public List<(string Topic, byte[] Payload, MessageQos Qos, bool Retain)> Published { get; } = [];

    /// <summary>Connection attempts, with the protocol version each asked for.</summary>
    public List<int> Attempts { get; } = [];

    /// <summary>What each connection attempt asked for (client id, keep-alive, will …).</summary>
    public List<ConnectRequest> Requests { get; } = [];

    /// <summary>Subscriptions the node asked for, in order.</summary>
    public List<string> Subscribed { get; } = [];

    /// <summary>When set, acknowledgements wait until this much later on this clock.</summary>
    public long AckDelayMs { get; set; }

    public CityEdge.Hal.IClock? Clock { get; set; }

    /// <summary>A CONNACK refusal code for MQTT 5 attempts (e.g. 0x84), or 0 to accept them.</summary>
    public int RefuseV5With { get; set; }

    public int Drops { get; private set; }

    /// <summary>Acknowledgements say "not delivered" (the client gave the message up after its retries).</summary>
    public bool GiveUp { get; set; }

    public bool IsConnected
    {
        get => _open;
        set
        {
            _reachable = value;
            if (!value && _open)
            {
                _open = false;
                _pendingAcks.Clear();
                _inbox?.PostConnectionLost("cut by the test");
            }
        }
    }

    public long NextAckDueMs => _pendingAcks.Count == 0 ? long.MaxValue : _pendingAcks.Min(a => a.DueMs);

    public void BeginConnect(ConnectRequest request, LinkInbox inbox)
    {
        _inbox = inbox;
        Attempts.Add(request.ProtocolVersion);
        Requests.Add(request);
        if (!_reachable)
        {
            inbox.PostConnectFailed(ConnectOutcome.Unreachable, 0, "test link down");
        }
        else if (request.ProtocolVersion == MqttProtocol.Version5 && RefuseV5With != 0)
        {
            inbox.PostConnectFailed(ConnectOutcome.Refused, RefuseV5With, null);
        }
        else
        {
            _open = true;
            _aliases.Clear();
            inbox.PostConnected(request.ProtocolVersion, TopicAliasMaximum);

            // The broker's persistent session kept what arrived for the node while it was away.
            foreach (var (topic, payload) in _queued)
            {
                inbox.PostMessage(topic, payload);
            }

            _queued.Clear();
        }
    }

    /// <summary>Topic aliases the link offers the node when it connects with MQTT 5 (0: none, as the device's link).</summary>
    public int TopicAliasMaximum { get; set; }

    /// <summary>What each publish carried on the wire: its topic (empty when an alias stood for it) and alias.</summary>
    public List<(string Topic, int Alias)> Sent { get; } = [];

    public int Publish(string topic, int topicAlias, byte[] payload, int offset, int count, MessageQos qos, bool retain)
    {
        if (!_open)
        {
            return -1;
        }

        // The broker resolves an alias to the topic it was set with on this connection.
        Sent.Add((topic, topicAlias));
        if (topicAlias > 0 && topic.Length > 0)
        {
            _aliases[topicAlias] = topic;
        }

        Published.Add((topicAlias > 0 && topic.Length == 0 ? _aliases[topicAlias] : topic, payload.AsSpan(offset, count).ToArray(), qos, retain));
        if (qos == MessageQos.AtMostOnce)
        {
            return 0;
        }

        int id = ++_nextId;
        Acknowledge(id);
        return id;
    }

    public int Subscribe(string topicFilter, MessageQos qos)
    {
        if (!_open)
        {
            return -1;
        }

        Subscribed.Add(topicFilter);
        int id = ++_nextId;
        _inbox!.PostSubscribeDone(id, true);
        return id;
    }

    public void Drop()
    {
        Drops++;
        _open = false;
        _pendingAcks.Clear();
        _inbox?.PostConnectionLost("dropped");
    }

    /// <summary>Posts the acknowledgements due by <paramref name="nowMs"/>.</summary>
    public void PostDueAcknowledgements(long nowMs)
    {
        foreach (var ack in _pendingAcks.Where(a => a.DueMs <= nowMs).ToList())
        {
            _pendingAcks.Remove(ack);
            _inbox!.PostPublishDone(ack.Id, !GiveUp);
        }
    }

    /// <summary>A message from the broker: delivered at once, or queued in the session until the node connects.</summary>
    public void Deliver(string topic, byte[] payload)
    {
        if (_open)
        {
            _inbox!.PostMessage(topic, payload);
        }
        else
        {
            _queued.Add((topic, payload));
        }
    }

    public List<byte[]> On(string topic) => Published.Where(p => p.Topic == topic).Select(p => p.Payload).ToList();

    /// <summary>Runs the node one link period at a time until its session is up again (the reconnect
    /// backoff decides when: at most <see cref="ConnectionPolicy.MaxRetryMs"/> after the link returned).</summary>
    public static void RunUntilUp(CityEdge.Host.Simulation.SimulatedClock clock, CityEdge.Node.NodeRuntime node)
    {
        long limit = clock.MonotonicMs() + ConnectionPolicy.MaxRetryMs + 1000;
        do
        {
            Assert.IsTrue(clock.MonotonicMs() < limit, "the node reconnected within the longest backoff");
            clock.RunUntil(node.Scheduler, clock.MonotonicMs() + 1000);
        }
        while (!node.Link.IsUp);
    }

    private void Acknowledge(int id)
    {
        if (AckDelayMs == 0)
        {
            _inbox!.PostPublishDone(id, !GiveUp);
        }
        else
        {
            _pendingAcks.Add((Clock!.MonotonicMs() + AckDelayMs, id));
        }
    }
}
