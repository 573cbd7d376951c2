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

    [TestMethod]
    public void SomethingOlderThanTheWindowIsTreatedAsADuplicate()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(10);
        tracker.Observe(10 + SequenceTracker.Window);
        Assert.AreEqual(SequenceObservation.TooOld, tracker.Observe(10));
        Assert.AreEqual(SequenceTracker.Window - 1, tracker.Missing);
    }
}
