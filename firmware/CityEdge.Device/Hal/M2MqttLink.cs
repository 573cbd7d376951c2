using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// INetworkLink over nanoFramework.M2Mqtt's MqttClient (API checked against nanoframework/nanoFramework.m2mqtt
    /// @ 8208787, the commit that builds NuGet 5.1.220; see docs/device-app.md).
    /// <para>
    /// Connection handling runs on one background thread (<see cref="Start"/>), not in the main loop:
    /// joining Wi-Fi, the DNS look-up in the MqttClient constructor and Connect (which waits up to
    /// MqttSettings.DefaultTimeout = 30 s for CONNACK) all block, and the main loop must keep sampling
    /// and feeding the watchdog meanwhile. The core never waits: <see cref="Publish"/> returns false while
    /// disconnected, and the runtime's outbox keeps the frames.
    /// </para>
    /// <para>
    /// MQTT 5 first (clean start false, a session expiry so the broker keeps the session, last will =
    /// retained "offline" on the status topic at QoS 1). If the broker refuses v5 (CONNACK 0x01/0x84, or a
    /// CONNACK the v5 parser cannot read, which M2Mqtt reports as MqttCommunicationException) the same
    /// attempt is repeated as 3.1.1, and 3.1.1 is kept for this boot once it has worked.
    /// One MqttClient instance is kept for the whole run so that M2Mqtt's in-RAM session
    /// (MqttClient.RestoreSession) re-sends unacknowledged QoS 1 messages after a reconnection.
    /// </para>
    /// <para>
    /// Received messages arrive on M2Mqtt's dispatch thread; they are queued here and handed to
    /// <see cref="MessageReceived"/> on the main loop's thread by <see cref="DeliverReceived"/>, so the
    /// core stays single-threaded.
    /// </para>
    /// <para>
    /// The core's contract is "true = the broker has it". M2Mqtt's Publish and Subscribe only enqueue and
    /// return a message id; the answer comes later as MqttMsgPublished (IsPublished: PUBACK/PUBCOMP
    /// received, false when M2Mqtt gave up retrying) and MqttMsgSubscribed (granted QoS per filter, 0x80 =
    /// refused). So QoS 1/2 publishes and subscriptions wait, bounded by <see cref="AckTimeoutMs"/>, for
    /// the answer to their id. After one publish timed out the link stops waiting (Publish returns false at
    /// once, the frames stay in the core's outbox) until the broker acknowledges something again or the
    /// connection is renewed, so a silent broker costs the main loop one timeout, not one per frame.
    /// A frame whose PUBACK arrives after its timeout has reached the broker and is sent again later:
    /// receivers drop the duplicate by its sequence number (docs/mqtt.md).
    /// </para>
    /// </summary>
    public sealed class M2MqttLink : INetworkLink
    {
        private const string LogTag = "mqtt";
        private const ushort KeepAliveS = 60;
        private const uint SessionExpiryS = 24 * 3600;
        private const int FirstRetryMs = 5000;
        private const int MaxRetryMs = 120000;
        private const int WifiJoinTimeoutMs = 30000;
        private const int InflightLimit = 16;
        private const int ReceiveQueueLimit = 16;
        private const int CloseWaitMs = 5000;

        /// <summary>Longest wait for a PUBACK or SUBACK; a broker round trip normally takes well under 1 s.</summary>
        public const int AckTimeoutMs = 5000;

        private const int Pending = 0;
        private const int Acknowledged = 1;
        private const int Refused = 2;

        private readonly string _host;
        private readonly int _port;
        private readonly string _clientId;
        private readonly string _username;
        private readonly string _password;
        private readonly string _willTopic;
        private readonly string _willMessage;
        private readonly bool _tls;
        private readonly X509Certificate _caCert;
        private readonly X509Certificate _clientCert;
        private readonly WifiJoin _wifi;
        private readonly ILogSink _log;
        private readonly object _sync = new object();
        private readonly ArrayList _subscriptions = new ArrayList();
        private readonly Queue _received = new Queue();
        private readonly AutoResetEvent _closed = new AutoResetEvent(false);
        private readonly object _ackSync = new object();
        private readonly object _subscribeGate = new object();
        private readonly AutoResetEvent _publishAnswered = new AutoResetEvent(false);
        private readonly AutoResetEvent _subscribeAnswered = new AutoResetEvent(false);
        private int _awaitedPublishId = -1;
        private int _publishOutcome;
        private int _awaitedSubscribeId = -1;
        private MqttQoSLevel[] _granted;
        private bool _acksStalled;
        private MqttClient _client;
        private Thread _thread;
        private bool _preferV311;
        private int _receivedDropped;

        /// <param name="tls">mqtt.tls: TLS 1.2 with <paramref name="caCert"/> as the only trusted root.</param>
        /// <param name="caCert">The city's CA (ca.pem); required with TLS.</param>
        /// <param name="clientCert">Optional client certificate with its private key (X509Certificate2); null for none.</param>
        public M2MqttLink(string host, int port, string clientId, string username, string password,
            string willTopic, byte[] willPayload, bool tls, X509Certificate caCert, X509Certificate clientCert, WifiJoin wifi, ILogSink log)
        {
            if (tls && caCert == null)
            {
                throw new ArgumentNullException("caCert", "mqtt.tls = true needs the CA certificate");
            }

            _host = host;
            _port = port;
            _tls = tls;
            _caCert = caCert;
            _clientCert = clientCert;
            _clientId = clientId;
            _username = username == null || username.Length == 0 ? null : username;
            _password = password == null || password.Length == 0 ? null : password;
            _willTopic = willTopic;
            // M2Mqtt takes the will payload as a string and encodes it as UTF-8.
            _willMessage = Encoding.UTF8.GetString(willPayload, 0, willPayload.Length);
            _wifi = wifi;
            _log = log ?? NullLogSink.Instance;
        }

        public event MessageReceivedHandler MessageReceived;

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        /// <summary>Messages dropped because the main loop did not collect them in time.</summary>
        public int ReceivedDroppedCount
        {
            get { return _receivedDropped; }
        }

        /// <summary>Starts the background thread that joins Wi-Fi and keeps the broker connection up.</summary>
        public void Start()
        {
            if (_thread == null)
            {
                _thread = new Thread(ConnectionLoop);
                _thread.Start();
            }
        }

        /// <summary>
        /// QoS 0: true once enqueued. QoS 1/2: true only when the broker acknowledged this message within
        /// <see cref="AckTimeoutMs"/>. Called from one thread (the main loop).
        /// </summary>
        public bool Publish(string topic, byte[] payload, MessageQos qos, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                if (qos == MessageQos.AtMostOnce)
                {
                    client.Publish(topic, payload, null, null, MqttQoSLevel.AtMostOnce, retain);
                    return true;
                }

                if (_acksStalled)
                {
                    return false;
                }

                // Under the lock, so an acknowledgement that arrives before the id is recorded waits for it.
                lock (_ackSync)
                {
                    _publishAnswered.Reset();
                    _publishOutcome = Pending;

                    // Throws MqttClientException(InflightQueueFull) past InflightLimit.
                    _awaitedPublishId = client.Publish(topic, payload, null, null, ToQos(qos), retain);
                }

                _publishAnswered.WaitOne(AckTimeoutMs, false);
                lock (_ackSync)
                {
                    _awaitedPublishId = -1;
                    if (_publishOutcome == Acknowledged)
                    {
                        return true;
                    }

                    if (_publishOutcome == Pending)
                    {
                        _acksStalled = true;
                        _log.Write(LogLevel.Warning, LogTag, "no acknowledgement for " + topic + " within " + AckTimeoutMs + " ms; holding further frames");
                    }
                    else
                    {
                        _log.Write(LogLevel.Warning, LogTag, "publish to " + topic + " not delivered (retries exhausted)");
                    }

                    return false;
                }
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, LogTag, "publish to " + topic + " refused: " + ex.Message);
                return false;
            }
        }

        /// <summary>
        /// Records the filter (it is also re-sent on every new connection) and subscribes; true only when
        /// the broker granted it (SUBACK within <see cref="AckTimeoutMs"/>, granted QoS below 0x80).
        /// </summary>
        public bool Subscribe(string topicFilter, MessageQos qos)
        {
            MqttQoSLevel level = ToQos(qos);
            Record(topicFilter, level);
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            lock (_subscribeGate)
            {
                MqttQoSLevel[] granted;
                try
                {
                    lock (_ackSync)
                    {
                        _subscribeAnswered.Reset();
                        _granted = null;
                        _awaitedSubscribeId = client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { level });
                    }

                    _subscribeAnswered.WaitOne(AckTimeoutMs, false);
                    lock (_ackSync)
                    {
                        _awaitedSubscribeId = -1;
                        granted = _granted;
                    }
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Warning, LogTag, "subscribe " + topicFilter + " failed: " + ex.Message);
                    return false;
                }

                if (granted == null)
                {
                    _log.Write(LogLevel.Warning, LogTag, "no SUBACK for " + topicFilter + " within " + AckTimeoutMs + " ms");
                    return false;
                }

                if (granted.Length < 1 || (int)granted[0] >= (int)MqttQoSLevel.GrantedFailure)
                {
                    _log.Write(LogLevel.Warning, LogTag, "broker refused subscription to " + topicFilter
                        + (granted.Length < 1 ? string.Empty : ", code 0x" + ((int)granted[0]).ToString("X2")));
                    return false;
                }

                return true;
            }
        }

        /// <summary>Called by the main loop: raises MessageReceived for up to <paramref name="max"/> queued messages.</summary>
        public void DeliverReceived(int max)
        {
            for (int i = 0; i < max; i++)
            {
                ReceivedMessage message;
                lock (_received)
                {
                    if (_received.Count == 0)
                    {
                        return;
                    }

                    message = (ReceivedMessage)_received.Dequeue();
                }

                MessageReceivedHandler handler = MessageReceived;
                if (handler != null)
                {
                    handler(message.Topic, message.Payload);
                }
            }
        }

        private void ConnectionLoop()
        {
            int retryMs = FirstRetryMs;
            bool wasConnected = false;
            while (true)
            {
                if (!IsConnected)
                {
                    if (wasConnected)
                    {
                        // M2Mqtt's dispatch thread runs Close() after a drop and then raises ConnectionClosed;
                        // connecting before that would let its Close() shut the new socket.
                        _closed.WaitOne(CloseWaitMs, false);
                        wasConnected = false;
                    }

                    if (TryConnect())
                    {
                        retryMs = FirstRetryMs;
                        wasConnected = true;
                    }
                    else
                    {
                        Thread.Sleep(retryMs);
                        retryMs = retryMs * 2 > MaxRetryMs ? MaxRetryMs : retryMs * 2;
                        continue;
                    }
                }

                Thread.Sleep(1000);
            }
        }

        private bool TryConnect()
        {
            if (_wifi != null && !_wifi.EnsureJoined(WifiJoinTimeoutMs, false))
            {
                return false;
            }

            try
            {
                if (_client == null)
                {
                    // The constructor resolves the host name (MqttNetworkChannel: Dns.GetHostEntry).
                    MqttClient client = new MqttClient(_host, _port, _tls, _caCert, _clientCert, _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                    client.Settings.InflightQueueSize = InflightLimit;

                    // The default, set anyway: without it M2Mqtt's channel switches SslVerification off.
                    client.Settings.ValidateServerCertificate = true;
                    client.SessionExpiryInterval = SessionExpiryS;
                    client.MqttMsgPublishReceived += OnPublishReceived;
                    client.MqttMsgPublished += OnPublished;
                    client.MqttMsgSubscribed += OnSubscribed;
                    client.ConnectionClosed += OnConnectionClosed;
                    _client = client;
                }
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, LogTag, "cannot create client for " + _host + ":" + _port + ": " + ex.Message);
                return false;
            }

            _closed.Reset();
            MqttProtocolVersion version = _preferV311 ? MqttProtocolVersion.Version_3_1_1 : MqttProtocolVersion.Version_5;
            bool refusedV5;
            bool ok = ConnectAs(version, out refusedV5);
            if (!ok && refusedV5)
            {
                _log.Write(LogLevel.Warning, LogTag, "broker refused MQTT 5, trying 3.1.1");
                ok = ConnectAs(MqttProtocolVersion.Version_3_1_1, out refusedV5);
                _preferV311 = ok;
            }

            if (!ok)
            {
                return false;
            }

            _acksStalled = false;
            _log.Write(LogLevel.Info, LogTag, "connected to " + _host + ":" + _port + (_client.ProtocolVersion == MqttProtocolVersion.Version_5 ? " (MQTT 5" : " (MQTT 3.1.1") + (_tls ? ", TLS)" : ")"));
            Resubscribe();
            return true;
        }

        private bool ConnectAs(MqttProtocolVersion version, out bool refusedV5)
        {
            refusedV5 = false;
            MqttClient client = _client;
            client.ProtocolVersion = version;
            try
            {
                MqttReasonCode code = client.Connect(_clientId, _username, _password,
                    true, MqttQoSLevel.AtLeastOnce, true, _willTopic, _willMessage,
                    false, KeepAliveS);
                if (code == MqttReasonCode.Success)
                {
                    return true;
                }

                refusedV5 = version == MqttProtocolVersion.Version_5
                    && (code == MqttReasonCode.UnsupportedProtocolVersion || code == MqttReasonCode.ConnectionRefusedUnacceptableProtocolVersion);
                _log.Write(LogLevel.Warning, LogTag, "broker refused connection, reason code 0x" + ((int)code).ToString("X2"));
            }
            catch (MqttConnectionException ex)
            {
                // TCP connect failed: nothing to do with the protocol version.
                _log.Write(LogLevel.Warning, LogTag, "cannot reach " + _host + ":" + _port + ": " + ex.Message);
            }
            catch (MqttCommunicationException ex)
            {
                // No readable CONNACK in time: a 3.1.1-only broker answering a v5 CONNECT ends up here.
                refusedV5 = version == MqttProtocolVersion.Version_5;
                _log.Write(LogLevel.Warning, LogTag, "no valid CONNACK: " + ex.Message);
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, LogTag, "connect failed: " + ex.Message);
            }

            client.Close();
            return false;
        }

        private void Resubscribe()
        {
            MqttClient client = _client;
            lock (_sync)
            {
                for (int i = 0; i < _subscriptions.Count; i++)
                {
                    Subscription s = (Subscription)_subscriptions[i];
                    try
                    {
                        client.Subscribe(new string[] { s.Filter }, new MqttQoSLevel[] { s.Qos });
                    }
                    catch (Exception ex)
                    {
                        _log.Write(LogLevel.Warning, LogTag, "subscribe " + s.Filter + " failed: " + ex.Message);
                    }
                }
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_received)
            {
                if (_received.Count >= ReceiveQueueLimit)
                {
                    _received.Dequeue();
                    _receivedDropped++;
                }

                _received.Enqueue(new ReceivedMessage(e.Topic, e.Message));
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            lock (_ackSync)
            {
                _acksStalled = false;
                if (e.MessageId == _awaitedPublishId)
                {
                    _publishOutcome = e.IsPublished ? Acknowledged : Refused;
                    _publishAnswered.Set();
                }
            }
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            lock (_ackSync)
            {
                if (e.MessageId == _awaitedSubscribeId)
                {
                    _granted = e.GrantedQoSLevels == null ? new MqttQoSLevel[0] : e.GrantedQoSLevels;
                    _subscribeAnswered.Set();
                }
            }
        }

        /// <summary>Adds the filter to those re-sent on every connection, once.</summary>
        private void Record(string topicFilter, MqttQoSLevel qos)
        {
            lock (_sync)
            {
                for (int i = 0; i < _subscriptions.Count; i++)
                {
                    if (((Subscription)_subscriptions[i]).Filter == topicFilter)
                    {
                        _subscriptions[i] = new Subscription(topicFilter, qos);
                        return;
                    }
                }

                _subscriptions.Add(new Subscription(topicFilter, qos));
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            _log.Write(LogLevel.Warning, LogTag, "connection to " + _host + " lost");
            _closed.Set();
        }

        private static MqttQoSLevel ToQos(MessageQos qos)
        {
            switch (qos)
            {
                case MessageQos.AtMostOnce:
                    return MqttQoSLevel.AtMostOnce;
                case MessageQos.ExactlyOnce:
                    return MqttQoSLevel.ExactlyOnce;
                default:
                    return MqttQoSLevel.AtLeastOnce;
            }
        }

        private sealed class Subscription
        {
            public Subscription(string filter, MqttQoSLevel qos)
            {
                Filter = filter;
                Qos = qos;
            }

            public string Filter { get; }

            public MqttQoSLevel Qos { get; }
        }

        private sealed class ReceivedMessage
        {
            public ReceivedMessage(string topic, byte[] payload)
            {
                Topic = topic;
                Payload = payload;
            }

            public string Topic { get; }

            public byte[] Payload { get; }
        }
    }
}
