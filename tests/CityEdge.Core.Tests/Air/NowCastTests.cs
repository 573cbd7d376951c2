using CityEdge.Air;

namespace CityEdge.Core.Tests.Air;

[TestClass]
public sealed class NowCastTests
{
    [TestMethod]
    public void Matches_the_epa_worked_example()
    {
        // US EPA / AirNow training "Computing the NowCast": the 12-hour period, oldest first, is
        // 50 80 75 90 82 53 64 74 21 10 16 13 ug/m3; range 80, scaled rate 80/90, weight 0.11 -> 0.5;
        // NowCast = 17.4 ug/m3 (after truncation to 0.1).
        float[] newestFirst = [13, 16, 10, 21, 74, 64, 53, 82, 90, 75, 80, 50];

        float nowCast = NowCast.Compute(newestFirst);

        Assert.AreEqual(17.4, Math.Floor(nowCast * 10) / 10, 1e-9);
        // And its AQI with the 2024 table: (100-51)/(35.4-9.1)*(17.4-9.1)+51 = 66.46 -> 66.
        Assert.AreEqual(66, AirQualityIndex.SubIndex(AqiStandard.UsEpa, AqiPollutant.Pm2_5, nowCast));
    }

    [TestMethod]
    public void Steady_air_gives_the_plain_mean()
    {
        float[] hours = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10];

        Assert.AreEqual(10f, NowCast.Compute(hours), 1e-5f);
    }

    [TestMethod]
    public void Slow_change_uses_the_min_over_max_weight()
    {
        // min/max = 8/10 = 0.8 > 0.5: (10 + 0.8*8) / (1 + 0.8) = 16.4 / 1.8 = 9.111...
        float[] hours = [10, 8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];

        Assert.AreEqual(16.4f / 1.8f, NowCast.Compute(hours), 1e-4f);
    }

    [TestMethod]
    public void Missing_hours_are_skipped_but_keep_their_place_in_the_weights()
    {
        // weight 0.5 (5/20 < 0.5): hours 0 and 2 present: (20 + 0.25*5) / (1 + 0.25) = 17.
        float[] hours = [20, -1, 5, -1, -1, -1, -1, -1, -1, -1, -1, -1];

        Assert.AreEqual(17f, NowCast.Compute(hours), 1e-4f);
    }

    [TestMethod]
    public void Needs_two_of_the_three_most_recent_hours()
    {
        Assert.AreEqual(-1f, NowCast.Compute([12, -1, -1, 30, 30, 30, 30, 30, 30, 30, 30, 30]));
        Assert.AreEqual(-1f, NowCast.Compute([-1, -1, 12, 30, 30, 30, 30, 30, 30, 30, 30, 30]));
        Assert.AreNotEqual(-1f, NowCast.Compute([-1, 12, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1]));
    }
}
