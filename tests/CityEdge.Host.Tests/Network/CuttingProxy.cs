using System.Net;
using System.Net.Sockets;
using CityEdge.Host.Mqtt;

namespace CityEdge.Host.Tests.Network;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a broker that drops connections the way a flaky uplink or a
/// NAT timeout does: without a word to either side. <see cref="CutAll"/> drops every connection now;
/// with <c>cutAfter</c> each of the first <c>maxCuts</c> connections is dropped that long after it
/// opened. While <see cref="Refusing"/> it drops new connections at once.
/// </summary>
internal sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly BrokerAddress _target;
    private readonly TimeSpan? _cutAfter;
    private readonly int _maxCuts;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<CancellationTokenSource> _connections = [];
    private int _timedCuts;

    public CuttingProxy(BrokerAddress target, TimeSpan? cutAfter = null, int maxCuts = int.MaxValue)
    {
        _target = target;
        _cutAfter = cutAfter;
        _maxCuts = maxCuts;
        _listener.Start();
        Address = new BrokerAddress("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        _ = AcceptAsync();
    }

    public BrokerAddress Address { get; }

    /// <summary>Connections dropped so far (timed and by <see cref="CutAll"/>).</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    public bool Refusing { get; set; }

    private int _cuts;

    public void CutAll()
    {
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Cancel();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                if (Refusing)
                {
                    client.Dispose();
                    continue;
                }

                _ = PumpAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(TcpClient client)
    {
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        lock (_connections)
        {
            _connections.Add(cut);
        }

        if (_cutAfter is { } after && Interlocked.Increment(ref _timedCuts) <= _maxCuts)
        {
            cut.CancelAfter(after);
        }

        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_target.Host, _target.Port, cut.Token);
                var up = client.GetStream().CopyToAsync(server.GetStream(), cut.Token);
                var down = server.GetStream().CopyToAsync(client.GetStream(), cut.Token);
                await Task.WhenAny(up, down);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }

            if (cut.IsCancellationRequested && !_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _cuts);
            }

            // Reset, not FIN: the peers learn of it only when they next read or write, as on a real cut.
            client.Client.LingerState = new LingerOption(true, 0);
            server.Client.LingerState = new LingerOption(true, 0);
        }

        lock (_connections)
        {
            _connections.Remove(cut);
        }
    }
}
