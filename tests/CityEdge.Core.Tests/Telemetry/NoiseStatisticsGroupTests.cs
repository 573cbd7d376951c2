using CityEdge.Health;
using CityEdge.Telemetry;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Telemetry;

/// <summary>The noise statistics group (group mask bit 6) against the vectors of docs/telemetry-format.md.</summary>
[TestClass]
public sealed class NoiseStatisticsGroupTests
{
    // docs/telemetry-format.md, vector 1: noise + noise statistics, clock set.
    private const string Vector1 = "01 44 0102 5E0BE100 13D315 3C4A792CA0B0";

    // docs/telemetry-format.md, vector 2: range flag, clock not set (health), all three groups.
    private const string Vector2 = "01 64 FFFF 00000000 9F44D2 01 86 1F51315E12C0";

    [TestMethod]
    public void TheFormatDocumentCarriesTheseVectors()
    {
        string doc = CityEdge.Tests.RepoFiles.Read("docs/telemetry-format.md");
        StringAssert.Contains(doc, "`01440102` `5e0be100` `13d315` `3c4a792ca0b0`");
        StringAssert.Contains(doc, "`0164ffff` `00000000` `9f44d2` `0186` `1f51315e12c0`");
        Assert.AreEqual("01440102" + "5e0be100" + "13d315" + "3c4a792ca0b0", Vector1.Replace(" ", "").ToLowerInvariant());
        Assert.AreEqual("0164ffff" + "00000000" + "9f44d2" + "0186" + "1f51315e12c0", Vector2.Replace(" ", "").ToLowerInvariant());
    }

    [TestMethod]
    public void Vector1DecodesToItsDocumentedValuesAndEncodesBackByteForByte()
    {
        byte[] frame = Hex(Vector1);
        var report = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, report);
        Assert.AreEqual(0x0102, report.Sequence);
        Assert.AreEqual(1577836800u, report.TimestampUnixSeconds);
        Assert.IsTrue(report.HasNoise);
        Assert.IsFalse(report.NoiseRangeFlag);
        Assert.AreEqual(63.4f, report.LaeqDb, 0.001f);
        Assert.AreEqual(78.9f, report.LafmaxDb, 0.001f);
        Assert.IsTrue(report.HasNoiseStatistics);
        Assert.AreEqual(48.2f, report.LafminDb, 0.001f);
        Assert.AreEqual(67.0f, report.La10Db, 0.001f);
        Assert.AreEqual(60.1f, report.La50Db, 0.001f);
        Assert.AreEqual(52.3f, report.La90Db, 0.001f);
        CollectionAssert.AreEqual(frame, Encode(report));
    }

    [TestMethod]
    public void Vector2PutsTheGroupAfterHealthInMaskBitOrder()
    {
        byte[] frame = Hex(Vector2);
        var report = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, report);
        Assert.AreEqual(0xFFFF, report.Sequence);
        Assert.AreEqual(0u, report.TimestampUnixSeconds);
        Assert.IsTrue(report.NoiseRangeFlag);
        Assert.AreEqual(100.0f, report.LaeqDb, 0.001f);
        Assert.AreEqual(123.4f, report.LafmaxDb, 0.001f);
        Assert.AreEqual(1, report.HealthEntryCount);
        Assert.AreEqual(FaultSource.Clock, report.GetFaultSource(0));
        Assert.AreEqual(FaultReason.NotSet, report.GetFaultReason(0));
        Assert.AreEqual(25.0f, report.LafminDb, 0.001f);
        Assert.AreEqual(110.0f, report.La10Db, 0.001f);
        Assert.AreEqual(70.0f, report.La50Db, 0.001f);
        Assert.AreEqual(30.0f, report.La90Db, 0.001f);
        CollectionAssert.AreEqual(frame, Encode(report));
    }

    [TestMethod]
    public void AReportWithoutTheStatisticsKeepsItsV1Size()
    {
        var report = new TelemetryReport { Sequence = 7, TimestampUnixSeconds = 1700000000, HasNoise = true, LaeqDb = 55.5f, LafmaxDb = 70.1f };
        Assert.AreEqual(TelemetryFrame.HeaderLength + TelemetryFrame.NoiseLength, TelemetryCodec.GetEncodedLength(report));
        byte[] frame = Encode(report);
        Assert.AreEqual(0x04, frame[1], "group mask");
        var decoded = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, decoded);
        Assert.IsFalse(decoded.HasNoiseStatistics);
    }

    [TestMethod]
    [DataRow("01 44 0102 5E0BE100 13D315 3C4A792CA0B1", 16, "noise_stats.reserved")]
    [DataRow("01 44 0102 5E0BE100 13D315 3C4A792CA0", 16, "noise_stats")]
    [DataRow("01 40 0102 5E0BE100 3C4A792CA0B0", 1, "group_mask")]
    [DataRow("01 C4 0102 5E0BE100 13D315 3C4A792CA0B0", 1, "group_mask")]
    [DataRow("01 44 0102 5E0BE100 13D315 FFFFFFFFFFF0", 11, "noise_stats.lafmin")]
    [DataRow("01 44 0102 5E0BE100 13D315 3C4A792CA0B0 00", 17, "end")]
    public void MalformedGroupIsRejectedWithOffsetAndField(string hex, int offset, string field)
    {
        byte[] frame = Hex(hex);
        var report = new TelemetryReport();
        var ex = Assert.ThrowsExactly<FrameFormatException>(() => TelemetryCodec.Decode(frame, 0, frame.Length, report));
        Assert.AreEqual(offset, ex.Offset, ex.Message);
        Assert.AreEqual(field, ex.Field, ex.Message);
        Assert.IsFalse(report.HasNoise, "a rejected frame leaves nothing half-decoded");
    }

    [TestMethod]
    public void LevelsOutOfOrderAreCorruption()
    {
        // LA90 60.0 above LA50 50.0: exceedance levels of one interval cannot decrease with the percentage.
        var report = new TelemetryReport { Sequence = 1, HasNoise = true, LaeqDb = 60, LafmaxDb = 70, HasNoiseStatistics = true, LafminDb = 40, La10Db = 65, La50Db = 50, La90Db = 60 };
        byte[] frame = Encode(report);
        var ex = Assert.ThrowsExactly<FrameFormatException>(() => TelemetryCodec.Decode(frame, 0, frame.Length, new TelemetryReport()));
        Assert.AreEqual(11, ex.Offset);
        Assert.AreEqual("noise_stats", ex.Field);
    }

    [TestMethod]
    public void EncoderRefusesStatisticsWithoutTheNoiseGroupAndOutOfRangeLevels()
    {
        var orphan = new TelemetryReport { HasNoiseStatistics = true };
        Assert.ThrowsExactly<ArgumentException>(() => Encode(orphan));
        var loud = new TelemetryReport { HasNoise = true, LaeqDb = 60, LafmaxDb = 70, HasNoiseStatistics = true, La10Db = 150.1f };
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Encode(loud));
        Assert.AreEqual("noise_stats.la10", ex.ParamName);
    }

    private static byte[] Encode(TelemetryReport report)
    {
        var buffer = new byte[TelemetryFrame.MaxLength];
        int length = TelemetryCodec.Encode(report, buffer, 0);
        return buffer[..length];
    }

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));
}
