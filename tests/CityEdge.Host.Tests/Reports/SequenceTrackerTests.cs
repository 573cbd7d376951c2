using CityEdge.Host.Reports;

namespace CityEdge.Host.Tests.Reports;

[TestClass]
public sealed class SequenceTrackerTests
{
    [TestMethod]
    public void CountsGapsDuplicatesAndLateArrivalsAcrossTheWrap()
    {
        var tracker = new SequenceTracker();
        Assert.AreEqual(SequenceObservation.New, tracker.Observe(65534));
        Assert.AreEqual(SequenceObservation.New, tracker.Observe(65535));
        Assert.AreEqual(SequenceObservation.New, tracker.Observe(0), "65535 → 0 is not a gap");
        Assert.AreEqual(0, tracker.Missing);

        Assert.AreEqual(SequenceObservation.New, tracker.Observe(4));
        Assert.AreEqual(3, tracker.Missing);
        Assert.AreEqual(SequenceObservation.Duplicate, tracker.Observe(4));
        Assert.AreEqual(SequenceObservation.Duplicate, tracker.Observe(65535));
        Assert.AreEqual(SequenceObservation.Late, tracker.Observe(2));
        Assert.AreEqual(2, tracker.Missing);
        Assert.AreEqual(SequenceObservation.Duplicate, tracker.Observe(2));
        Assert.AreEqual(3, tracker.Duplicates);
    }

    /// <summary>A receiver that starts at 42 never counted 5 missing: 5 arriving later takes nothing back.</summary>
    [TestMethod]
    public void ANumberBeforeTheFirstOneFollowedIsLateButNeverMakesMissingNegative()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(42);

        Assert.AreEqual(SequenceObservation.Late, tracker.Observe(5));
        Assert.AreEqual(0, tracker.Missing);
        Assert.AreEqual(SequenceObservation.New, tracker.Observe(44));
        Assert.AreEqual(1, tracker.Missing);
    }

    [TestMethod]
    public void SomethingOlderThanTheWindowIsTreatedAsADuplicate()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(10);
        tracker.Observe(10 + SequenceTracker.Window);
        Assert.AreEqual(SequenceObservation.TooOld, tracker.Observe(10));
        Assert.AreEqual(SequenceTracker.Window - 1, tracker.Missing);
    }

    private static SequenceTracker Received(int from, int to)
    {
        var tracker = new SequenceTracker();
        for (int n = from; n <= to; n++)
        {
            tracker.Observe(n);
        }

        return tracker;
    }

    [TestMethod]
    public void ARebootsSkipIsNotMissingWhenItsStatusComesFirst()
    {
        // Reports 0..9, then the node reboots and resumes at the next reserved block, 64 (block size 64).
        var tracker = Received(0, 9);
        tracker.BootStartsAt(64);
        Assert.AreEqual(SequenceObservation.New, tracker.Observe(64));
        tracker.Observe(65);

        Assert.AreEqual(0, tracker.Missing);
        Assert.AreEqual(54, tracker.SkippedAtReboot, "10..63");
        tracker.BootStartsAt(64);
        Assert.AreEqual(54, tracker.SkippedAtReboot, "the same boot's status again changes nothing");
    }

    [TestMethod]
    public void ARebootsSkipCountedAsMissingBeforeItsStatusCameIsTakenBack()
    {
        var tracker = Received(0, 9);
        tracker.Observe(64);
        tracker.Observe(65);
        Assert.AreEqual(54, tracker.Missing);

        tracker.BootStartsAt(64);
        Assert.AreEqual(0, tracker.Missing);
        Assert.AreEqual(54, tracker.SkippedAtReboot);
        tracker.BootStartsAt(64);
        Assert.AreEqual(0, tracker.Missing);
        Assert.AreEqual(54, tracker.SkippedAtReboot);
    }

    [TestMethod]
    public void AfterARebootALostReportIsMissingAndAQueuedOldOneIsStillAccepted()
    {
        var tracker = Received(0, 9);
        tracker.BootStartsAt(64);
        tracker.Observe(64);
        tracker.Observe(66);
        Assert.AreEqual(1, tracker.Missing, "65 was sent in this boot and lost");

        // Reports 10 and 11 of the previous boot were queued in flash across the reboot and come now.
        Assert.AreEqual(SequenceObservation.Late, tracker.Observe(10));
        Assert.AreEqual(SequenceObservation.Late, tracker.Observe(11));
        Assert.AreEqual(1, tracker.Missing);
        Assert.AreEqual(52, tracker.SkippedAtReboot);
        Assert.AreEqual(0, tracker.Duplicates);
    }

    [TestMethod]
    public void ARebootAcrossTheWrapAndAStatusBeforeAnyReportAreHandled()
    {
        var tracker = Received(65530, 65535);
        tracker.BootStartsAt(10);
        tracker.Observe(10);
        Assert.AreEqual(0, tracker.Missing);
        Assert.AreEqual(10, tracker.SkippedAtReboot, "0..9");

        // A receiver that first hears a node just after its reboot has nothing before it to skip.
        var fresh = new SequenceTracker();
        fresh.BootStartsAt(128);
        fresh.Observe(128);
        fresh.BootStartsAt(128);
        Assert.AreEqual(0, fresh.Missing);
        Assert.AreEqual(0, fresh.SkippedAtReboot, "numbers before the first one heard were never holes here");
    }

    [TestMethod]
    public void OnlyOneBlockBeforeABootCanBeItsSkipTheRestIsMissing()
    {
        // The receiver heard nothing between 9 and the status of a boot that starts at 1000: a reboot
        // skips at most 63 numbers (blocks of 64), so 10..936 are reports it did not get.
        var tracker = Received(0, 9);
        tracker.BootStartsAt(1000);
        tracker.Observe(1000);
        Assert.AreEqual(63, tracker.SkippedAtReboot);
        Assert.AreEqual(1000 - 10 - 63, tracker.Missing);

        var late = Received(0, 9);
        late.Observe(1000);
        late.BootStartsAt(1000);
        Assert.AreEqual(63, late.SkippedAtReboot, "the same when the status comes after the boot's first report");
        Assert.AreEqual(1000 - 10 - 63, late.Missing);
    }
}
