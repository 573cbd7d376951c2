namespace CityEdge.Link
{
    /// <summary>
    /// The session parameters of one connection attempt, the same on the device and the host twin: a
    /// persistent session (clean start false; with MQTT 5 kept for <see cref="SessionExpiryS"/> after
    /// a drop) so the broker keeps the node's subscriptions and queues its commands while it is away,
    /// and the retained "offline" status as last will (docs/mqtt.md).
    /// </summary>
    public sealed class ConnectRequest
    {
        /// <summary>The keep-alive when nothing says otherwise (tools that connect as a node).</summary>
        public const int DefaultKeepAliveS = 60;

        public ConnectRequest(string clientId, string username, string password, string willTopic, byte[] willPayload)
            : this(clientId, username, password, willTopic, willPayload, DefaultKeepAliveS)
        {
        }

        /// <param name="keepAliveS">MQTT keep-alive, seconds (<see cref="KeepAliveFor"/>).</param>
        public ConnectRequest(string clientId, string username, string password, string willTopic, byte[] willPayload, int keepAliveS)
        {
            ClientId = clientId;
            Username = username == null || username.Length == 0 ? null : username;
            Password = password == null || password.Length == 0 ? null : password;
            WillTopic = willTopic;
            WillPayload = willPayload;
            KeepAliveS = (ushort)keepAliveS;
            SessionExpiryS = 24 * 3600;
            ProtocolVersion = MqttProtocol.Version5;
        }

        public string ClientId { get; }

        /// <summary>Null when the config has none (anonymous broker).</summary>
        public string Username { get; }

        public string Password { get; }

        /// <summary>Published by the broker, retained at QoS 1, when the node vanishes.</summary>
        public string WillTopic { get; }

        public byte[] WillPayload { get; }

        /// <summary>Clean start / clean session: always false, the session outlives a drop.</summary>
        public bool CleanStart
        {
            get { return false; }
        }

        /// <summary>The client pings when it has sent nothing for this long; the broker drops the
        /// connection (and publishes the will) after 1.5 times it without a packet (MQTT 5.0 section 3.1.2.10).</summary>
        public ushort KeepAliveS { get; }

        /// <summary>
        /// The keep-alive of a node that reports every <paramref name="reportPeriodS"/>: one and a half
        /// report periods, so the reports themselves keep the connection alive and no PINGREQ is ever
        /// needed while the node reports (the device client pings after a whole keep-alive without a
        /// send: M2Mqtt KeepAliveThread); at least 60 s, at most 600 s, so the broker notices a vanished
        /// node (and publishes its "offline" will) within 15 minutes even at long report periods.
        /// </summary>
        public static int KeepAliveFor(int reportPeriodS)
        {
            int keepAlive = reportPeriodS * 3 / 2;
            return keepAlive < 60 ? 60 : keepAlive > 600 ? 600 : keepAlive;
        }

        /// <summary>MQTT 5 session expiry interval; 3.1.1 has none (the broker's own setting applies).</summary>
        public uint SessionExpiryS { get; }

        /// <summary><see cref="MqttProtocol.Version5"/> or <see cref="MqttProtocol.Version311"/>, chosen by <see cref="ConnectionPolicy"/>.</summary>
        public int ProtocolVersion { get; set; }
    }

    /// <summary>MQTT protocol levels as the CONNECT packet carries them, and the CONNACK codes the core reads.</summary>
    public static class MqttProtocol
    {
        /// <summary>Protocol level 4 (MQTT 3.1.1, section 3.1.2.2).</summary>
        public const int Version311 = 4;

        /// <summary>Protocol level 5 (MQTT 5.0, section 3.1.2.2).</summary>
        public const int Version5 = 5;

        /// <summary>
        /// True when a CONNACK refusal means "this protocol version is not spoken here": 0x01
        /// "unacceptable protocol version" (MQTT 3.1.1 table 3.1) or 0x84 "Unsupported Protocol Version"
        /// (MQTT 5.0 section 3.2.2.2).
        /// </summary>
        public static bool RefusesProtocolVersion(int reasonCode)
        {
            return reasonCode == 0x01 || reasonCode == 0x84;
        }

        /// <summary>True for a SUBACK return code that grants QoS 0, 1 or 2; 0x80 and above refuse
        /// (MQTT 3.1.1 section 3.9.3, MQTT 5.0 section 3.9.3).</summary>
        public static bool SubscriptionGranted(int returnCode)
        {
            return returnCode >= 0 && returnCode <= 2;
        }

        /// <summary>"3.1.1" or "5", for logs and the status message.</summary>
        public static string Name(int version)
        {
            return version == Version311 ? "3.1.1" : "5";
        }
    }
}
