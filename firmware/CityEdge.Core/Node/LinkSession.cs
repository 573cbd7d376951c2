using System;
using System.Collections;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Link;
using CityEdge.Telemetry;

namespace CityEdge.Node
{
    /// <summary>What the link session asks of the node it serves.</summary>
    public interface ILinkSessionOwner
    {
        /// <summary>A connection came up: publish what a (re)connect announces (birth status, config).
        /// False when something could not be handed over; the session tries again next period.</summary>
        bool OnSessionStarted();

        /// <summary>A message on a subscribed topic, on the main loop's thread.</summary>
        void OnMessage(string topic, byte[] payload);
    }

    /// <summary>
    /// The node's MQTT session over an <see cref="INetworkLink"/>: the device link logic that runs the
    /// same on the ESP32 (M2Mqtt) and on the host twin (MQTTnet). It never waits.
    /// <list type="bullet">
    /// <item>Connection: attempts when <see cref="ConnectionPolicy"/> says (backoff with jitter, MQTT 5 →
    /// 3.1.1 fallback); after every (re)connect the subscriptions and the owner's birth messages.</item>
    /// <item>Acknowledgements: a QoS 1 publish is handed over and tracked by its id; its PUBACK completes
    /// it later. A live frame handed over but not acknowledged goes to the outbox when its connection
    /// ends; a backlog frame leaves the outbox only when acknowledged. At most
    /// <see cref="MaxFramesInFlight"/> frames await acknowledgement at once.</item>
    /// <item>Stall: when a message has awaited its acknowledgement for <see cref="StallMs"/>, the
    /// connection is dropped and rebuilt (a half-open TCP connection looks like this).</item>
    /// <item>Topic aliases (MQTT 5): the owner's repeated topics (<see cref="UseTopicAlias"/>) travel as a
    /// two-byte alias once the first message of the connection has carried the topic with it, when the
    /// link can send aliases and the broker allows them (its CONNACK Topic Alias Maximum).</item>
    /// <item>No allocation in steady state: live frames are copied into buffers the session keeps per
    /// in-flight slot; only a frame that must wait in the outbox gets an array of its own.</item>
    /// </list>
    /// A frame whose PUBACK was lost with its connection is sent again: the broker may then hold it
    /// twice, and receivers drop the duplicate by its sequence number (docs/mqtt.md).
    /// </summary>
    public sealed class LinkSession
    {
        /// <summary>Telemetry and event frames handed over and not yet acknowledged, at most.</summary>
        public const int MaxFramesInFlight = 8;

        /// <summary>Publishes and subscriptions awaiting acknowledgement, at most (M2MqttLink's inflight queue is 16).</summary>
        public const int InFlightLimit = 16;

        /// <summary>A message has awaited its acknowledgement this long: the connection is dropped. Both
        /// clients give every message a final answer sooner (M2Mqtt: 3 tries 1 s apart; MQTTnet: 30 s).</summary>
        public const int StallMs = 30000;

        /// <summary>Received messages handed to the owner per <see cref="Service"/>.</summary>
        public const int MessagesPerService = 8;

        /// <summary>Topics that can get an alias, at most (telemetry, events, status, presence).</summary>
        public const int MaxAliasedTopics = 4;

        /// <summary>The longest telemetry or event frame.</summary>
        private const int FrameCapacity = TelemetryFrame.MaxLength > EventFrame.HeaderLength + EventFrame.MaxPayloadLength
            ? TelemetryFrame.MaxLength
            : EventFrame.HeaderLength + EventFrame.MaxPayloadLength;

        private const string LogTag = "link";
        private const int StateDown = 0;
        private const int StateConnecting = 1;
        private const int StateConnected = 2;
        private const int StateDropping = 3;

        private const int EntryFree = 0;
        private const int EntryLiveFrame = 1;
        private const int EntryBacklogFrame = 2;
        private const int EntryMessage = 3;
        private const int EntrySubscription = 4;

        private readonly INetworkLink _link;
        private readonly ConnectRequest _request;
        private readonly Outbox _outbox;
        private readonly IClock _clock;
        private readonly ILogSink _log;
        private readonly ConnectionPolicy _policy;
        private readonly LinkInbox _inbox = new LinkInbox();
        private readonly ArrayList _subscriptions = new ArrayList();
        private readonly int[] _ids = new int[InFlightLimit];
        private readonly int[] _kinds = new int[InFlightLimit];
        private readonly long[] _handedMs = new long[InFlightLimit];
        private readonly byte[][] _frames = new byte[InFlightLimit][];
        private readonly int[] _frameLengths = new int[InFlightLimit];
        private readonly int[] _frameKinds = new int[InFlightLimit];
        private readonly string[] _aliasTopics = new string[MaxAliasedTopics];
        private readonly bool[] _aliasSent = new bool[MaxAliasedTopics];
        private readonly int[] _order = new int[InFlightLimit];
        private readonly bool[] _acked = new bool[InFlightLimit];
        private readonly string[] _topics;
        private ILinkSessionOwner _owner;
        private int _aliasCount;
        private int _topicAliasMaximum;
        private int _state;
        private bool _started;
        private int _framesInFlight;
        private int _awaiting;
        private int _nextOrder;
        private int _oldestBacklogOrder;
        private int _outboxEpoch;

