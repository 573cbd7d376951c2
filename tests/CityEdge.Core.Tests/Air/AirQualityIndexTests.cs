using CityEdge.Air;

namespace CityEdge.Core.Tests.Air;

[TestClass]
public sealed class AirQualityIndexTests
{
    // At, just below and just above every breakpoint of:
    //  - US EPA AQI TAD (EPA-454/B-24-002, May 2024) Table 6: PM2.5 0-9.0, 9.1-35.4, 35.5-55.4,
    //    55.5-125.4, 125.5-225.4, 225.5-325.4; PM10 0-54, 55-154, 155-254, 255-354, 355-424, 425-604;
    //    index bands 0-50, 51-100, 101-150, 151-200, 201-300, 301-500; PM2.5 truncated to 0.1, PM10 to 1,
    //    index rounded to nearest.
    //  - China HJ 633-2012 Table 1, 24-h: PM2.5 0/35/75/115/150/250/350/500, PM10 0/50/150/250/350/420/500/600
    //    for IAQI 0/50/100/150/200/300/400/500; IAQI rounded up.
    // Expected indices were computed from those tables with exact rational arithmetic (Python fractions),
    // independently of the code under test; above the top breakpoint both report 500.
    [TestMethod]
    [DataRow("us", "pm2_5", 0.0f, 0)]
    [DataRow("us", "pm2_5", 0.1f, 1)]
    [DataRow("us", "pm2_5", 8.9f, 49)]
    [DataRow("us", "pm2_5", 9.0f, 50)]
    [DataRow("us", "pm2_5", 9.1f, 51)]
    [DataRow("us", "pm2_5", 9.2f, 51)]
    [DataRow("us", "pm2_5", 35.3f, 100)]
    [DataRow("us", "pm2_5", 35.4f, 100)]
    [DataRow("us", "pm2_5", 35.5f, 101)]
    [DataRow("us", "pm2_5", 35.6f, 101)]
    [DataRow("us", "pm2_5", 55.3f, 150)]
    [DataRow("us", "pm2_5", 55.4f, 150)]
    [DataRow("us", "pm2_5", 55.5f, 151)]
    [DataRow("us", "pm2_5", 55.6f, 151)]
    [DataRow("us", "pm2_5", 125.3f, 200)]
    [DataRow("us", "pm2_5", 125.4f, 200)]
    [DataRow("us", "pm2_5", 125.5f, 201)]
    [DataRow("us", "pm2_5", 125.6f, 201)]
    [DataRow("us", "pm2_5", 225.3f, 300)]
    [DataRow("us", "pm2_5", 225.4f, 300)]
    [DataRow("us", "pm2_5", 225.5f, 301)]
    [DataRow("us", "pm2_5", 225.6f, 301)]
    [DataRow("us", "pm2_5", 325.3f, 500)]
    [DataRow("us", "pm2_5", 325.4f, 500)]
    [DataRow("us", "pm2_5", 325.5f, 500)]
    [DataRow("us", "pm10", 0f, 0)]
    [DataRow("us", "pm10", 1f, 1)]
    [DataRow("us", "pm10", 53f, 49)]
    [DataRow("us", "pm10", 54f, 50)]
    [DataRow("us", "pm10", 55f, 51)]
    [DataRow("us", "pm10", 56f, 51)]
    [DataRow("us", "pm10", 153f, 100)]
    [DataRow("us", "pm10", 154f, 100)]
    [DataRow("us", "pm10", 155f, 101)]
    [DataRow("us", "pm10", 156f, 101)]
    [DataRow("us", "pm10", 253f, 150)]
    [DataRow("us", "pm10", 254f, 150)]
    [DataRow("us", "pm10", 255f, 151)]
    [DataRow("us", "pm10", 256f, 151)]
    [DataRow("us", "pm10", 353f, 200)]
    [DataRow("us", "pm10", 354f, 200)]
    [DataRow("us", "pm10", 355f, 201)]
    [DataRow("us", "pm10", 356f, 202)]
    [DataRow("us", "pm10", 423f, 299)]
    [DataRow("us", "pm10", 424f, 300)]
    [DataRow("us", "pm10", 425f, 301)]
    [DataRow("us", "pm10", 426f, 302)]
    [DataRow("us", "pm10", 603f, 499)]
    [DataRow("us", "pm10", 604f, 500)]
    [DataRow("us", "pm10", 605f, 500)]
    [DataRow("cn", "pm2_5", 0.0f, 0)]
    [DataRow("cn", "pm2_5", 0.1f, 1)]
    [DataRow("cn", "pm2_5", 1.0f, 2)]
    [DataRow("cn", "pm2_5", 34.0f, 49)]
    [DataRow("cn", "pm2_5", 34.9f, 50)]
    [DataRow("cn", "pm2_5", 35.0f, 50)]
    [DataRow("cn", "pm2_5", 35.1f, 51)]
    [DataRow("cn", "pm2_5", 36.0f, 52)]
    [DataRow("cn", "pm2_5", 74.0f, 99)]
    [DataRow("cn", "pm2_5", 74.9f, 100)]
    [DataRow("cn", "pm2_5", 75.0f, 100)]
    [DataRow("cn", "pm2_5", 75.1f, 101)]
    [DataRow("cn", "pm2_5", 76.0f, 102)]
    [DataRow("cn", "pm2_5", 114.0f, 149)]
    [DataRow("cn", "pm2_5", 114.9f, 150)]
    [DataRow("cn", "pm2_5", 115.0f, 150)]
    [DataRow("cn", "pm2_5", 115.1f, 151)]
    [DataRow("cn", "pm2_5", 116.0f, 152)]
    [DataRow("cn", "pm2_5", 149.0f, 199)]
    [DataRow("cn", "pm2_5", 149.9f, 200)]
    [DataRow("cn", "pm2_5", 150.0f, 200)]
    [DataRow("cn", "pm2_5", 150.1f, 201)]
    [DataRow("cn", "pm2_5", 151.0f, 201)]
    [DataRow("cn", "pm2_5", 249.0f, 299)]
    [DataRow("cn", "pm2_5", 249.9f, 300)]
    [DataRow("cn", "pm2_5", 250.0f, 300)]
    [DataRow("cn", "pm2_5", 250.1f, 301)]
    [DataRow("cn", "pm2_5", 251.0f, 301)]
    [DataRow("cn", "pm2_5", 349.0f, 399)]
    [DataRow("cn", "pm2_5", 349.9f, 400)]
    [DataRow("cn", "pm2_5", 350.0f, 400)]
    [DataRow("cn", "pm2_5", 350.1f, 401)]
    [DataRow("cn", "pm2_5", 351.0f, 401)]
    [DataRow("cn", "pm2_5", 499.0f, 500)]
    [DataRow("cn", "pm2_5", 499.9f, 500)]
    [DataRow("cn", "pm2_5", 500.0f, 500)]
    [DataRow("cn", "pm2_5", 500.1f, 500)]
    [DataRow("cn", "pm2_5", 501.0f, 500)]
    [DataRow("cn", "pm10", 0.0f, 0)]
    [DataRow("cn", "pm10", 0.1f, 1)]
    [DataRow("cn", "pm10", 1.0f, 1)]
    [DataRow("cn", "pm10", 49.0f, 49)]
    [DataRow("cn", "pm10", 49.9f, 50)]
    [DataRow("cn", "pm10", 50.0f, 50)]
    [DataRow("cn", "pm10", 50.1f, 51)]
    [DataRow("cn", "pm10", 51.0f, 51)]
    [DataRow("cn", "pm10", 149.0f, 100)]
    [DataRow("cn", "pm10", 149.9f, 100)]
    [DataRow("cn", "pm10", 150.0f, 100)]
    [DataRow("cn", "pm10", 150.1f, 101)]
    [DataRow("cn", "pm10", 151.0f, 101)]
    [DataRow("cn", "pm10", 249.0f, 150)]
    [DataRow("cn", "pm10", 249.9f, 150)]
    [DataRow("cn", "pm10", 250.0f, 150)]
    [DataRow("cn", "pm10", 250.1f, 151)]
    [DataRow("cn", "pm10", 251.0f, 151)]
    [DataRow("cn", "pm10", 349.0f, 200)]
    [DataRow("cn", "pm10", 349.9f, 200)]
    [DataRow("cn", "pm10", 350.0f, 200)]
    [DataRow("cn", "pm10", 350.1f, 201)]
    [DataRow("cn", "pm10", 351.0f, 202)]
    [DataRow("cn", "pm10", 419.0f, 299)]
    [DataRow("cn", "pm10", 419.9f, 300)]
    [DataRow("cn", "pm10", 420.0f, 300)]
    [DataRow("cn", "pm10", 420.1f, 301)]
    [DataRow("cn", "pm10", 421.0f, 302)]
    [DataRow("cn", "pm10", 499.0f, 399)]
    [DataRow("cn", "pm10", 499.9f, 400)]
    [DataRow("cn", "pm10", 500.0f, 400)]
    [DataRow("cn", "pm10", 500.1f, 401)]
    [DataRow("cn", "pm10", 501.0f, 401)]
    [DataRow("cn", "pm10", 599.0f, 499)]
    [DataRow("cn", "pm10", 599.9f, 500)]
    [DataRow("cn", "pm10", 600.0f, 500)]
    [DataRow("cn", "pm10", 600.1f, 500)]
    [DataRow("cn", "pm10", 601.0f, 500)]
    public void Sub_index_matches_the_published_table(string standard, string pollutant, float concentration, int expected)
    {
        var std = standard == "us" ? AqiStandard.UsEpa : AqiStandard.ChinaHj633;
        var pol = pollutant == "pm2_5" ? AqiPollutant.Pm2_5 : AqiPollutant.Pm10;

        Assert.AreEqual(expected, AirQualityIndex.SubIndex(std, pol, concentration), $"{standard} {pollutant} {concentration}");
    }

