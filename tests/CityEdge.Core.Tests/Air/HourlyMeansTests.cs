using CityEdge.Air;

namespace CityEdge.Core.Tests.Air;

[TestClass]
public sealed class HourlyMeansTests
{
    private const long Hour = 3_600_000;

    [TestMethod]
    public void Keeps_one_mean_per_clock_hour_newest_first_with_gaps_missing()
    {
        var means = new HourlyMeans();
        means.Add(10 * 60_000, 10);
        means.Add(50 * 60_000, 20);
        means.Add(Hour + 1, 40);
        means.Add((3 * Hour) + 5, 7);

        float[] m = means.Means();

        Assert.AreEqual(7f, m[0]);
        Assert.AreEqual(-1f, m[1], "hour 2 had no measurement");
        Assert.AreEqual(40f, m[2]);
        Assert.AreEqual(15f, m[3]);
        Assert.AreEqual(-1f, m[4]);
    }

    [TestMethod]
    public void Latest_falls_back_to_the_previous_hour_while_the_open_one_is_empty()
    {
        var means = new HourlyMeans();
        means.Add(5, 30);
        means.AdvanceTo(Hour + 5);

        Assert.AreEqual(-1f, means.MeanUgM3(0));
        Assert.AreEqual(30f, means.LatestUgM3());
        means.AdvanceTo((14 * Hour) + 5);
        Assert.AreEqual(-1f, means.LatestUgM3(), "older than 12 hours is forgotten");
    }
}
