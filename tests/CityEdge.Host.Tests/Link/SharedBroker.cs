namespace CityEdge.Host.Tests.Link;

/// <summary>
/// One mosquitto for every fleet-link test class, started by the first test that needs it and stopped
/// when the whole assembly is done (a class cleanup would stop it under another class's running tests).
/// </summary>
[TestClass]
public static class SharedBroker
{
    private static readonly string[] NodeIds = ["n-tls", "n-a", "n-b", "n-auth", "n-outage", "n-badcfg", "n-rollback", "n-keep", "n-cli", "n-cmd", "n-mon", "n-v311", "n-cut"];
    private static readonly Lock Gate = new();
    private static MosquittoBroker? _broker;

    public static MosquittoBroker Get()
    {
        lock (Gate)
        {
            return _broker ??= MosquittoBroker.Start(NodeIds);
        }
    }

    [AssemblyCleanup]
    public static void Stop()
    {
        lock (Gate)
        {
            _broker?.Dispose();
            _broker = null;
        }
    }
}