    [TestMethod]
    public void Us_truncates_pm2_5_to_a_tenth_even_when_the_float_is_just_below_it()
    {
        // 20.3f is 20.2999992...; EPA truncates the reported 20.3 -> (100-51)/(35.4-9.1)*(20.3-9.1)+51 = 71.87 -> 72.
        Assert.AreEqual(72, AirQualityIndex.SubIndex(AqiStandard.UsEpa, AqiPollutant.Pm2_5, 20.3f));
        // 9.09 truncates to 9.0, still "Good".
        Assert.AreEqual(50, AirQualityIndex.SubIndex(AqiStandard.UsEpa, AqiPollutant.Pm2_5, 9.09f));
    }

    [TestMethod]
    [DataRow(0, 1)]
    [DataRow(50, 1)]
    [DataRow(51, 2)]
    [DataRow(100, 2)]
    [DataRow(101, 3)]
    [DataRow(150, 3)]
    [DataRow(151, 4)]
    [DataRow(200, 4)]
    [DataRow(201, 5)]
    [DataRow(300, 5)]
    [DataRow(301, 6)]
    [DataRow(500, 6)]
    public void Category_bands_are_those_of_both_standards(int aqi, int category)
    {
        Assert.AreEqual(category, AirQualityIndex.CategoryOf(aqi));
    }

