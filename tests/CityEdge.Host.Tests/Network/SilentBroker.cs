using System.Net;
using System.Net.Sockets;
using CityEdge.Host.Mqtt;

namespace CityEdge.Host.Tests.Network;

/// <summary>A "broker" that accepts every TCP connection and never says a word: the network case a
/// half-dead broker, a firewall that swallows packets or a wrong port behind a load balancer gives.</summary>
internal sealed class SilentBroker : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];

    public SilentBroker()
    {
        _listener.Start();
        Address = new BrokerAddress("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        _ = AcceptAsync();
    }

    public BrokerAddress Address { get; }

    public void Dispose()
    {
        _listener.Stop();
        lock (_accepted)
        {
            foreach (var socket in _accepted)
            {
                socket.Dispose();
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
