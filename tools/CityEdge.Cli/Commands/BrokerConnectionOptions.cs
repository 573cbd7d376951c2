using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CityEdge.Host;
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

    public Option<FileInfo?> CaFile { get; } = CommonOptions.InputFile("--ca-file", "PEM CA the broker's certificate must chain to (enables TLS, pinned; the certificate must be for a server and name the host or IP address in its alternative names).");

    public Option<FileInfo?> CertFile { get; } = CommonOptions.InputFile("--cert-file", "PEM client certificate, for brokers that require one (with --cert-key-file).");

    public Option<FileInfo?> CertKeyFile { get; } = CommonOptions.InputFile("--cert-key-file", "PEM private key of --cert-file (keep it mode 600).");

    public Option<string?> Username { get; } = new("--username") { Description = "Broker user name of the command centre." };

    public Option<string?> Password { get; } = new("--password")
    {
        Description = $"Broker password. Every user on this machine sees it in the process list: set the {PasswordVariable} environment variable instead (the default).",
    };

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

    /// <summary>
    /// The client settings, with a warning on standard error for each risk taken (a password sent in
    /// clear, a key file others can read or replace); null after an error naming the file or option.
    /// </summary>
    public MqttClientSettings? Settings(ParseResult parse, CliConsole console)
    {
        var settings = new MqttClientSettings(parse.GetValue(Broker)!)
        {
            Username = parse.GetValue(Username),
            Password = parse.GetValue(Password) ?? Environment.GetEnvironmentVariable(PasswordVariable),
            TlsRejected = problem => console.Error.WriteLine("error: TLS: " + problem),
        };
        FileInfo? caFile = parse.GetValue(CaFile);
        FileInfo? certFile = parse.GetValue(CertFile);
        FileInfo? certKeyFile = parse.GetValue(CertKeyFile);
        try
        {
            if (caFile != null)
            {
                Warn(console, PrivateFile.Problem(caFile.FullName, secret: false));
                settings = settings with { CaCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(caFile.FullName)) };
            }

            if ((certFile == null) != (certKeyFile == null))
            {
                console.Error.WriteLine("error: --cert-file and --cert-key-file go together");
                return null;
            }

            if (certFile != null)
            {
                Warn(console, PrivateFile.Problem(certKeyFile!.FullName, secret: true));
                settings = settings with { ClientCertificate = X509Certificate2.CreateFromPemFile(certFile.FullName, certKeyFile.FullName) };
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            console.Error.WriteLine("error: " + ex.Message);
            return null;
        }

        if (settings.Username != null && settings.Password != null && settings.CaCertificate == null)
        {
            Warn(console, $"the password goes to {settings.Broker} in clear text (no TLS): give --ca-file to encrypt the connection");
        }

        return settings;
    }

    public static void Warn(CliConsole console, string? problem)
    {
        if (problem != null)
        {
            console.Error.WriteLine("warning: " + problem);
        }
    }
}
