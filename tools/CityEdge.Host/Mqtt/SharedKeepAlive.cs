namespace CityEdge.Host.Mqtt;

/// <summary>
/// One keep-alive for many node links in one process (a simulated fleet). MQTTnet 5.2 gives every
/// client its own keep-alive task that wakes every 250 ms whatever the keep-alive period
/// (MqttClient.TrySendKeepAliveMessages, tag v5.2.0): 10 000 node connections were ~40 000 timer
/// wake-ups a second, their allocations and GC, and a starved thread pool. A link given this keeper
/// still sends the device's keep-alive in its CONNECT; once the broker has accepted it, MQTTnet's loop
/// stays off (<see cref="MqttNetLink"/>) and this task, once a second, sends a PINGREQ on each link
/// that would otherwise stay silent longer than its keep-alive period (MQTT 5.0 section 3.1.2.10), as
/// MQTTnet's loop and the device's M2Mqtt do.
/// </summary>
public sealed class SharedKeepAlive : IAsyncDisposable
{
    private readonly HashSet<MqttNetLink> _links = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _tick;
    private readonly Task _loop;
    private long _pings;

    public SharedKeepAlive()
        : this(TimeSpan.FromSeconds(1))
    {
    }

    /// <summary>Looks at the links every <paramref name="tick"/> (tests hold it still with a long one).</summary>
    public SharedKeepAlive(TimeSpan tick)
    {
        _tick = tick;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>PINGREQs this keeper has sent.</summary>
    public long Pings => Interlocked.Read(ref _pings);

    internal void Add(MqttNetLink link)
    {
        lock (_links)
        {
            _links.Add(link);
        }
    }

    internal void Remove(MqttNetLink link)
    {
        lock (_links)
        {
            _links.Remove(link);
        }
    }

    internal void CountPing() => Interlocked.Increment(ref _pings);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_tick);
        long tickMs = (long)_tick.TotalMilliseconds;
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            long now = Environment.TickCount64;
            lock (_links)
            {
                foreach (var link in _links)
                {
                    link.PingIfSilent(now, tickMs);
                }
            }
        }
    }
}
