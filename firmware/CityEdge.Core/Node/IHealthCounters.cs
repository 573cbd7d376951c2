namespace CityEdge.Node
{
    /// <summary>
    /// Counters a component exposes for the node's periodic status message, so a technician can see
    /// error rates and wear (fan-on hours, read errors) without a site visit. Names are snake_case
    /// with the unit in the name ("fan_on_s", "read_errors"); values only grow until a reboot.
    /// </summary>
    public interface IHealthCounters
    {
        int HealthCounterCount { get; }

        string GetHealthCounterName(int index);

        long GetHealthCounterValue(int index);
    }
}
