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
    /// Received messages are bounded: when the main loop falls behind, the oldest is dropped and counted.
    /// </summary>
    public sealed class LinkInbox
    {
        /// <summary>Received messages kept for the main loop at most.</summary>
        public const int MessageLimit = 16;

        private readonly Queue _events = new Queue();
        private readonly Queue _messages = new Queue();
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

        public void PostConnected(int protocolVersion)
        {
            Post(new LinkEvent(LinkEvent.Connected, protocolVersion, (int)ConnectOutcome.Accepted, true, null));
        }

        /// <param name="reasonCode">The CONNACK's refusal code; 0 when there was none.</param>
        /// <param name="detail">The client's own words (exception message), for the log.</param>
        public void PostConnectFailed(ConnectOutcome outcome, int reasonCode, string detail)
        {
            Post(new LinkEvent(LinkEvent.ConnectFailed, reasonCode, (int)outcome, false, detail));
        }

        public void PostConnectionLost(string detail)
        {
            Post(new LinkEvent(LinkEvent.ConnectionLost, 0, 0, false, detail));
        }

        /// <param name="delivered">True for PUBACK/PUBCOMP; false when the client gave the message up.</param>
        public void PostPublishDone(int id, bool delivered)
        {
            Post(new LinkEvent(LinkEvent.PublishDone, id, 0, delivered, null));
        }

        /// <param name="granted">False when the broker refused the filter (SUBACK code 0x80 or above).</param>
        public void PostSubscribeDone(int id, bool granted)
        {
            Post(new LinkEvent(LinkEvent.SubscribeDone, id, 0, granted, null));
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

        /// <summary>The oldest connection or acknowledgement event, or null.</summary>
        public LinkEvent TakeEvent()
        {
            lock (_events)
            {
                return _events.Count == 0 ? null : (LinkEvent)_events.Dequeue();
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

        private void Post(LinkEvent e)
        {
            lock (_events)
            {
                _events.Enqueue(e);
            }
        }
    }

    /// <summary>One report from the client (see <see cref="LinkInbox"/>).</summary>
    public sealed class LinkEvent
    {
        public const int Connected = 1;
        public const int ConnectFailed = 2;
        public const int ConnectionLost = 3;
        public const int PublishDone = 4;
        public const int SubscribeDone = 5;

        public LinkEvent(int kind, int value, int outcome, bool ok, string detail)
        {
            Kind = kind;
            Value = value;
            Outcome = outcome;
            Ok = ok;
            Detail = detail;
        }

        public int Kind { get; }

        /// <summary>Message id (PublishDone, SubscribeDone), protocol version (Connected) or CONNACK reason code (ConnectFailed).</summary>
        public int Value { get; }

        /// <summary>A <see cref="ConnectOutcome"/> (ConnectFailed).</summary>
        public int Outcome { get; }

        /// <summary>Delivered / granted.</summary>
        public bool Ok { get; }

        public string Detail { get; }
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