        /// <param name="topics">Topics by outbox record kind: [KindTelemetry] and [KindEvent].</param>
        public LinkSession(INetworkLink link, ConnectRequest request, Outbox outbox, string[] topics, int jitterSeed, IClock clock, ILogSink log)
        {
            _link = link;
            _request = request;
            _outbox = outbox;
            _topics = topics;
            _clock = clock;
            _log = log ?? NullLogSink.Instance;
            _policy = new ConnectionPolicy(jitterSeed);
            _outboxEpoch = outbox.HandOutEpoch;
        }

        /// <summary>Connected, subscribed and announced: live data goes out at once.</summary>
        public bool IsUp
        {
            get { return _state == StateConnected && _started; }
        }

        /// <summary>The MQTT version of the current (or last) connection.</summary>
        public int ProtocolVersion { get; private set; }

        /// <summary>Publishes and subscriptions handed over and not yet acknowledged.</summary>
        public int AwaitingAcknowledgement
        {
            get { return _awaiting; }
        }

        /// <summary>Live frames handed over whose acknowledgement has not come (they are not in the outbox).</summary>
        public int LiveFramesAwaiting { get; private set; }

        /// <summary>Received messages dropped because the main loop did not take them in time.</summary>
        public int ReceivedDropped
        {
            get { return _inbox.DroppedMessages; }
        }

        /// <summary>Connections dropped because the broker stopped acknowledging.</summary>
        public int StallCount { get; private set; }

        public void SetOwner(ILinkSessionOwner owner)
        {
            _owner = owner;
        }

        /// <summary>Topic aliases this connection may use: 0 on MQTT 3.1.1, with a client that cannot send
        /// them (the device's M2Mqtt) or a broker that allows none.</summary>
        public int TopicAliasMaximum
        {
            get { return _topicAliasMaximum; }
        }

        /// <summary>A topic published again and again: it gets a topic alias when the connection allows
        /// one (in the order registered, at most <see cref="MaxAliasedTopics"/>).</summary>
        public void UseTopicAlias(string topic)
        {
            if (_aliasCount < MaxAliasedTopics)
            {
                _aliasTopics[_aliasCount++] = topic;
            }
        }

        /// <summary>Subscribes on every new connection (the broker's session keeps them too).</summary>
        public void AddSubscription(string topicFilter, MessageQos qos)
        {
            _subscriptions.Add(new Subscription(topicFilter, qos));
        }

        /// <summary>
        /// One pass, called every link period by the main loop: takes what the client reported, connects
        /// when due, announces a new connection, hands received messages to the owner, drops a stalled
        /// connection and hands up to <paramref name="drainFrames"/> backlog frames to the broker.
        /// </summary>
        public void Service(int drainFrames)
        {
            long now = _clock.MonotonicMs();
            TakeEvents(now);

            // Twice at most: a client that refuses MQTT 5 at once gets its 3.1.1 attempt in the same pass.
            for (int attempt = 0; attempt < 2 && _state == StateDown && now >= _policy.NextAttemptMs; attempt++)
            {
                Connect();
                TakeEvents(now);
            }

            if (_state != StateConnected)
            {
                return;
            }

            if (!_started)
            {
                _started = Start();
                if (!_started)
                {
                    return;
                }
            }

            for (int i = 0; i < MessagesPerService; i++)
            {
                LinkMessage message = _inbox.TakeMessage();
                if (message == null)
                {
                    break;
                }

                _owner.OnMessage(message.Topic, message.Payload);
            }

            long oldest = OldestHandedMs();
            if (oldest >= 0 && now - oldest >= StallMs)
            {
                StallCount++;
                _log.Write(LogLevel.Warning, LogTag, "no acknowledgement for " + ((now - oldest) / 1000) + " s with " + _awaiting
                    + " awaited; dropping the connection");
                _state = StateDropping;
                _link.Drop();
                return;
            }

            Drain(drainFrames, now);
        }

