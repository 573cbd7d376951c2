using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Link;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// INetworkLink over nanoFramework.M2Mqtt's MqttClient: an adapter, no decisions. The core's
    /// LinkSession says when to connect, with which protocol version and session parameters, and what
    /// an acknowledgement means (API checked against nanoframework/nanoFramework.m2mqtt @ 8208787, the
    /// commit that builds NuGet 5.1.220; see docs/device-app.md "MQTT link").
    /// <para>
    /// The calls that block run on one worker thread: joining Wi-Fi, the MqttClient constructor (DNS
    /// look-up), Connect (waits up to MqttSettings.DefaultTimeout = 30 s for CONNACK) and Close (sleeps
    /// 200 ms and joins M2Mqtt's threads for up to ~2 s). Publish and Subscribe only enqueue in M2Mqtt's
    /// inflight queue and return its message id; MqttMsgPublished / MqttMsgSubscribed bring the answer
    /// later, on M2Mqtt's dispatch thread, and are posted to the connection's LinkInbox.
    /// </para>
    /// <para>
    /// Every connection attempt uses a new MqttClient, so M2Mqtt's in-RAM session never re-sends old
    /// messages by itself after a reconnect (MqttClient.RestoreSession): the core's outbox is the one
    /// place that sends a frame again, as on the host twin. The broker's session (clean session false,
    /// MQTT 5 session expiry) persists across connections all the same.
    /// </para>
    /// </summary>
    public sealed class M2MqttLink : INetworkLink
    {
        private const int WifiJoinTimeoutMs = 30000;

        /// <summary>M2Mqtt's inflight queue: Publish throws MqttClientException(InflightQueueFull) past it
        /// (the core keeps at most LinkSession.InFlightLimit messages awaiting acknowledgement).</summary>
        private const int InflightLimit = 16;

        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly X509Certificate _caCert;
        private readonly X509Certificate _clientCert;
        private readonly WifiJoin _wifi;
        private readonly ILogSink _log;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _work = new AutoResetEvent(false);
        private ConnectRequest _connectRequest;
        private LinkInbox _connectInbox;
        private bool _dropRequested;
        private Connection _connection;
        private Thread _thread;

        /// <param name="tls">mqtt.tls: TLS 1.2 with <paramref name="caCert"/> as the only trusted root.</param>
        /// <param name="caCert">The city's CA (ca.pem); required with TLS.</param>
        /// <param name="clientCert">Optional client certificate with its private key (X509Certificate2); null for none.</param>
        public M2MqttLink(string host, int port, bool tls, X509Certificate caCert, X509Certificate clientCert, WifiJoin wifi, ILogSink log)
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
            _wifi = wifi;
            _log = log ?? NullLogSink.Instance;
        }

        /// <summary>Starts the worker thread that runs connection attempts and drops.</summary>
        public void Start()
        {
            if (_thread == null)
            {
                _thread = new Thread(Work);
                _thread.Start();
            }
        }

        public void BeginConnect(ConnectRequest request, LinkInbox inbox)
        {
            lock (_sync)
            {
                _connectRequest = request;
                _connectInbox = inbox;
            }

            _work.Set();
        }

        /// <summary>
        /// M2Mqtt sends the message's array whole, later, from its inflight queue (MqttMsgPublish.GetBytes:
        /// payload size = Message.Length), so the payload is copied into an array of exactly its length:
        /// the one allocation per publish this library forces (it allocates the packet's bytes and its
        /// MqttMsgPublish besides). Its inflight queue is first in, first out, so messages leave in
        /// hand-over order. It cannot send a topic alias: Publish takes none, ComposeMqttMsgPublish
        /// is internal and MqttMsgPublish.GetBytes refuses an empty topic (MIN_TOPIC_LENGTH = 1), so
        /// Connected posts a topic alias maximum of 0 and the core never asks for one. No content type:
        /// the topic says what a message is (docs/mqtt.md).
        /// </summary>
        public int Publish(string topic, int topicAlias, byte[] payload, int offset, int count, MessageQos qos, bool retain)
        {
            Connection connection = _connection;
            if (connection == null || !connection.Client.IsConnected)
            {
                return -1;
            }

            byte[] message = new byte[count];
            Array.Copy(payload, offset, message, 0, count);
            try
            {
                ushort id = connection.Client.Publish(topic, message, null, null, ToQos(qos), retain);
                return qos == MessageQos.AtMostOnce ? 0 : id;
            }
            catch (Exception)
            {
                // MqttClientException(InflightQueueFull), or the connection closing under us.
                return -1;
            }
        }

        public int Subscribe(string topicFilter, MessageQos qos)
        {
            Connection connection = _connection;
            if (connection == null || !connection.Client.IsConnected)
            {
                return -1;
            }

            try
            {
                return connection.Client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { ToQos(qos) });
            }
            catch (Exception)
            {
                return -1;
            }
        }

        public void Drop()
        {
            lock (_sync)
            {
                _dropRequested = true;
            }

            _work.Set();
        }

        private void Work()
        {
            while (true)
            {
                _work.WaitOne();
                bool drop;
                ConnectRequest request;
                LinkInbox inbox;
                lock (_sync)
                {
                    drop = _dropRequested;
                    request = _connectRequest;
                    inbox = _connectInbox;
                    _dropRequested = false;
                    _connectRequest = null;
                }

                if (drop)
                {
                    Connection dropped = _connection;
                    _connection = null;
                    if (dropped != null)
                    {
                        dropped.Client.Close();
                        dropped.Lost("dropped");
                    }
                }

                if (request != null)
                {
                    Connect(request, inbox);
                }
            }
        }

        private void Connect(ConnectRequest request, LinkInbox inbox)
        {
            if (_wifi != null && !_wifi.EnsureJoined(WifiJoinTimeoutMs, false))
            {
                inbox.PostConnectFailed(ConnectOutcome.Unreachable, 0, "Wi-Fi not joined");
                return;
            }

            MqttClient client;
            try
            {
                // The constructor resolves the host name (MqttNetworkChannel: Dns.GetHostEntry).
                client = new MqttClient(_host, _port, _tls, _caCert, _clientCert, _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception ex)
            {
                inbox.PostConnectFailed(ConnectOutcome.Unreachable, 0, "cannot create the client for " + _host + ":" + _port + ": " + ex.Message);
                return;
            }

            client.Settings.InflightQueueSize = InflightLimit;

            // The default, set anyway: without it M2Mqtt's channel switches SslVerification off.
            client.Settings.ValidateServerCertificate = true;
            bool v5 = request.ProtocolVersion == MqttProtocol.Version5;
            client.ProtocolVersion = v5 ? MqttProtocolVersion.Version_5 : MqttProtocolVersion.Version_3_1_1;
            if (v5)
            {
                client.SessionExpiryInterval = request.SessionExpiryS;
            }

            Connection connection = new Connection(client, inbox);
            try
            {
                // M2Mqtt takes the will payload as a string and encodes it as UTF-8.
                MqttReasonCode code = client.Connect(request.ClientId, request.Username, request.Password,
                    true, MqttQoSLevel.AtLeastOnce, true, request.WillTopic,
                    Encoding.UTF8.GetString(request.WillPayload, 0, request.WillPayload.Length),
                    request.CleanStart, request.KeepAliveS);
                if (code != MqttReasonCode.Success)
                {
                    client.Close();
                    inbox.PostConnectFailed(ConnectOutcome.Refused, (int)code, null);
                    return;
                }
            }
            catch (MqttConnectionException ex)
            {
                // TCP connect or TLS handshake failed.
                inbox.PostConnectFailed(ConnectOutcome.Unreachable, 0, ex.Message);
                return;
            }
            catch (MqttCommunicationException ex)
            {
                // No CONNACK it could parse in time: a 3.1.1 broker's 2-byte CONNACK fails the v5 parser.
                client.Close();
                inbox.PostConnectFailed(ConnectOutcome.NoValidAnswer, 0, ex.Message);
                return;
            }
            catch (Exception ex)
            {
                client.Close();
                inbox.PostConnectFailed(ConnectOutcome.Unreachable, 0, ex.Message);
                return;
            }

            _connection = connection;
            connection.Opened(request.ProtocolVersion);
            _log.Write(LogLevel.Info, "mqtt", "connected to " + _host + ":" + _port + (_tls ? " (TLS)" : string.Empty));
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

        /// <summary>
        /// One MqttClient and the inbox of its connection. Its events go to that inbox until the connection
        /// has ended: an answer from a closed client must not complete a message of the next one (the new
        /// client's message ids start again at 1).
        /// </summary>
        private sealed class Connection
        {
            private readonly LinkInbox _inbox;
            private readonly object _sync = new object();
            private bool _open;
            private bool _ended;

            public Connection(MqttClient client, LinkInbox inbox)
            {
                Client = client;
                _inbox = inbox;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.MqttMsgSubscribed += OnSubscribed;
                client.ConnectionClosed += OnConnectionClosed;
            }

            public MqttClient Client { get; }

            public void Opened(int protocolVersion)
            {
                lock (_sync)
                {
                    _open = true;
                }

                _inbox.PostConnected(protocolVersion);
            }

            /// <summary>Posts the one ConnectionLost of this connection (a drop we asked for, or M2Mqtt's own).</summary>
            public void Lost(string detail)
            {
                lock (_sync)
                {
                    if (!_open || _ended)
                    {
                        return;
                    }

                    _ended = true;
                }

                _inbox.PostConnectionLost(detail);
            }

            private bool Live()
            {
                lock (_sync)
                {
                    return !_ended;
                }
            }

            private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
            {
                if (Live())
                {
                    _inbox.PostMessage(e.Topic, e.Message);
                }
            }

            private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
            {
                if (Live())
                {
                    _inbox.PostPublishDone(e.MessageId, e.IsPublished);
                }
            }

            private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
            {
                if (Live())
                {
                    MqttQoSLevel[] granted = e.GrantedQoSLevels;
                    _inbox.PostSubscribeDone(e.MessageId, granted != null && granted.Length > 0 && MqttProtocol.SubscriptionGranted((int)granted[0]));
                }
            }

            private void OnConnectionClosed(object sender, EventArgs e)
            {
                Lost("connection closed");
            }
        }
    }
}
