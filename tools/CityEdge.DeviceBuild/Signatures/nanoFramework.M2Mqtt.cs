// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: nanoFramework.M2Mqtt, Version=5.1.220.0
// package: nanoFramework.M2Mqtt 5.1.220
// references: nanoFramework.M2Mqtt.Core, System.Net
// source: nanoframework/nanoFramework.m2mqtt @ 820878720740409782046cb85329884d59ba9974 (NuGet 5.1.220), M2Mqtt/MqttClient.cs (MqttClient, MqttProtocolVersion), M2Mqtt/MqttSettings.cs, M2Mqtt/Exceptions/MqttClientException.cs, MqttCommunicationException.cs, MqttConnectionException.cs
namespace nanoFramework.M2Mqtt
{
    using System.Collections;
    using System.Security.Cryptography.X509Certificates;
    using nanoFramework.M2Mqtt.Messages;

    public enum MqttProtocolVersion
    {
        Version_3_1 = 0x03,
        Version_3_1_1 = 0x04,
        Version_5 = 0x05,
    }

    public class MqttSettings
    {
        public const int BrokerDefaultPort = 1883;
        public const int BrokerDefaultSslPort = 8883;
        public const int DefaultTimeout = 30000;
        public const int MaximumAttemptsRetry = 3;
        public const int DefaultDelayRetry = 1000;
        public int InflightQueueSize { get => throw null; set => throw null; }
        public bool ValidateServerCertificate { get => throw null; set => throw null; }
        public static MqttSettings Instance => throw null;
    }

    public class MqttClient : IMqttClient, System.IDisposable
    {
        public MqttClient(string brokerHostName) { }
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) { }
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;
        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;
        public bool IsConnected => throw null;
        public string ClientId => throw null;
        public bool CleanSession => throw null;
        public MqttProtocolVersion ProtocolVersion { get => throw null; set => throw null; }
        public uint SessionExpiryInterval { get => throw null; set => throw null; }
        public MqttSettings Settings => throw null;
        public MqttReasonCode Connect(string clientId) => throw null;
        public MqttReasonCode Connect(string clientId, bool cleanSession) => throw null;
        public MqttReasonCode Connect(string clientId, string username, string password) => throw null;
        public MqttReasonCode Connect(string clientId, string username, string password, bool cleanSession, ushort keepAlivePeriod) => throw null;
        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod) => throw null;
        public void Disconnect() => throw null;
        public void Close() => throw null;
        public void Dispose() => throw null;
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels) => throw null;
        public ushort Unsubscribe(string[] topics) => throw null;
        public ushort Publish(string topic, byte[] message) => throw null;
        public ushort Publish(string topic, byte[] message, string contentType) => throw null;
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties) => throw null;
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain) => throw null;
    }
}

namespace nanoFramework.M2Mqtt.Exceptions
{
    /// <summary>Only the member used is declared (its value in the source follows from the members before it).</summary>
    public enum MqttClientErrorCode
    {
        InflightQueueFull,
    }

    public class MqttClientException : System.Exception
    {
        public MqttClientException(MqttClientErrorCode errorCode) { }
        public MqttClientErrorCode ErrorCode { get => throw null; set => throw null; }
    }

    public class MqttCommunicationException : System.Exception
    {
        public MqttCommunicationException() { }
        public MqttCommunicationException(System.Exception e) { }
    }

    public class MqttConnectionException : System.Exception
    {
        public MqttConnectionException(string message, System.Exception innerException) { }
    }
}
