using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CityEdge.Cli;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Tests.Cli;
using CityEdge.Host.Tests.Link;

namespace CityEdge.Host.Tests.Network;

/// <summary>
/// TLS on the command centre's tools (issue 18, item 5). A local TLS server presents a chosen
/// certificate from the pinned CA and then stays silent: a certificate the tools must refuse ends
/// the handshake with the reason; one they accept gets as far as the MQTT deadline.
/// </summary>
[TestClass]
public sealed class TlsTests
{
    private static readonly ECDsa CaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly X509Certificate2 Ca = MosquittoBroker.CreateCa("CityEdge test CA", CaKey);

    [TestMethod]
    [DataRow("client certificate of a node", "is not issued for a server")]
    [DataRow("server certificate naming 127.0.0.1 only in its CN", "does not name 127.0.0.1 in its subject alternative names")]
    [DataRow("server certificate for localhost only", "does not name 127.0.0.1 in its subject alternative names")]
    [DataRow("server certificate for 127.0.0.1", "no answer within 10 s")]
    public async Task PinningAsksForAServerCertificateNamingTheAddress(string presented, string expected)
    {
        using var server = new TlsServer(Leaf(presented));
        string caFile = Path.GetTempFileName();
        File.WriteAllText(caFile, Ca.ExportCertificatePem());
        try
        {
            var (exit, output, error) = await CliRun.RunAsync("monitor", "--broker", server.Address.ToString(), "--ca-file", caFile, "--duration", "5s").WaitAsync(TimeSpan.FromSeconds(90));

            Assert.AreEqual(ExitCodes.BrokerUnavailable, exit, output + error);
            StringAssert.Contains(error, expected);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [TestMethod]
    public async Task APasswordWithoutTlsIsWarnedAbout()
    {
        using var silent = new SilentBroker();
        var (_, _, error) = await CliRun.RunAsync("monitor", "--broker", silent.Address.ToString(), "--username", "cc", "--password", "secret", "--duration", "1s").WaitAsync(TimeSpan.FromSeconds(90));

        StringAssert.Contains(error, "warning: the password goes to " + silent.Address + " in clear text");
    }

    [TestMethod]
    public async Task ThePasswordOptionPointsToTheEnvironmentVariable()
    {
        var (_, output, _) = await CliRun.RunAsync("monitor", "--help");

        StringAssert.Contains(output, "process list");
        StringAssert.Contains(output, "CITYEDGE_MQTT_PASSWORD");
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task KeyFilesOthersCanReplaceOrReadAreWarnedAbout()
    {
        using var silent = new SilentBroker();
        string key = Path.GetTempFileName();
        File.WriteAllText(key, new string('a', 64));
        File.SetUnixFileMode(key, (UnixFileMode)0b110_110_110);
        try
        {
            var (exit, _, error) = await CliRun.RunAsync("command", "n1", "reboot", "--key-file", key, "--broker", silent.Address.ToString(), "--timeout", "1s").WaitAsync(TimeSpan.FromSeconds(90));

            Assert.AreEqual(ExitCodes.BrokerUnavailable, exit);
            StringAssert.Contains(error, $"warning: {key} is writable by every user (mode 0666)");
        }
        finally
        {
            File.Delete(key);
        }
    }

    /// <summary>The counter next to a key, and the simulator's keys, are the user's alone.</summary>
    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void FilesTheToolsCreateAreMode600()
    {
        string folder = Directory.CreateTempSubdirectory("cityedge-modes-").FullName;
        try
        {
            string key = Path.Combine(folder, "n1.key");
            File.WriteAllText(key, new string('a', 64));
            File.WriteAllText(key + ".counter", "5");
            File.SetUnixFileMode(key + ".counter", (UnixFileMode)0b110_100_100);
            CommandKeyFile.NextCounter(key);
            new CityEdge.Host.Simulation.SimulatedNodeKeys(Path.Combine(folder, "sim")).KeyFor("node-01");

            Assert.AreEqual((UnixFileMode)0b110_000_000, File.GetUnixFileMode(key + ".counter"));
            Assert.AreEqual((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Path.Combine(folder, "sim", "node-01.key")));
            Assert.AreEqual((UnixFileMode)0b111_000_000, File.GetUnixFileMode(Path.Combine(folder, "sim")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static X509Certificate2 Leaf(string kind)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ip = new SubjectAlternativeNameBuilder();
        ip.AddIpAddress(IPAddress.Loopback);
        var dns = new SubjectAlternativeNameBuilder();
        dns.AddDnsName("localhost");
        using var certificate = kind switch
        {
            "client certificate of a node" => MosquittoBroker.CreateLeaf("CN=node-0042", key, Ca, MosquittoBroker.ClientAuthOid, ip.Build()),
            "server certificate naming 127.0.0.1 only in its CN" => MosquittoBroker.CreateLeaf("CN=127.0.0.1", key, Ca, MosquittoBroker.ServerAuthOid, null),
            "server certificate for localhost only" => MosquittoBroker.CreateLeaf("CN=localhost", key, Ca, MosquittoBroker.ServerAuthOid, dns.Build()),
            _ => MosquittoBroker.CreateLeaf("CN=broker", key, Ca, MosquittoBroker.ServerAuthOid, ip.Build()),
        };
        using var withKey = certificate.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Completes the TLS handshake with its certificate, then says nothing.</summary>
    private sealed class TlsServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;
        private readonly List<IDisposable> _open = [];

        public TlsServer(X509Certificate2 certificate)
        {
            _certificate = certificate;
            _listener.Start();
            Address = new BrokerAddress("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
            _ = AcceptAsync();
        }

        public BrokerAddress Address { get; }

        public void Dispose()
        {
            _listener.Stop();
            lock (_open)
            {
                _open.ForEach(o => o.Dispose());
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    var tls = new SslStream(client.GetStream());
                    lock (_open)
                    {
                        _open.Add(client);
                        _open.Add(tls);
                    }

                    _ = tls.AuthenticateAsServerAsync(_certificate).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
