using System.Diagnostics;
using CityEdge.Diagnostics;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// Log sink over System.Diagnostics.Debug.WriteLine (the debugger / serial wire-protocol channel).
    /// Note: nanoFramework's Debug.WriteLine is [Conditional("DEBUG")] (CoreLibrary
    /// System/Diagnostics/Debug.cs), so a Release build prints nothing; field diagnostics need a Debug build.
    /// </summary>
    public sealed class DebugLogSink : ILogSink
    {
        public void Write(LogLevel level, string tag, string message)
        {
            Debug.WriteLine(LevelText(level) + " " + tag + ": " + message);
        }

        private static string LevelText(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug:
                    return "DBG";
                case LogLevel.Info:
                    return "INF";
                case LogLevel.Warning:
                    return "WRN";
                default:
                    return "ERR";
            }
        }
    }
}
