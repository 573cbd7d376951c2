namespace CityEdge.Node
{
    /// <summary>
    /// Where a pipeline sends an event that must not wait for the next report (a bay state change, a
    /// lamp fault). The node stamps it with the time and an event sequence number, encodes it as an
    /// event frame and queues it for the events topic.
    /// </summary>
    public interface IEventSink
    {
        /// <param name="type">Event type, owned by the capability (docs/telemetry-format.md lists them).</param>
        /// <param name="payload">Type-specific payload, at most <see cref="Telemetry.EventFrame.MaxPayloadLength"/> bytes; copied.</param>
        void Emit(int type, byte[] payload, int offset, int count);
    }
}