        /// <summary>Takes what the client has reported (acknowledgements, connection changes) without
        /// connecting or sending anything: for an owner that stops between two link periods.</summary>
        public void TakeAnswers()
        {
            TakeEvents(_clock.MonotonicMs());
        }

        /// <summary>A live frame, the first <paramref name="length"/> bytes of <paramref name="frame"/> (the
        /// caller reuses it): handed to the broker when the session is up and the window has room, otherwise queued.</summary>
        public void SendFrame(int kind, byte[] frame, int length)
        {
            SyncOutbox();
            if (IsUp && _framesInFlight < MaxFramesInFlight)
            {
                int slot = HandOver(_topics[kind], frame, 0, length, MessageQos.AtLeastOnce, false, EntryLiveFrame, _clock.MonotonicMs());
                if (slot >= 0)
                {
                    if (_frames[slot] == null)
                    {
                        _frames[slot] = new byte[FrameCapacity];
                    }

                    Array.Copy(frame, _frames[slot], length);
                    _frameLengths[slot] = length;
                    _frameKinds[slot] = kind;
                    return;
                }
            }

            _outbox.Add(kind, Copy(frame, length));
        }

        /// <summary>
        /// Hands one message over (status, config, a command ack, presence). QoS 1 messages are tracked
        /// for stall detection but not kept: a retained status is announced again on the next connection.
        /// False when it could not be handed over.
        /// </summary>
        public bool Publish(string topic, byte[] payload, MessageQos qos, bool retain)
        {
            return Publish(topic, payload, 0, payload.Length, qos, retain);
        }

        /// <summary>As <see cref="Publish(string, byte[], MessageQos, bool)"/> with <paramref name="count"/>
        /// bytes of <paramref name="payload"/> from <paramref name="offset"/>, which the caller may reuse once this returns.</summary>
        public bool Publish(string topic, byte[] payload, int offset, int count, MessageQos qos, bool retain)
        {
            return _state == StateConnected && HandOver(topic, payload, offset, count, qos, retain, EntryMessage, _clock.MonotonicMs()) != -1;
        }

        /// <summary>Before a planned stop: live frames still awaiting acknowledgement go to the outbox.</summary>
        public void Shutdown()
        {
            ReleaseAll();
        }

        private void Connect()
        {
            _request.ProtocolVersion = _policy.Version;
            _state = StateConnecting;
            _link.BeginConnect(_request, _inbox);
        }

        /// <summary>Subscriptions and the owner's announcements after a (re)connect.</summary>
        private bool Start()
        {
            long now = _clock.MonotonicMs();
            for (int i = 0; i < _subscriptions.Count; i++)
            {
                Subscription s = (Subscription)_subscriptions[i];
                if (!s.Requested)
                {
                    int id = _link.Subscribe(s.Filter, s.Qos);
                    if (id < 0)
                    {
                        return false;
                    }

                    s.Requested = true;
                    Track(id, EntrySubscription, now);
                }
            }

            return _owner.OnSessionStarted();
        }

        private void TakeEvents(long now)
        {
            int kind;
            int value;
            int outcome;
            bool ok;
            string detail;
            while (_inbox.TakeEvent(out kind, out value, out outcome, out ok, out detail))
            {
                switch (kind)
                {
                    case LinkInbox.Connected:
                        OnConnected(value, outcome);
                        break;
                    case LinkInbox.ConnectFailed:
                        OnConnectFailed((ConnectOutcome)outcome, value, detail, now);
                        break;
                    case LinkInbox.ConnectionLost:
                        OnLost(detail, now);
                        break;
                    case LinkInbox.PublishDone:
                        OnPublishDone(value, ok, now);
                        break;
                    default:
                        OnSubscribeDone(value, ok, now);
                        break;
                }
            }
        }

        private void OnConnected(int version, int topicAliasMaximum)
        {
            _state = StateConnected;
            _started = false;
            ProtocolVersion = version;

            // Aliases belong to one network connection (MQTT 5.0 section 3.3.2.3.4): every topic is sent in full once again.
            _topicAliasMaximum = version == MqttProtocol.Version5 && topicAliasMaximum > 0 ? topicAliasMaximum : 0;
            for (int i = 0; i < MaxAliasedTopics; i++)
            {
                _aliasSent[i] = false;
            }

            _policy.OnConnected(version);
            for (int i = 0; i < _subscriptions.Count; i++)
            {
                ((Subscription)_subscriptions[i]).Requested = false;
            }

            _log.Write(LogLevel.Info, LogTag, "connected (MQTT " + MqttProtocol.Name(version) + ")");
        }

