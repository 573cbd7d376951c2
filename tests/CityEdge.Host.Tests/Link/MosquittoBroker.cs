using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CityEdge.Host.Mqtt;

namespace CityEdge.Host.Tests.Link;

/// <summary>
/// A real mosquitto for the fleet-link tests, set up the way docs/mqtt.md tells a city to run it:
/// TLS only, a CA generated here, a password file (one user per node plus the command centre) and
/// per-node pattern ACLs, on a free 127.0.0.1 port. Under CI (CI=true) a missing mosquitto fails the
/// tests; elsewhere they are skipped with a message (./tests/run installs it).
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    public const string TopicRoot = "city/district-1";
    public const string CommandCentreUser = "commandcentre";
    public const string CommandCentrePassword = "cc-secret-7b1e";

    // RFC 5280 section 4.2.1.12: id-kp-serverAuth and id-kp-clientAuth.
    internal const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    internal const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly Process _process;
    private readonly string _folder;

    private MosquittoBroker(Process process, string folder, int port, int certificatePort, X509Certificate2 ca, X509Certificate2 rogueCa)
    {
        _process = process;
        _folder = folder;
        Address = new BrokerAddress("127.0.0.1", port);
        CertificateAddress = new BrokerAddress("127.0.0.1", certificatePort);
        Ca = ca;
        RogueCa = rogueCa;
    }

    public BrokerAddress Address { get; }

    /// <summary>A second listener that requires a client certificate and takes the user name from its CN.</summary>
    public BrokerAddress CertificateAddress { get; }

    /// <summary>The CA that signed the broker's certificate (what nodes pin).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>A CA that did not: pinning it must make the connection fail.</summary>
    public X509Certificate2 RogueCa { get; }

    public string CaPem => Ca.ExportCertificatePem();

    public static string PasswordOf(string user) => "pw-" + user + "-9f3a";

    /// <summary>Command-centre settings: TLS with the real CA, its own credentials.</summary>
    public MqttClientSettings CommandCentre => new(Address) { Username = CommandCentreUser, Password = CommandCentrePassword, CaCertificate = Ca };

    /// <summary>A node's settings: TLS with the real CA, its own credentials.</summary>
    public MqttClientSettings Node(string nodeId) => new(Address) { Username = nodeId, Password = PasswordOf(nodeId), CaCertificate = Ca };

    /// <summary>Starts mosquitto with users for <paramref name="nodeIds"/>; Assert.Inconclusive/Fail when it is not installed.</summary>
    public static MosquittoBroker Start(params string[] nodeIds)
    {
        string? mosquitto = Find("mosquitto");
        string? passwd = Find("mosquitto_passwd");
        if (mosquitto == null || passwd == null)
        {
            const string message = "mosquitto (and mosquitto_passwd) not found: ./tests/run installs it (apt-get install mosquitto)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Inconclusive(message);
        }

        string folder = Directory.CreateTempSubdirectory("cityedge-mosquitto-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ca = CreateCa("CityEdge test CA", caKey);
        using var rogueKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rogueCa = CreateCa("CityEdge test CA", rogueKey);
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = CreateServerCertificate(ca, serverKey);
        File.WriteAllText(Path.Combine(folder, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());

        string passwordFile = Path.Combine(folder, "passwd");
        File.WriteAllText(passwordFile, "");
        foreach (string user in nodeIds.Prepend(CommandCentreUser))
        {
            RunTool(passwd, "-b", passwordFile, user, user == CommandCentreUser ? CommandCentrePassword : PasswordOf(user));
        }

        File.WriteAllText(Path.Combine(folder, "acl"), AclText(TopicRoot, CommandCentreUser));
        int port = FreeLoopbackPort();
        int certificatePort = FreeLoopbackPort();
        string configFile = Path.Combine(folder, "mosquitto.conf");
        File.WriteAllText(configFile, ConfigText(folder, port, certificatePort));

        var process = Process.Start(new ProcessStartInfo(mosquitto, ["-c", configFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!Listening(port) || !Listening(certificatePort))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                lock (log)
                {
                    Assert.Fail($"mosquitto did not start on 127.0.0.1:{port}: {log}");
                }
            }

            Thread.Sleep(20);
        }

        return new MosquittoBroker(process, folder, port, certificatePort, ca, rogueCa);
    }

    /// <summary>The per-node ACL of docs/mqtt.md: a node writes only its own topics and reads only its own commands.</summary>
    public static string AclText(string topicRoot, string commandCentreUser) => $"""
        # The command centre reads and writes everything under the city's root.
        user {commandCentreUser}
        topic readwrite {topicRoot}/#

        # Every other user is a node whose user name is its node id (%u).
        pattern write {topicRoot}/%u/telemetry
        pattern write {topicRoot}/%u/events
        pattern write {topicRoot}/%u/status
        pattern write {topicRoot}/%u/config
        pattern write {topicRoot}/%u/command-ack
        pattern read {topicRoot}/%u/command

        """;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A client certificate for <paramref name="user"/> (CN = user), signed by <paramref name="byRogueCa"/> ? a foreign CA : the broker's CA.</summary>
    public X509Certificate2 ClientCertificate(string user, bool byRogueCa = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rogueKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rogue = CreateCa("CityEdge test CA", rogueKey);
        using var certificate = CreateLeaf("CN=" + user, key, byRogueCa ? rogue : Ca, ClientAuthOid, null);
        using var withKey = certificate.CopyWithPrivateKey(key);
        // A PFX round trip gives SslStream a certificate whose key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    private static string ConfigText(string folder, int port, int certificatePort) => $"""
        # Generated by the fleet-link tests (docs/mqtt.md shows the production version).
        per_listener_settings false
        allow_anonymous false
        password_file {folder}/passwd
        acl_file {folder}/acl
        persistence false
        # Run as root, mosquitto would switch to user "mosquitto" before reading the key; stay.
        user root
        log_dest stdout
        listener {port} 127.0.0.1
        {TlsLines(folder)}
        require_certificate false

        # Client-certificate listener: the certificate's CN is the user name the ACL sees.
        listener {certificatePort} 127.0.0.1
        {TlsLines(folder)}
        require_certificate true
        use_identity_as_username true

        """;

    private static string TlsLines(string folder) => $"cafile {folder}/ca.pem\ncertfile {folder}/server.pem\nkeyfile {folder}/server.key\ntls_version tlsv1.2";

    internal static X509Certificate2 CreateCa(string name, ECDsa key)
    {
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 CreateServerCertificate(X509Certificate2 ca, ECDsa serverKey)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        return CreateLeaf("CN=127.0.0.1", serverKey, ca, ServerAuthOid, names.Build());
    }

    /// <summary>An end-entity certificate valid inside the CA's 30 days, for one extended key usage.</summary>
    internal static X509Certificate2 CreateLeaf(string subject, ECDsa key, X509Certificate2 issuer, string usageOid, X509Extension? alternativeNames)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (alternativeNames != null)
        {
            request.CertificateExtensions.Add(alternativeNames);
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        return request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20), RandomNumberGenerator.GetBytes(8));
    }

    private static void RunTool(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"{tool} {string.Join(' ', arguments.Take(2))}: {error}");
    }

    private static string? Find(string tool)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/local/sbin"]))
        {
            string path = Path.Combine(directory, tool);
            if (directory.Length > 0 && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
