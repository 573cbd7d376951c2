using CityEdge.Scheduling;
using CityEdge.Telemetry;

namespace CityEdge.Node
{
    /// <summary>
    /// One sensing or actuation capability of the node (climate, particulates, noise, parking, lamp).
    /// The scheduler runs it at its own period; at the end of each reporting interval the node asks
    /// it to put its interval's result into the report and start a new interval.
    /// </summary>
    public interface INodePipeline : IScheduledTask
    {
        /// <summary>Writes this interval's values (or a health entry saying why there are none)
        /// into <paramref name="report"/>, then resets for the next interval.</summary>
        void Contribute(TelemetryReport report);
    }
}