        private void OnConnectFailed(ConnectOutcome outcome, int reasonCode, string detail, long now)
        {
            int version = _policy.Version;
            bool retryAsV311 = _policy.OnFailed(outcome, reasonCode, now);
            _state = StateDown;
            _log.Write(LogLevel.Warning, LogTag, "MQTT " + MqttProtocol.Name(version) + " connection failed: " + OutcomeText(outcome, reasonCode, detail)
                + (retryAsV311 ? "; retrying as MQTT 3.1.1" : "; next attempt in " + ((_policy.NextAttemptMs - now) / 1000) + " s"));
        }

        private void OnLost(string detail, long now)
        {
            ReleaseAll();
            _state = StateDown;
            _started = false;
            _policy.OnLost(now);
            _log.Write(LogLevel.Warning, LogTag, "connection lost" + (detail == null || detail.Length == 0 ? string.Empty : ": " + detail));
        }

        private void OnPublishDone(int id, bool delivered, long now)
        {
            SyncOutbox();
            int slot = Find(id);
            if (slot < 0)
            {
                return;
            }

            int kind = _kinds[slot];
            if (kind == EntryLiveFrame)
            {
                if (!delivered)
                {
                    _outbox.Add(_frameKinds[slot], Copy(_frames[slot], _frameLengths[slot]));
                }

                Free(slot);
            }
            else if (kind == EntryBacklogFrame)
            {
                if (delivered)
                {
                    _acked[slot] = true;
                    RemoveAcknowledgedBacklog();
                }
                else
                {
                    // Refused after the client's own retries: start again from the oldest unacknowledged frame.
                    ReleaseBacklog();
                    _outbox.Rewind();
                    _outboxEpoch = _outbox.HandOutEpoch;
                }
            }
            else
            {
                if (!delivered)
                {
                    _log.Write(LogLevel.Warning, LogTag, "a message was not delivered (client gave up)");
                }

                Free(slot);
            }
        }

        private void OnSubscribeDone(int id, bool granted, long now)
        {
            int slot = Find(id);
            if (slot < 0)
            {
                return;
            }

            Free(slot);
            if (!granted)
            {
                _log.Write(LogLevel.Error, LogTag, "the broker refused a subscription (check the node's ACL); commands cannot arrive");
            }
        }

        /// <summary>Backlog frames, oldest first, while the window has room.</summary>
        private void Drain(int maxFrames, long now)
        {
            SyncOutbox();
            for (int sent = 0; sent < maxFrames && _state == StateConnected; sent++)
            {
                if (_framesInFlight >= MaxFramesInFlight)
                {
                    // Acknowledgements that came back meanwhile free the window.
                    TakeEvents(now);
                    if (_framesInFlight >= MaxFramesInFlight || _state != StateConnected)
                    {
                        return;
                    }
                }

                OutboxItem item = _awaiting < InFlightLimit ? _outbox.HandOut() : null;
                if (item == null)
                {
                    return;
                }

                int slot = HandOver(_topics[item.Kind], item.Frame, 0, item.Frame.Length, MessageQos.AtLeastOnce, false, EntryBacklogFrame, now);
                if (slot < 0)
                {
                    // The client's queue is full: this frame is handed out again next time.
                    _outbox.TakeBack();
                    return;
                }

                _order[slot] = _nextOrder++;
            }
        }

        /// <summary>Publishes and, for QoS 1/2, tracks it; the slot, -2 for QoS 0 handed over, -1 when refused.</summary>
        private int HandOver(string topic, byte[] payload, int offset, int count, MessageQos qos, bool retain, int kind, long now)
        {
            if (qos != MessageQos.AtMostOnce && _awaiting >= InFlightLimit)
            {
                return -1;
            }

            int alias = AliasOf(topic);

            // The link sends in hand-over order, so once a message has carried topic and alias, the broker
            // knows the alias for every later message of this connection.
            int id = _link.Publish(alias > 0 && _aliasSent[alias - 1] ? string.Empty : topic, alias, payload, offset, count, qos, retain);
            if (id < 0)
            {
                return -1;
            }

            if (alias > 0)
            {
                _aliasSent[alias - 1] = true;
            }

            return qos == MessageQos.AtMostOnce ? -2 : Track(id, kind, now);
        }

        /// <summary>The topic's alias on this connection (1-based), 0 for none.</summary>
        private int AliasOf(string topic)
        {
            for (int i = 0; i < _aliasCount && i < _topicAliasMaximum; i++)
            {
                if (ReferenceEquals(_aliasTopics[i], topic) || _aliasTopics[i] == topic)
                {
                    return i + 1;
                }
            }

            return 0;
        }

