using CityEdge.Host.Reports;
using Spectre.Console.Rendering;

namespace CityEdge.Cli.Commands;

/// <summary>
/// How `monitor` and `simulate` show what the command centre receives. One subclass per --format,
/// registered in <see cref="Formats"/>: another format (an open-data one, say) is one more subclass
/// and one more entry there, and both commands offer it.
/// </summary>
internal abstract class FleetOutput
{
    /// <summary>Every format by its --format name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<CliConsole, FleetOutput>> Formats = new Dictionary<string, Func<CliConsole, FleetOutput>>
    {
        ["table"] = console => new FleetTextOutput(console),
        ["json"] = console => new FleetJsonOutput(console),
    };

    private readonly object _gate = new();
    private bool _closed;

    public static FleetOutput Create(string format, CliConsole console) => Formats[format](console);

    /// <summary>Non-null when this output redraws a live view on a terminal instead of printing lines.</summary>
    public virtual IRenderable? LiveView(IReadOnlyList<NodeTally> nodes, string title) => null;

    /// <summary>Sends everything <paramref name="receiver"/> raises here, one call at a time, until <see cref="Close"/>.</summary>
    public void Attach(TelemetryReceiver receiver, string broker)
    {
        receiver.ReportReceived += r => Serialized(() => Report(r));
        receiver.EventReceived += e => Serialized(() => Event(e));
        receiver.ConnectionChanged += c => Serialized(() => Connection(c, broker));
        receiver.Notice += text => Serialized(() => Notice(text));
    }

    /// <summary>Says that the receiver is connected and subscribed (a JSON reader learns when watching began).</summary>
    public void Connected(string broker) => Serialized(() => Connection(new ConnectionChange(ConnectionState.Connected, "", 1, TimeSpan.Zero, TimeSpan.Zero, false), broker));

    /// <summary>Prints the summary (<paramref name="nodes"/>: the receiver's last view of each node);
    /// nothing the receiver raises afterwards is printed.</summary>
    public void Close(ReceiverSummary summary, IReadOnlyList<NodeTally> nodes)
    {
        lock (_gate)
        {
            _closed = true;
            Summary(summary, nodes);
        }
    }

    protected abstract void Report(ReceivedReport received);

    protected abstract void Event(ReceivedEvent received);

    protected abstract void Connection(ConnectionChange change, string broker);

    protected abstract void Notice(string text);

    protected abstract void Summary(ReceiverSummary summary, IReadOnlyList<NodeTally> nodes);

    private void Serialized(Action write)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                write();
            }
        }
    }
}
