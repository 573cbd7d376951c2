using System.Globalization;

namespace CityEdge.Host.Mqtt;

/// <summary>A broker's host and TCP port, as given on the command line ("host:port").</summary>
public sealed record BrokerAddress(string Host, int Port)
{
    public const int DefaultPort = 1883;

    /// <summary>Parses "host", "host:port" or "[v6-address]:port"; throws <see cref="FormatException"/>
    /// naming what is wrong.</summary>
    public static BrokerAddress Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("broker address is empty; expected host:port, e.g. 127.0.0.1:1883");
        }

        string host = text;
        string? portText = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0)
            {
                throw new FormatException($"broker address '{text}': '[' without ']'");
            }

            host = text[1..close];
            if (close + 1 < text.Length)
            {
                if (text[close + 1] != ':')
                {
                    throw new FormatException($"broker address '{text}': expected ':' after ']'");
                }

                portText = text[(close + 2)..];
            }
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon >= 0)
            {
                host = text[..colon];
                portText = text[(colon + 1)..];
            }
        }

        if (host.Length == 0)
        {
            throw new FormatException($"broker address '{text}': host is empty");
        }

        int port = DefaultPort;
        if (portText != null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535))
        {
            throw new FormatException($"broker address '{text}': port '{portText}' is not 1..65535");
        }

        return new BrokerAddress(host, port);
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
