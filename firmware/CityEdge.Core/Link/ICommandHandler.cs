namespace CityEdge.Link
{
    /// <summary>
    /// Carries out one kind of command after the node has verified it (signature, node id, counter,
    /// expiry). A capability registers its handler with one line in NodeRuntime:
    /// <c>Commands.Register(CommandAction.LampSetLevel, lampPipeline);</c>
    /// </summary>
    public interface ICommandHandler
    {
        /// <summary>Runs <paramref name="command"/> on the scheduler's thread; returns a
        /// <see cref="CommandResult"/> code and may set <see cref="Command.Detail"/>.</summary>
        int Execute(Command command);
    }

    /// <summary>A verified command as a handler sees it.</summary>
    public sealed class Command
    {
        public Command(int action, ulong counter, byte[] arguments)
        {
            Action = action;
            Counter = counter;
            Arguments = arguments;
        }

        public int Action { get; }

        public ulong Counter { get; }

        /// <summary>The action's arguments (may be empty, never null).</summary>
        public byte[] Arguments { get; }

        /// <summary>Short text for the ack (at most <see cref="CommandAck.MaxDetailLength"/> bytes of UTF-8), e.g. the field at fault.</summary>
        public string Detail { get; set; }
    }
}
