namespace CityEdge.Diagnostics
{
    public enum LogLevel
    {
        Debug = 0,
        Info = 1,
        Warning = 2,
        Error = 3,
    }

    /// <summary>
    /// Where components write what happened: Debug.WriteLine on the device, a collector on the host.
    /// One tag per component (e.g. "climate", "sched"); warnings carry the numbers.
    /// Called only on events, never per sample, so that steady state allocates nothing.
    /// </summary>
    public interface ILogSink
    {
        void Write(LogLevel level, string tag, string message);
    }

    /// <summary>A sink that drops everything, for components whose owner does not care.</summary>
    public sealed class NullLogSink : ILogSink
    {
        public static readonly NullLogSink Instance = new NullLogSink();

        private NullLogSink()
        {
        }

        public void Write(LogLevel level, string tag, string message)
        {
        }
    }
}
