using CityEdge.Air;
using CityEdge.Telemetry;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Air;

/// <summary>The AQI hex vectors (E–H) of docs/telemetry-format.md, both ways, and the decoder's strictness.</summary>
[TestClass]
public sealed class AqiTelemetryTests
{
    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));

    private static string Encode(TelemetryReport report)
    {
        var buffer = new byte[TelemetryFrame.MaxLength];
        int length = TelemetryCodec.Encode(report, buffer, 0);
        return Convert.ToHexString(buffer, 0, length);
    }

    private static TelemetryReport Particulates(int sequence, uint ts, float pm1, float pm25, float pm10, bool flag)
    {
        var r = new TelemetryReport
        {
            Sequence = sequence,
            TimestampUnixSeconds = ts,
            HasParticulates = true,
            Pm1_0UgM3 = pm1,
            Pm2_5UgM3 = pm25,
            Pm10UgM3 = pm10,
            ParticulatesHumidityFlag = flag,
        };
        return r;
    }

    [TestMethod]
    public void TheFormatDocumentCarriesTheseVectors()
    {
        string doc = RepoFiles.Read("docs/telemetry-format.md");
        foreach (var vector in new[] { "`010200076553f10040803014` `0e08`", "`010200086553f13cc3c16882` `1de8`", "`010200096553f17800803014`", "`0102000a6553f1b440a05028` `0a20`" })
        {
            StringAssert.Contains(doc, vector);
        }
    }

    [TestMethod]
    public void Vector_1_us_aqi_56_pm2_5()
    {
        var r = Particulates(7, 1_700_000_000, 8, 12, 20, false);
        r.HasAqi = true;
        r.AqiValue = 56;
        r.AqiStandard = AqiStandard.UsEpa;
        r.AqiDominant = AqiPollutant.Pm2_5;

        Assert.AreEqual("010200076553F100408030140E08", Encode(r));

        var d = new TelemetryReport();
        TelemetryCodec.Decode(Hex("01 02 00 07 65 53 F1 00 40 80 30 14 0E 08"), 0, 14, d);
        Assert.IsTrue(d.HasAqi);
        Assert.AreEqual(56, d.AqiValue);
        Assert.AreEqual(AqiStandard.UsEpa, d.AqiStandard);
        Assert.AreEqual(AqiPollutant.Pm2_5, d.AqiDominant);
        Assert.AreEqual(12f, d.Pm2_5UgM3);
        Assert.IsFalse(d.ParticulatesHumidityFlag);
    }

    [TestMethod]
    public void Vector_2_china_aqi_119_with_the_humidity_flag()
    {
        var r = Particulates(8, 1_700_000_060, 60, 90, 130, true);
        r.HasAqi = true;
        r.AqiValue = 119;
        r.AqiStandard = AqiStandard.ChinaHj633;
        r.AqiDominant = AqiPollutant.Pm2_5;

        Assert.AreEqual("010200086553F13CC3C168821DE8", Encode(r));

        var d = new TelemetryReport();
        TelemetryCodec.Decode(Hex("01 02 00 08 65 53 F1 3C C3 C1 68 82 1D E8"), 0, 14, d);
        Assert.AreEqual(119, d.AqiValue);
        Assert.AreEqual(AqiStandard.ChinaHj633, d.AqiStandard);
        Assert.IsTrue(d.ParticulatesHumidityFlag);
        Assert.AreEqual(60f, d.Pm1_0UgM3);
        Assert.AreEqual(130f, d.Pm10UgM3);
    }

    [TestMethod]
    public void Vector_3_without_aqi_the_group_keeps_its_four_bytes()
    {
        var r = Particulates(9, 1_700_000_120, 8, 12, 20, false);

        Assert.AreEqual("010200096553F17800803014", Encode(r));

        var d = new TelemetryReport();
        TelemetryCodec.Decode(Hex("01 02 00 09 65 53 F1 78 00 80 30 14"), 0, 12, d);
        Assert.IsTrue(d.HasParticulates);
        Assert.IsFalse(d.HasAqi);
    }

    [TestMethod]
    public void Vector_4_china_aqi_40_has_no_dominant_pollutant()
    {
        var r = Particulates(10, 1_700_000_180, 10, 20, 40, false);
        r.HasAqi = true;
        r.AqiValue = 40;
        r.AqiStandard = AqiStandard.ChinaHj633;
        r.AqiDominant = AqiPollutant.None;

        Assert.AreEqual("0102000A6553F1B440A050280A20", Encode(r));
    }

    [TestMethod]
    [DataRow("01 02 00 07 65 53 F1 00 40 80 30 14 0E 09", 13, "particulates.aqi_reserved")]
    [DataRow("01 02 00 07 65 53 F1 00 40 80 30 14 7D 48", 12, "particulates.aqi")]
    [DataRow("01 02 00 07 65 53 F1 00 40 80 30 14 0E 00", 13, "particulates.aqi_dominant")]
    [DataRow("01 02 00 07 65 53 F1 00 40 80 30 14 0A 28", 13, "particulates.aqi_dominant")]
    [DataRow("01 02 00 07 65 53 F1 00 40 80 30 14 00 00", 13, "particulates.aqi_dominant")]
    [DataRow("01 02 00 07 65 53 F1 00 40 80 30 14 7D 4F", 13, "particulates.aqi_reserved")]
    [DataRow("01 02 00 07 65 53 F1 00 40 80 30 14 0E", 13, "particulates.aqi")]
    [DataRow("01 02 00 07 65 53 F1 00 00 80 30 14 0E 08", 12, "end")]
    public void Decoder_rejects_bad_aqi_fields_naming_offset_and_field(string hex, int offset, string field)
    {
        byte[] frame = Hex(hex);
        var d = new TelemetryReport();

        var ex = Assert.ThrowsExactly<FrameFormatException>(() => TelemetryCodec.Decode(frame, 0, frame.Length, d));

        Assert.AreEqual(offset, ex.Offset, ex.Message);
        Assert.AreEqual(field, ex.Field, ex.Message);
        Assert.IsFalse(d.HasAqi);
    }
}
