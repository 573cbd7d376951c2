using System.Text.Json;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Host.Tests.Noise;

[TestClass]
public sealed class NoiseReportJsonTests
{
    [TestMethod]
    public void NoiseObjectCarriesTheStatisticsWhenTheGroupIsPresent()
    {
        // docs/telemetry-format.md vector I.
        byte[] frame = Convert.FromHexString("0144010" + "25E0BE10013D3153C4A792CA0B0");
        var report = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, report);
        using var json = JsonDocument.Parse(ReportJson.Format(report));
        var noise = json.RootElement.GetProperty("noise");
        Assert.AreEqual(63.4, noise.GetProperty("laeq_db").GetDouble());
        Assert.AreEqual(78.9, noise.GetProperty("lafmax_db").GetDouble());
        Assert.AreEqual(48.2, noise.GetProperty("lafmin_db").GetDouble());
        Assert.AreEqual(67.0, noise.GetProperty("la10_db").GetDouble());
        Assert.AreEqual(60.1, noise.GetProperty("la50_db").GetDouble());
        Assert.AreEqual(52.3, noise.GetProperty("la90_db").GetDouble());
    }

    [TestMethod]
    public void WithoutTheGroupTheKeysAreAbsentNotZero()
    {
        var report = new TelemetryReport { HasNoise = true, LaeqDb = 50, LafmaxDb = 60 };
        using var json = JsonDocument.Parse(ReportJson.Format(report));
        var noise = json.RootElement.GetProperty("noise");
        Assert.IsFalse(noise.TryGetProperty("la90_db", out _));
        Assert.IsFalse(noise.TryGetProperty("lafmin_db", out _));
    }
}
