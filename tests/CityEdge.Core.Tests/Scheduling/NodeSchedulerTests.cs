using CityEdge.Diagnostics;
using CityEdge.Host.Simulation;
using CityEdge.Scheduling;

namespace CityEdge.Core.Tests.Scheduling;

[TestClass]
public sealed class NodeSchedulerTests
{
    private sealed class RecordingTask(string name, List<string> log, SimulatedClock clock, Action? body = null) : IScheduledTask
    {
        public void Run(long nowMs)
        {
            Assert.AreEqual(clock.MonotonicMs(), nowMs);
            log.Add($"{name}@{nowMs}");
            body?.Invoke();
        }
    }

    [TestMethod]
    public void TasksRunAtTheirPeriodsAnchoredToTheFirstDueTime()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch);
        var log = new List<string>();
        var scheduler = new NodeScheduler(clock, NullLogSink.Instance);
        scheduler.Add("a", new RecordingTask("a", log, clock), 10_000, 10_000);
        scheduler.Add("b", new RecordingTask("b", log, clock), 25_000, 0);

        clock.RunUntil(scheduler, 50_000);

        CollectionAssert.AreEqual(
            new[] { "b@0", "a@10000", "a@20000", "b@25000", "a@30000", "a@40000", "a@50000", "b@50000" },
            log);
    }

    private sealed class RecordingObserver(List<string> log) : ITaskObserver
    {
        public void TaskStarting(string name) => log.Add("start " + name);

        public void TaskFinished(string name) => log.Add("end " + name);
    }

    [TestMethod]
    public void TheObserverIsToldAroundEveryRunAlsoOneThatThrows()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch);
        var log = new List<string>();
        var scheduler = new NodeScheduler(clock, NullLogSink.Instance) { Observer = new RecordingObserver(log) };
        scheduler.Add("bad", new RecordingTask("bad", log, clock, () => throw new InvalidOperationException("sensor exploded")), 1000, 1000);
        scheduler.Add("good", new RecordingTask("good", log, clock), 1000, 1000);

        clock.RunUntil(scheduler, 1000);

        CollectionAssert.AreEqual(new[] { "start bad", "bad@1000", "end bad", "start good", "good@1000", "end good" }, log);
        Assert.AreEqual(1, scheduler.FaultCount);
    }

    [TestMethod]
    public void TiesRunInRegistrationOrder()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch);
        var log = new List<string>();
        var scheduler = new NodeScheduler(clock, NullLogSink.Instance);
        scheduler.Add("sample", new RecordingTask("sample", log, clock), 10_000, 10_000);
        scheduler.Add("report", new RecordingTask("report", log, clock), 60_000, 60_000);

        clock.RunUntil(scheduler, 60_000);

        Assert.AreEqual("sample@60000", log[^2]);
        Assert.AreEqual("report@60000", log[^1]);
    }

    [TestMethod]
    public void ARunThatThrowsIsCountedAndTheOthersStillRun()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch);
        var log = new List<string>();
        var sink = new CollectingLogSink("n", clock.UtcNow);
        var scheduler = new NodeScheduler(clock, sink);
        scheduler.Add("bad", new RecordingTask("bad", log, clock, () => throw new InvalidOperationException("sensor exploded")), 1000, 1000);
        scheduler.Add("good", new RecordingTask("good", log, clock), 1000, 1000);

        clock.RunUntil(scheduler, 3000);

        Assert.AreEqual(3, scheduler.FaultCount);
        Assert.AreEqual(3, log.Count(l => l.StartsWith("good", StringComparison.Ordinal)));
        StringAssert.Contains(sink.Lines[0], "task 'bad' threw: sensor exploded");
    }

    [TestMethod]
    public void FallingBehindSkipsMissedRunsInsteadOfBursting()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch);
        var log = new List<string>();
        var scheduler = new NodeScheduler(clock, NullLogSink.Instance);
        scheduler.Add("a", new RecordingTask("a", log, clock), 10_000, 10_000);

        clock.AdvanceTo(45_000);
        long next = scheduler.RunDue();

        Assert.AreEqual(1, log.Count);
        Assert.AreEqual(3, scheduler.SkippedRunCount);
        Assert.AreEqual(50_000, next);
    }

    [TestMethod]
    public void RejectsNonsensePeriods()
    {
        var scheduler = new NodeScheduler(new SimulatedClock(DateTime.UnixEpoch), NullLogSink.Instance);
        var task = new RecordingTask("a", [], new SimulatedClock(DateTime.UnixEpoch));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => scheduler.Add("a", task, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => scheduler.Add("a", task, 10, -1));
        Assert.ThrowsExactly<ArgumentNullException>(() => scheduler.Add("a", null!, 10, 0));
    }
}
