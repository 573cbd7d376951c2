using System;
using CityEdge.Diagnostics;
using CityEdge.Health;
using CityEdge.Telemetry;

namespace CityEdge.Node
{
    /// <summary>
    /// Puts one pipeline's interval into the report so that a fault in it costs only its own group:
    /// a pipeline that throws, or writes a value frame v1 cannot carry (NaN, out of range — the codec
    /// refuses those rather than send a clipped value), loses what it wrote and gets a health entry,
    /// and the report goes out with every other group (issue 17: one NaN stopped every report).
    /// </summary>
    public static class PipelineContribution
    {
        private const string LogTag = "report";

        /// <param name="scratch">At least <see cref="TelemetryFrame.MaxLength"/> bytes, for the trial encode.</param>
        public static void Add(INodePipeline pipeline, TelemetryReport report, byte[] scratch, ILogSink log)
        {
            int before = report.MeasurementGroups;
            bool contributed = false;
            string problem;
            try
            {
                pipeline.Contribute(report);
                contributed = true;
                TelemetryCodec.Encode(report, scratch, 0);
                return;
            }
            catch (Exception ex)
            {
                problem = ex.Message;
            }

            int added = report.MeasurementGroups & ~before;
            report.RemoveGroups(added);
            report.AddFault(SourceOf(added), contributed ? FaultReason.OutOfRange : FaultReason.Crashed);
            log.Write(LogLevel.Error, LogTag, NameOf(added) + (contributed ? ": left out of the report, a value cannot be sent: " : ": failed to report: ") + problem);
        }

        private static FaultSource SourceOf(int groups)
        {
            if ((groups & TelemetryFrame.GroupClimate) != 0)
            {
                return FaultSource.Climate;
            }

            if ((groups & TelemetryFrame.GroupParticulates) != 0)
            {
                return FaultSource.Particulates;
            }

            if ((groups & (TelemetryFrame.GroupNoise | TelemetryFrame.GroupNoiseStatistics)) != 0)
            {
                return FaultSource.Noise;
            }

            if ((groups & TelemetryFrame.GroupParking) != 0)
            {
                return FaultSource.Parking;
            }

            return (groups & TelemetryFrame.GroupLamp) != 0 ? FaultSource.Lamp : FaultSource.Scheduler;
        }

        /// <summary>For the log (an enum prints as its number on nanoFramework).</summary>
        private static string NameOf(int groups)
        {
            switch (SourceOf(groups))
            {
                case FaultSource.Climate:
                    return "climate";
                case FaultSource.Particulates:
                    return "particulates";
                case FaultSource.Noise:
                    return "noise";
                case FaultSource.Parking:
                    return "parking";
                case FaultSource.Lamp:
                    return "lamp";
                default:
                    return "a pipeline";
            }
        }
    }
}
