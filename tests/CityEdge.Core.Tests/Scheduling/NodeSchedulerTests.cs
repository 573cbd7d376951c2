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

    [TestMethod]
    public void TheLongestPassIsMeasuredOnTheNodesClockAndStartsOverWhenRead()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch);
        var log = new List<string>();
        var scheduler = new NodeScheduler(clock, NullLogSink.Instance);
        // A sensor that holds the loop for 300 ms on one run (a blocking read), then 20 ms.
        int runs = 0;
        scheduler.Add("slow", new RecordingTask("slow", log, clock, () => clock.AdvanceTo(clock.MonotonicMs() + (runs++ == 0 ? 300 : 20))), 1_000, 0);

        scheduler.RunDue();
        clock.AdvanceTo(1_000);
        scheduler.RunDue();

        Assert.AreEqual(300, scheduler.TakeLongestPassMs());
        Assert.AreEqual(0, scheduler.TakeLongestPassMs(), "reading starts the measurement over");
        clock.AdvanceTo(2_000);
        scheduler.RunDue();
        Assert.AreEqual(20, scheduler.LongestPassMs);
    }

    [TestMethod]
    public void ATaskCanRemoveItselfAndTheOthersKeepTheirTimes()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch);
        var log = new List<string>();
        var scheduler = new NodeScheduler(clock, NullLogSink.Instance);
        IScheduledTask? once = null;
        once = new RecordingTask("once", log, clock, () => scheduler.Remove(once!));
        scheduler.Add("once", once, 100, 0);
        scheduler.Add("b", new RecordingTask("b", log, clock), 250, 0);

        clock.RunUntil(scheduler, 500);

        CollectionAssert.AreEqual(new[] { "once@0", "b@0", "b@250", "b@500" }, log);
        Assert.AreEqual(1, scheduler.TaskCount);
    }

    [TestMethod]
    public void TheLoopSleepsUntilTheNextTaskButNoLongerThanItsLimit()
    {
        var clock = new SimulatedClock(DateTime.UnixEpoch);
        var scheduler = new NodeScheduler(clock, NullLogSink.Instance);
        scheduler.Add("a", new RecordingTask("a", [], clock), 5_000, 300);

        Assert.AreEqual(300, scheduler.WaitMs(1_000));
        clock.AdvanceTo(250);
        Assert.AreEqual(40, scheduler.WaitMs(40), "never past the limit (the watchdog's pace)");
        clock.AdvanceTo(400);
        Assert.AreEqual(0, scheduler.WaitMs(1_000), "overdue: no sleep");
    }
}
