using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using CityEdge.Host.Mqtt;

namespace CityEdge.Cli.Commands;

/// <summary>
/// How the command centre's tools reach a production broker: address, pinned CA (TLS), optional
/// client certificate, user name and password. Shared by `command` and `monitor` so both connect
/// the same way.
/// </summary>
internal sealed class BrokerConnectionOptions
{
    public const string PasswordVariable = "CITYEDGE_MQTT_PASSWORD";

    private BrokerConnectionOptions(string brokerDescription)
    {
        Broker = CommonOptions.Broker(brokerDescription);
        Broker.Required = true;
    }

    public Option<BrokerAddress?> Broker { get; }

    public Option<FileInfo?> CaFile { get; } = CommonOptions.InputFile("--ca-file", "PEM CA the broker's certificate must chain to (enables TLS, pinned).");

    public Option<FileInfo?> CertFile { get; } = CommonOptions.InputFile("--cert-file", "PEM client certificate, for brokers that require one (with --cert-key-file).");

    public Option<FileInfo?> CertKeyFile { get; } = CommonOptions.InputFile("--cert-key-file", "PEM private key of --cert-file.");

    public Option<string?> Username { get; } = new("--username") { Description = "Broker user name of the command centre." };

    public Option<string?> Password { get; } = new("--password") { Description = $"Broker password (default: the {PasswordVariable} environment variable)." };

    public static BrokerConnectionOptions AddTo(Command command, string brokerDescription)
    {
        var options = new BrokerConnectionOptions(brokerDescription);
        command.Options.Add(options.Broker);
        command.Options.Add(options.CaFile);
        command.Options.Add(options.CertFile);
        command.Options.Add(options.CertKeyFile);
        command.Options.Add(options.Username);
        command.Options.Add(options.Password);
        return options;
    }

    /// <summary>The client settings; throws IOException, CryptographicException or ArgumentException
    /// for files that cannot be used, each naming the file or option.</summary>
    public MqttClientSettings Settings(ParseResult parse)
    {
        var settings = new MqttClientSettings(parse.GetValue(Broker)!)
        {
            Username = parse.GetValue(Username),
            Password = parse.GetValue(Password) ?? Environment.GetEnvironmentVariable(PasswordVariable),
        };
        FileInfo? caFile = parse.GetValue(CaFile);
        if (caFile != null)
        {
            settings = settings with { CaCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(caFile.FullName)) };
        }

        FileInfo? certFile = parse.GetValue(CertFile);
        if (certFile != null)
        {
            FileInfo certKeyFile = parse.GetValue(CertKeyFile) ?? throw new ArgumentException("--cert-file needs --cert-key-file");
            settings = settings with { ClientCertificate = X509Certificate2.CreateFromPemFile(certFile.FullName, certKeyFile.FullName) };
        }

        return settings;
    }
}
