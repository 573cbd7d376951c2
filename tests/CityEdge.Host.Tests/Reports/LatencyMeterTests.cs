using CityEdge.Host.Reports;
using CityEdge.Telemetry;

namespace CityEdge.Host.Tests.Reports;

/// <summary>The receiving side's latency and rate, against figures computed by hand.</summary>
[TestClass]
public sealed class LatencyMeterTests
{
    private static readonly DateTime Made = new(2026, 12, 6, 5, 0, 0, DateTimeKind.Utc);

    [TestMethod]
    public void PercentilesAreNearestRankOverTheReportsCountedAsReceived()
    {
        // Identity mapping: real nodes stamp frames with the wall clock.
        var meter = new LatencyMeter(stamped => stamped);
        for (int i = 1; i <= 100; i++)
        {
            // One report a second (frames carry whole seconds), each i ms late: latencies 1..100 ms.
            var stamped = Made.AddSeconds(i - 1);
            meter.Observe(Report(stamped.AddMilliseconds(i), stamped, SequenceObservation.New, delta: i - 1));
        }

        meter.Observe(Report(Made.AddSeconds(50), Made, SequenceObservation.Duplicate));
        meter.Observe(Report(Made.AddSeconds(50), Made, SequenceObservation.TooOld));

        var figures = meter.Figures()!;
        Assert.AreEqual(100, figures.Reports, "duplicates are not measured");
        Assert.AreEqual(TimeSpan.FromMilliseconds(50), figures.P50, "rank ceil(0.50 × 100) = 50");
        Assert.AreEqual(TimeSpan.FromMilliseconds(99), figures.P99, "rank ceil(0.99 × 100) = 99");
        Assert.AreEqual(TimeSpan.FromMilliseconds(100), figures.Max);

        // First arrival at +0.001 s, last at +99.100 s: 99 intervals in 99.099 s.
        Assert.AreEqual(99 / 99.099, figures.ReportsPerSecond, 1e-9);
    }

    [TestMethod]
    public void TheMappingTurnsAFastClockBackIntoWallTimeAndUnmappedReportsAreNotMeasured()
    {
        // A fleet at 60x that started pacing at Made: a report stamped 60 s later was made 1 s later.
        var meter = new LatencyMeter(stamped => stamped < Made ? null : Made + ((stamped - Made) / 60));
        meter.Observe(Report(Made.AddSeconds(1.25), Made.AddSeconds(60), SequenceObservation.New));
        meter.Observe(Report(Made.AddSeconds(1.25), Made.AddSeconds(-60), SequenceObservation.New));

        var figures = meter.Figures()!;
        Assert.AreEqual(1, figures.Reports);
        Assert.AreEqual(TimeSpan.FromMilliseconds(250), figures.P99);
    }

    [TestMethod]
    public void NoReportNoFigures() => Assert.IsNull(new LatencyMeter(stamped => stamped).Figures());

    private static ReceivedReport Report(DateTime receivedUtc, DateTime stamped, SequenceObservation observation, int delta = 0) =>
        new("node-01", receivedUtc, [], new TelemetryReport { TimestampUnixSeconds = (uint)new DateTimeOffset(stamped).ToUnixTimeSeconds(), Sequence = delta }, null, observation);
}