        private static byte[] Copy(byte[] buffer, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(buffer, copy, length);
            return copy;
        }

        private int Track(int id, int kind, long now)
        {
            for (int slot = 0; slot < InFlightLimit; slot++)
            {
                if (_kinds[slot] == EntryFree)
                {
                    _ids[slot] = id;
                    _handedMs[slot] = now;
                    _kinds[slot] = kind;
                    _acked[slot] = false;
                    _awaiting++;
                    if (kind == EntryLiveFrame || kind == EntryBacklogFrame)
                    {
                        _framesInFlight++;
                    }

                    if (kind == EntryLiveFrame)
                    {
                        LiveFramesAwaiting++;
                    }

                    return slot;
                }
            }

            return -1;
        }

        /// <summary>When the longest-awaiting message was handed over; -1 when none awaits.</summary>
        private long OldestHandedMs()
        {
            long oldest = -1;
            for (int slot = 0; slot < InFlightLimit; slot++)
            {
                if (_kinds[slot] != EntryFree && (oldest < 0 || _handedMs[slot] < oldest))
                {
                    oldest = _handedMs[slot];
                }
            }

            return oldest;
        }

        private int Find(int id)
        {
            for (int slot = 0; slot < InFlightLimit; slot++)
            {
                if (_kinds[slot] != EntryFree && _ids[slot] == id)
                {
                    return slot;
                }
            }

            return -1;
        }

        private void Free(int slot)
        {
            if (_kinds[slot] == EntryLiveFrame || _kinds[slot] == EntryBacklogFrame)
            {
                _framesInFlight--;
            }

            if (_kinds[slot] == EntryLiveFrame)
            {
                LiveFramesAwaiting--;
            }

            _kinds[slot] = EntryFree;
            _awaiting--;
        }

        /// <summary>Removes acknowledged backlog frames from the outbox, oldest first, as long as they are contiguous.</summary>
        private void RemoveAcknowledgedBacklog()
        {
            while (true)
            {
                int oldest = -1;
                for (int slot = 0; slot < InFlightLimit; slot++)
                {
                    if (_kinds[slot] == EntryBacklogFrame && _order[slot] == _oldestBacklogOrder)
                    {
                        oldest = slot;
                        break;
                    }
                }

                if (oldest < 0 || !_acked[oldest])
                {
                    return;
                }

                _outbox.RemoveOldest();
                _oldestBacklogOrder++;
                Free(oldest);
            }
        }

        /// <summary>A spill inside the outbox restarted its hand-out: the frames handed out before are void.</summary>
        private void SyncOutbox()
        {
            if (_outbox.HandOutEpoch != _outboxEpoch)
            {
                _outboxEpoch = _outbox.HandOutEpoch;
                ReleaseBacklog();
            }
        }

        private void ReleaseBacklog()
        {
            for (int slot = 0; slot < InFlightLimit; slot++)
            {
                if (_kinds[slot] == EntryBacklogFrame)
                {
                    Free(slot);
                }
            }

            _oldestBacklogOrder = _nextOrder;
        }

        /// <summary>The connection ended: live frames to the outbox, backlog handed out again later, the rest forgotten.</summary>
        private void ReleaseAll()
        {
            for (int slot = 0; slot < InFlightLimit; slot++)
            {
                if (_kinds[slot] == EntryLiveFrame)
                {
                    _outbox.Add(_frameKinds[slot], Copy(_frames[slot], _frameLengths[slot]));
                    Free(slot);
                }
            }

            SyncOutbox();
            for (int slot = 0; slot < InFlightLimit; slot++)
            {
                if (_kinds[slot] != EntryFree)
                {
                    Free(slot);
                }
            }

            _oldestBacklogOrder = _nextOrder;
            _outbox.Rewind();
            _outboxEpoch = _outbox.HandOutEpoch;
        }

        private static string OutcomeText(ConnectOutcome outcome, int reasonCode, string detail)
        {
            string text;
            switch (outcome)
            {
                case ConnectOutcome.Refused:
                    text = "refused, reason code 0x" + reasonCode.ToString("X2");
                    break;
                case ConnectOutcome.NoValidAnswer:
                    text = "no valid CONNACK";
                    break;
                default:
                    text = "broker unreachable";
                    break;
            }

            return detail == null || detail.Length == 0 ? text : text + " (" + detail + ")";
        }

        private sealed class Subscription
        {
            public Subscription(string filter, MessageQos qos)
            {
                Filter = filter;
                Qos = qos;
            }

            public string Filter { get; }

            public MessageQos Qos { get; }

            public bool Requested { get; set; }
        }
    }
}
