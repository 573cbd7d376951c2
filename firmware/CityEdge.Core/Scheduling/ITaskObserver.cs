namespace CityEdge.Scheduling
{
    /// <summary>
    /// Told around every task run of a <see cref="NodeScheduler"/>: the host's allocation bench
    /// (`cityedge bench alloc`) measures what each task allocates; a device build could time tasks.
    /// </summary>
    public interface ITaskObserver
    {
        void TaskStarting(string name);

        /// <summary>After the run, also when it threw.</summary>
        void TaskFinished(string name);
    }
}
