using CityEdge.Air;

namespace CityEdge.Core.Tests.Air;

[TestClass]
public sealed class HumidityCorrectionTests
{
    [TestMethod]
    [DataRow(50f, 0.4f, 1.24242f)] // 1 + (0.4/1.65) / (1/0.5 - 1) = 1 + 0.242424
    [DataRow(80f, 0.4f, 1.96970f)] // 1 + 0.242424 / 0.25 = 1.969697
    [DataRow(90f, 0.4f, 3.18182f)] // 1 + 0.242424 / 0.111111 = 3.181818
    [DataRow(90f, 0.0f, 1f)]       // kappa 0: no correction
    [DataRow(0f, 0.4f, 1f)]        // dry air: no water
    [DataRow(100f, 0.4f, 25f)]     // held at 99 %RH: 1 + 0.242424 / 0.010101 = 25.0
    public void Growth_factor_follows_crilley_2018(float rh, float kappa, float expected)
    {
        Assert.AreEqual(expected, HumidityCorrection.GrowthFactor(rh, kappa), 1e-3f);
    }

    [TestMethod]
    public void Corrected_value_is_the_reading_divided_by_the_growth_factor()
    {
        Assert.AreEqual(30f / 1.969697f, HumidityCorrection.Correct(30f, 80f, 0.4f), 1e-3f);
    }
}
