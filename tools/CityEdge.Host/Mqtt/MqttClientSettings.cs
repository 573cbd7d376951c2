using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// How a host client (virtual node, receiver, `cityedge command`) reaches the broker: address,
/// per-client credentials and TLS. With <see cref="CaCertificate"/> set the connection is TLS and the
/// server's certificate must chain to THAT CA only (pinned: the machine's trust store is ignored)
/// and match the broker's host name or address.
/// </summary>
public sealed record MqttClientSettings(BrokerAddress Broker)
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The CA the broker's certificate must chain to; null for plain TCP.</summary>
    public X509Certificate2? CaCertificate { get; init; }

    /// <summary>Optional client certificate (with private key) for brokers that require one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A node's link behaves as if the broker spoke only MQTT 3.1.1: it refuses the node's MQTT 5
    /// attempt (CONNACK 0x01), so the node's session falls back to 3.1.1 as the device does: no content
    /// types and no reason codes (docs/mqtt.md). The command centre's clients always speak MQTT 5
    /// (commands carry a message expiry).</summary>
    public bool Mqtt311 { get; init; }

    public static MqttClientSettings Plain(BrokerAddress broker) => new(broker);

    /// <summary>Adds server, credentials and TLS to <paramref name="builder"/>.</summary>
    public MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder)
    {
        builder.WithTcpServer(Broker.Host, Broker.Port).WithTimeout(TimeSpan.FromSeconds(10));
        if (Username != null)
        {
            builder.WithCredentials(Username, Password ?? "");
        }

        if (CaCertificate != null)
        {
            var ca = CaCertificate;
            var tls = new MqttClientTlsOptionsBuilder()
                .UseTls()
                .WithTargetHost(Broker.Host)
                .WithCertificateValidationHandler(e => IsPinned(e.Certificate, e.SslPolicyErrors, ca));
            if (ClientCertificate != null)
            {
                tls.WithClientCertificates(new X509Certificate2Collection(ClientCertificate));
            }

            builder.WithTlsOptions(tls.Build());
        }

        return builder;
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/> alone and names the host.</summary>
    public static bool IsPinned(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (certificate == null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