    [TestMethod]
    public void Category_names_follow_each_standard()
    {
        Assert.AreEqual("Unhealthy for Sensitive Groups", AirQualityIndex.CategoryName(AqiStandard.UsEpa, 3));
        Assert.AreEqual("Hazardous", AirQualityIndex.CategoryName(AqiStandard.UsEpa, 6));
        Assert.AreEqual("Excellent", AirQualityIndex.CategoryName(AqiStandard.ChinaHj633, 1));
        Assert.AreEqual("Severely Polluted", AirQualityIndex.CategoryName(AqiStandard.ChinaHj633, 6));
    }

    [TestMethod]
    public void The_index_is_the_larger_sub_index_and_names_its_pollutant()
    {
        var r = new AqiResult();

        // US: PM2.5 40.0 -> (150-101)/(55.4-35.5)*(40.0-35.5)+101 = 112.08 -> 112; PM10 60 -> 49/99*5+51 = 53.47 -> 53.
        AirQualityIndex.Compute(AqiStandard.UsEpa, 40.0f, 60f, r);
        Assert.AreEqual(112, r.Aqi);
        Assert.AreEqual(112, r.Pm2_5SubIndex);
        Assert.AreEqual(53, r.Pm10SubIndex);
        Assert.AreEqual(AqiPollutant.Pm2_5, r.Dominant);
        Assert.AreEqual(3, r.Category);

        // CN: PM2.5 30 -> ceil(50/35*30) = ceil(42.86) = 43; PM10 180 -> ceil(100+50/100*30) = 115: PM10 dominates.
        AirQualityIndex.Compute(AqiStandard.ChinaHj633, 30f, 180f, r);
        Assert.AreEqual(115, r.Aqi);
        Assert.AreEqual(43, r.Pm2_5SubIndex);
        Assert.AreEqual(AqiPollutant.Pm10, r.Dominant);
        Assert.AreEqual(3, r.Category);
    }

    [TestMethod]
    public void China_names_no_dominant_pollutant_at_50_or_below_and_both_on_a_tie()
    {
        var r = new AqiResult();

        AirQualityIndex.Compute(AqiStandard.ChinaHj633, 35f, 20f, r);
        Assert.AreEqual(50, r.Aqi);
        Assert.AreEqual(AqiPollutant.None, r.Dominant);

        // PM2.5 75 -> 100, PM10 150 -> 100.
        AirQualityIndex.Compute(AqiStandard.ChinaHj633, 75f, 150f, r);
        Assert.AreEqual(100, r.Aqi);
        Assert.AreEqual(AqiPollutant.Both, r.Dominant);

        // The US AQI always names one, even in clean air.
        AirQualityIndex.Compute(AqiStandard.UsEpa, 2f, 5f, r);
        Assert.AreEqual(AqiPollutant.Pm2_5, r.Dominant);
    }
}
