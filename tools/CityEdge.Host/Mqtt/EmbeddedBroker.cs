using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace CityEdge.Host.Mqtt;

/// <summary>
/// An MQTTnet broker inside this process, bound to 127.0.0.1 only, so that `cityedge simulate` and
/// the integration tests need nothing installed and expose nothing to the network.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Address = new BrokerAddress("127.0.0.1", port);
    }

    public BrokerAddress Address { get; }

    /// <summary>Messages the broker queues for one client (connected but behind, or away with its session) before it drops the oldest.</summary>
    public const int MaxQueuedPerClient = 100_000;

    /// <summary>Starts a broker on <paramref name="port"/>, or on a free port when it is 0;
    /// <paramref name="observe"/> may attach to the server's events before it starts (tests record what it did).</summary>
    public static async Task<EmbeddedBroker> StartAsync(int port = 0, Action<MqttServer>? observe = null)
    {
        if (port == 0)
        {
            port = FreeLoopbackPort();
        }

        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            // MQTTnet also listens on [::] unless told not to.
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            // A receiver that reconnects resumes its session and gets what was queued meanwhile, as on mosquitto.
            .WithPersistentSessions()
            // MQTTnet.Server keeps 1 000 messages per client and then drops the oldest, so a receiver
            // that far behind lost reports (`bench receiver`: 49 153 of 50 000), and a fleet's start-up
            // puts a status and 5 events per node in front of them. As many as docs/scaling.md's
            // mosquitto keeps (max_queued_messages 100000).
            .WithMaxPendingMessagesPerClient(MaxQueuedPerClient)
            .Build();
        var server = factory.CreateMqttServer(options);
        observe?.Invoke(server);
        await server.StartAsync().ConfigureAwait(false);
        return new EmbeddedBroker(server, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
