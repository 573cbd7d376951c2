using MQTTnet.Exceptions;

namespace CityEdge.Host.Mqtt;

/// <summary>A broker that did not answer within a deadline: as unreachable as one that refused (exit code 3).</summary>
public sealed class BrokerTimeoutException(string message) : MqttCommunicationException(message);

/// <summary>
/// Every network wait of the command centre's clients has a deadline. MQTTnet applies its own
/// timeout only when the caller's token cannot be cancelled; a command line always passes Ctrl+C's
/// token, so without this a broker that accepts TCP and never answers would hold a tool forever.
/// </summary>
public static class BrokerDeadline
{
    /// <summary>How long a connect, subscribe or publish may take before the broker counts as unreachable.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="operation"/> with a token that also fires after <paramref name="deadline"/>;
    /// throws <see cref="BrokerTimeoutException"/> saying what did not answer when it does.</summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, TimeSpan deadline, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            return await operation(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is OperationCanceledException or MqttCommunicationException)
        {
            throw new BrokerTimeoutException($"{what}: no answer within {deadline.TotalSeconds:0} s");
        }
    }
}
