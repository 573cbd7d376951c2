namespace CityEdge.Scheduling
{
    /// <summary>
    /// Work the node scheduler runs at a fixed period. A run must return quickly: anything that
    /// waits (sensor warm-up, fan spin-up) is a state machine that checks the time on its next run.
    /// </summary>
    public interface IScheduledTask
    {
        /// <param name="nowMs">The clock's monotonic time when the run was started.</param>
        void Run(long nowMs);
    }
}
