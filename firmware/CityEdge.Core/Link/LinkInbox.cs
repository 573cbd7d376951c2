using System.Collections;

namespace CityEdge.Link
{
    /// <summary>How a connection attempt ended, as the client library saw it.</summary>
    public enum ConnectOutcome
    {
        /// <summary>CONNACK with reason code 0.</summary>
        Accepted = 0,

        /// <summary>CONNACK with a refusal (the reason code says which).</summary>
        Refused = 1,

        /// <summary>The transport connected but no CONNACK the client could read came in time: a broker
        /// that does not speak the requested version may answer in a format the parser rejects.</summary>
        NoValidAnswer = 2,

        /// <summary>No connection at all: Wi-Fi, DNS, TCP or the TLS handshake failed.</summary>
        Unreachable = 3,
    }

    /// <summary>
    /// What the MQTT client reports back to the core: connection outcomes, acknowledgements, received
    /// messages. The client posts from its own threads (M2Mqtt's dispatch thread, MQTTnet's tasks); the
    /// main loop takes them in <see cref="LinkSession.Service"/>, so the core stays single-threaded.
    /// Events go into a fixed ring (a PUBACK a report costs no allocation): at most
    /// <see cref="LinkSession.InFlightLimit"/> acknowledgements can be outstanding, so
    /// <see cref="EventCapacity"/> is never reached by a working client. Received messages are bounded:
    /// when the main loop falls behind, the oldest is dropped and counted.
    /// </summary>
    public sealed class LinkInbox
    {
        /// <summary>Received messages kept for the main loop at most.</summary>
        public const int MessageLimit = 16;

        /// <summary>Connection and acknowledgement events kept at most.</summary>
        public const int EventCapacity = 64;

        public const int Connected = 1;
        public const int ConnectFailed = 2;
        public const int ConnectionLost = 3;
        public const int PublishDone = 4;
        public const int SubscribeDone = 5;

        private readonly Queue _messages = new Queue();
        private readonly object _eventSync = new object();
        private readonly int[] _kinds = new int[EventCapacity];
        private readonly int[] _values = new int[EventCapacity];
        private readonly int[] _outcomes = new int[EventCapacity];
        private readonly bool[] _oks = new bool[EventCapacity];
        private readonly string[] _details = new string[EventCapacity];
        private int _head;
        private int _count;
        private int _droppedMessages;

        /// <summary>Received messages dropped because the main loop did not take them in time, since start-up.</summary>
        public int DroppedMessages
        {
            get
            {
                lock (_messages)
                {
                    return _droppedMessages;
                }
            }
        }

        /// <summary>Events lost because the ring was full (a client posting far more than it was asked).</summary>
        public int DroppedEvents { get; private set; }

        /// <summary>Connected, with no topic aliases (MQTT 3.1.1, or a client that cannot send them).</summary>
        public void PostConnected(int protocolVersion)
        {
            PostConnected(protocolVersion, 0);
        }

        /// <param name="topicAliasMaximum">Topic aliases the link may use on this connection: the
        /// broker's CONNACK Topic Alias Maximum (MQTT 5.0 section 3.2.2.3.8), 0 when the client cannot send aliases.</param>
        public void PostConnected(int protocolVersion, int topicAliasMaximum)
        {
            Post(Connected, protocolVersion, topicAliasMaximum, true, null);
        }

        /// <param name="reasonCode">The CONNACK's refusal code; 0 when there was none.</param>
        /// <param name="detail">The client's own words (exception message), for the log.</param>
        public void PostConnectFailed(ConnectOutcome outcome, int reasonCode, string detail)
        {
            Post(ConnectFailed, reasonCode, (int)outcome, false, detail);
        }

        public void PostConnectionLost(string detail)
        {
            Post(ConnectionLost, 0, 0, false, detail);
        }

        /// <param name="delivered">True for PUBACK/PUBCOMP; false when the client gave the message up.</param>
        public void PostPublishDone(int id, bool delivered)
        {
            Post(PublishDone, id, 0, delivered, null);
        }

        /// <param name="granted">False when the broker refused the filter (SUBACK code 0x80 or above).</param>
        public void PostSubscribeDone(int id, bool granted)
        {
            Post(SubscribeDone, id, 0, granted, null);
        }

        public void PostMessage(string topic, byte[] payload)
        {
            lock (_messages)
            {
                if (_messages.Count >= MessageLimit)
                {
                    _messages.Dequeue();
                    _droppedMessages++;
                }

                _messages.Enqueue(new LinkMessage(topic, payload));
            }
        }

        /// <summary>
        /// Takes the oldest event: its kind (<see cref="Connected"/> … <see cref="SubscribeDone"/>), its value
        /// (message id, protocol version, or CONNACK reason code), its outcome (the <see cref="ConnectOutcome"/>
        /// of a failed attempt; for Connected, the topic alias maximum), whether it was delivered / granted,
        /// and the client's words. False when there is none.
        /// </summary>
        public bool TakeEvent(out int kind, out int value, out int outcome, out bool ok, out string detail)
        {
            lock (_eventSync)
            {
                if (_count == 0)
                {
                    kind = 0;
                    value = 0;
                    outcome = 0;
                    ok = false;
                    detail = null;
                    return false;
                }

                kind = _kinds[_head];
                value = _values[_head];
                outcome = _outcomes[_head];
                ok = _oks[_head];
                detail = _details[_head];
                _details[_head] = null;
                _head = (_head + 1) % EventCapacity;
                _count--;
                return true;
            }
        }

        /// <summary>The oldest received message, or null.</summary>
        public LinkMessage TakeMessage()
        {
            lock (_messages)
            {
                return _messages.Count == 0 ? null : (LinkMessage)_messages.Dequeue();
            }
        }

        private void Post(int kind, int value, int outcome, bool ok, string detail)
        {
            lock (_eventSync)
            {
                if (_count == EventCapacity)
                {
                    DroppedEvents++;
                    return;
                }

                int slot = (_head + _count) % EventCapacity;
                _kinds[slot] = kind;
                _values[slot] = value;
                _outcomes[slot] = outcome;
                _oks[slot] = ok;
                _details[slot] = detail;
                _count++;
            }
        }
    }

    /// <summary>A message that arrived on a subscribed topic.</summary>
    public sealed class LinkMessage
    {
        public LinkMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload;
        }

        public string Topic { get; }

        public byte[] Payload { get; }
    }
}
