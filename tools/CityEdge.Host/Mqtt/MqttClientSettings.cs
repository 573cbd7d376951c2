using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// How a host client (virtual node, receiver, `cityedge command`) reaches the broker: address,
/// per-client credentials and TLS. With <see cref="CaCertificate"/> set the connection is TLS and the
/// server's certificate must chain to THAT CA only (pinned: the machine's trust store is ignored),
/// be issued for a server (extended key usage id-kp-serverAuth, RFC 5280 4.2.1.12: a node's client
/// certificate from the same CA is not a broker's) and name the broker's host in its subject
/// alternative names, an IP address as an iPAddress entry (RFC 6125 6.4.4: the CN does not count).
/// </summary>
public sealed record MqttClientSettings(BrokerAddress Broker)
{
    /// <summary>id-kp-serverAuth (RFC 5280 section 4.2.1.12).</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The CA the broker's certificate must chain to; null for plain TCP.</summary>
    public X509Certificate2? CaCertificate { get; init; }

    /// <summary>Optional client certificate (with private key) for brokers that require one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Told why the broker's certificate was refused (the TLS error itself only says "rejected").</summary>
    public Action<string>? TlsRejected { get; init; }

    /// <summary>The keep-alive shared by a simulated fleet's links (<see cref="SharedKeepAlive"/>); null: each
    /// client runs MQTTnet's own keep-alive loop. The CONNECT carries the device's keep-alive either way.</summary>
    public SharedKeepAlive? KeepAlive { get; init; }

    /// <summary>A node's link behaves as if the broker spoke only MQTT 3.1.1: it refuses the node's MQTT 5
    /// attempt (CONNACK 0x01), so the node's session falls back to 3.1.1 as the device does: no topic
    /// aliases and no reason codes (docs/mqtt.md). The command centre's clients always speak MQTT 5
    /// (commands carry a message expiry).</summary>
    public bool Mqtt311 { get; init; }

    /// <summary>A node's link offers the broker's topic aliases to the core (MQTT 5). False makes it
    /// send as the device's M2Mqtt link does, which cannot set a topic alias.</summary>
    public bool TopicAliases { get; init; } = true;

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
            string host = Broker.Host;
            var rejected = TlsRejected;
            var tls = new MqttClientTlsOptionsBuilder()
                .UseTls()
                .WithTargetHost(host)
                .WithCertificateValidationHandler(e =>
                {
                    string? problem = PinProblem(e.Certificate, ca, host);
                    if (problem != null)
                    {
                        rejected?.Invoke(problem);
                    }

                    return problem == null;
                });
            if (ClientCertificate != null)
            {
                tls.WithClientCertificates(new X509Certificate2Collection(ClientCertificate));
            }

            builder.WithTlsOptions(tls.Build());
        }

        return builder;
    }

    /// <summary>Why the broker's <paramref name="certificate"/> is not acceptable for <paramref name="host"/>
    /// under the pinned <paramref name="ca"/>, or null when it is. The platform's own verdict (its
    /// trust store, a name found only in the CN) plays no part.</summary>
    public static string? PinProblem(X509Certificate? certificate, X509Certificate2 ca, string host)
    {
        if (certificate == null)
        {
            return "the broker sent no certificate";
        }

        using var server = new X509Certificate2(certificate);
        if (!server.MatchesHostname(host, allowWildcards: true, allowCommonName: false))
        {
            return $"the broker's certificate ({server.Subject}) does not name {host} in its subject alternative names";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
        if (chain.Build(server))
        {
            return null;
        }

        var status = chain.ChainStatus.Select(s => s.Status).ToList();
        return status.Contains(X509ChainStatusFlags.NotValidForUsage)
            ? $"the broker's certificate ({server.Subject}) is not issued for a server (no id-kp-serverAuth extended key usage): is it a node's client certificate?"
            : $"the broker's certificate ({server.Subject}) does not chain to the pinned CA ({ca.Subject}): {string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()))}";
    }
}
