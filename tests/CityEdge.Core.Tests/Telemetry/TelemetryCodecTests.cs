using CityEdge.Health;
using CityEdge.Telemetry;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Telemetry;

/// <summary>Frame v1 against the hand-computed vectors of docs/telemetry-format.md.</summary>
[TestClass]
public sealed class TelemetryCodecTests
{
    // The same literal vectors as docs/telemetry-format.md (a test below checks the doc still has them).
    private const string VectorA = CityEdge.Tests.Portable.TelemetryVectorTests.VectorA;
    private const string VectorB = "0121ffff6b49bce8fd21bb26920121";
    private const string VectorC = "0128000700000000069060028611";
    private const string VectorD = "0116002a6b042ac08230f4629fe4d9c80000";

    private const uint Jan15Morning2027 = 1799994600; // 2027-01-15T06:30:00Z

    /// <summary>The report vector A encodes; vector A itself is checked by the portable TelemetryVectorTests (host and board).</summary>
    public static TelemetryReport ReferenceReport() => CityEdge.Tests.Portable.TelemetryVectorTests.ReferenceReport();

    [TestMethod]
    public void VectorADecodesToTheReferenceValues()
    {
        var r = Decode(VectorA);

        Assert.AreEqual(258, r.Sequence);
        Assert.AreEqual(CityEdge.Tests.Portable.TelemetryVectorTests.Nov23Noon2026, r.TimestampUnixSeconds);
        Assert.IsTrue(r.HasClimate);
        Assert.AreEqual(21.5f, r.TemperatureDegC);
        Assert.AreEqual(48.5f, r.HumidityPct);
        Assert.AreEqual(1013.2f, r.PressureHpa, 0.001f);
        Assert.IsTrue(r.HasParticulates);
        Assert.IsFalse(r.ParticulatesHumidityFlag);
        Assert.AreEqual(8f, r.Pm1_0UgM3);
        Assert.AreEqual(12f, r.Pm2_5UgM3);
        Assert.AreEqual(20f, r.Pm10UgM3);
        Assert.IsTrue(r.HasNoise);
        Assert.AreEqual(58.3f, r.LaeqDb, 0.001f);
        Assert.AreEqual(71.2f, r.LafmaxDb, 0.001f);
        Assert.AreEqual(4, r.ParkingBayCount);
        CollectionAssert.AreEqual(
            new[] { ParkingBayState.Occupied, ParkingBayState.Free, ParkingBayState.Occupied, ParkingBayState.Free },
            Enumerable.Range(0, 4).Select(r.GetBayState).ToArray());
        Assert.IsTrue(r.HasLamp);
        Assert.AreEqual(40f, r.LampLevelPct);
        Assert.AreEqual(12.5f, r.LampEnergyWh);
        Assert.AreEqual(0, r.HealthEntryCount);
    }

    [TestMethod]
    public void VectorBCarriesNegativeTemperatureWrapSequenceAndAHealthEntry()
    {
        var r = Decode(VectorB);

        Assert.AreEqual(65535, r.Sequence);
        Assert.AreEqual(Jan15Morning2027, r.TimestampUnixSeconds);
        Assert.AreEqual(-7.35f, r.TemperatureDegC, 0.0001f);
        Assert.AreEqual(93.5f, r.HumidityPct);
        Assert.AreEqual(987.4f, r.PressureHpa, 0.001f);
        Assert.IsFalse(r.HasParticulates);
        Assert.AreEqual(1, r.HealthEntryCount);
        Assert.AreEqual(FaultSource.Particulates, r.GetFaultSource(0));
        Assert.AreEqual(FaultReason.NotResponding, r.GetFaultReason(0));

        var expected = new TelemetryReport
        {
            Sequence = 65535, TimestampUnixSeconds = Jan15Morning2027, HasClimate = true,
            TemperatureDegC = -7.35f, HumidityPct = 93.5f, PressureHpa = 987.4f,
        };
        expected.AddFault(FaultSource.Particulates, FaultReason.NotResponding);
        Assert.AreEqual(VectorB, Convert.ToHexStringLower(Encode(expected)));
    }

    [TestMethod]
    public void VectorCHasNoClockSixBaysAndTwoFaults()
    {
        var r = Decode(VectorC);

        Assert.AreEqual(7, r.Sequence);
        Assert.AreEqual(0u, r.TimestampUnixSeconds);
        Assert.IsFalse(r.HasClimate);
        Assert.AreEqual(6, r.ParkingBayCount);
        CollectionAssert.AreEqual(
            new[] { ParkingBayState.Unknown, ParkingBayState.Occupied, ParkingBayState.Free, ParkingBayState.Free, ParkingBayState.Occupied, ParkingBayState.Unknown },
            Enumerable.Range(0, 6).Select(r.GetBayState).ToArray());
        Assert.AreEqual(2, r.HealthEntryCount);
        Assert.AreEqual(FaultSource.Clock, r.GetFaultSource(0));
        Assert.AreEqual(FaultReason.NotSet, r.GetFaultReason(0));
        Assert.AreEqual(FaultSource.Climate, r.GetFaultSource(1));
        Assert.AreEqual(FaultReason.NotResponding, r.GetFaultReason(1));
        Assert.AreEqual(VectorC, Convert.ToHexStringLower(Encode(r)));
    }

    [TestMethod]
    public void VectorDCarriesBothFlagsAndFullLamp()
    {
        var r = Decode(VectorD);

        Assert.AreEqual(42, r.Sequence);
        Assert.IsTrue(r.ParticulatesHumidityFlag);
        Assert.AreEqual(35f, r.Pm1_0UgM3);
        Assert.AreEqual(61f, r.Pm2_5UgM3);
        Assert.AreEqual(98f, r.Pm10UgM3);
        Assert.IsTrue(r.NoiseRangeFlag);
        Assert.AreEqual(102.0f, r.LaeqDb, 0.001f);
        Assert.AreEqual(124.1f, r.LafmaxDb, 0.001f);
        Assert.AreEqual(100f, r.LampLevelPct);
        Assert.AreEqual(0f, r.LampEnergyWh);
        Assert.AreEqual(VectorD, Convert.ToHexStringLower(Encode(r)));
    }

    [TestMethod]
    public void TheFormatDocumentCarriesTheSameVectors()
    {
        string doc = RepoFiles.Read("docs/telemetry-format.md");
        foreach (var vector in new[] { VectorA, VectorB, VectorC, VectorD })
        {
            StringAssert.Contains(doc, "\n" + vector + "\n");
        }
    }

    [TestMethod]
    public void EveryTruncationIsRejectedAtTheOffsetWhereTheFrameEnds()
    {
        byte[] full = Convert.FromHexString(VectorA);
        for (int length = 0; length < full.Length; length++)
        {
            var ex = DecodeFails(full.AsSpan(0, length).ToArray());
            Assert.AreEqual(length, ex.Offset, $"truncated to {length} bytes: {ex.Message}");
            Assert.IsFalse(string.IsNullOrEmpty(ex.Field));
            StringAssert.Contains(ex.Message, "byte " + length);
        }
    }

    [TestMethod]
    public void TruncationNamesTheFieldThatNeededTheMissingByte()
    {
        byte[] full = Convert.FromHexString(VectorA);
        Assert.AreEqual("sequence", DecodeFails(full[..3]).Field);
        Assert.AreEqual("timestamp", DecodeFails(full[..7]).Field);
        Assert.AreEqual("climate.humidity", DecodeFails(full[..10]).Field);
        Assert.AreEqual("particulates", DecodeFails(full[..14]).Field);
        Assert.AreEqual("noise", DecodeFails(full[..19]).Field);
        Assert.AreEqual("parking.states", DecodeFails(full[..21]).Field);
        Assert.AreEqual("lamp.energy", DecodeFails(full[..24]).Field);
    }

    [TestMethod]
    public void TrailingBytesAreRejectedAtTheFirstExtraByte()
    {
        var ex = DecodeFails(Convert.FromHexString(VectorA + "00"));
        Assert.AreEqual(25, ex.Offset);
        Assert.AreEqual("end", ex.Field);

        ex = DecodeFails(Convert.FromHexString(VectorB + "0000"));
        Assert.AreEqual(15, ex.Offset);
    }

    [TestMethod]
    [DataRow(0x00)]
    [DataRow(0x02)]
    [DataRow(0xFF)]
    public void UnknownVersionIsRejectedAtByteZero(int version)
    {
        byte[] frame = Convert.FromHexString(VectorA);
        frame[0] = (byte)version;
        var ex = DecodeFails(frame);
        Assert.AreEqual(0, ex.Offset);
        Assert.AreEqual("version", ex.Field);
        StringAssert.Contains(ex.Message, "unknown version " + version);
    }

    [TestMethod]
    [DataRow(1, 0x80, "group_mask", DisplayName = "mask bit 7")]
    [DataRow(17, 0x40, "noise.flags", DisplayName = "noise bit 22")]
    [DataRow(20, 0x20, "parking.count", DisplayName = "parking count bit 5")]
    [DataRow(20, 0x80, "parking.count", DisplayName = "parking count bit 7")]
    public void ReservedBitsAreRejectedWhereTheyAre(int offset, int bit, string field)
    {
        byte[] frame = Convert.FromHexString(VectorA);
        frame[offset] |= (byte)bit;
        var ex = DecodeFails(frame);
        Assert.AreEqual(offset, ex.Offset, ex.Message);
        Assert.AreEqual(field, ex.Field);
    }

    [TestMethod]
    public void ParkingPaddingReservedStateAndBadCountsAreRejected()
    {
        // Vector C: bay count at 8, states at 9..10; byte 10's low nibble is padding.
        byte[] padding = Convert.FromHexString(VectorC);
        padding[10] |= 0x01;
        var ex = DecodeFails(padding);
        Assert.AreEqual(10, ex.Offset);
        StringAssert.Contains(ex.Message, "padding");

        byte[] reserved = Convert.FromHexString(VectorC);
        reserved[9] = 0xD0; // bay 0 state 11
        ex = DecodeFails(reserved);
        Assert.AreEqual(9, ex.Offset);
        StringAssert.Contains(ex.Message, "bay 0 has reserved state 3");

        byte[] zero = Convert.FromHexString(VectorC);
        zero[8] = 0;
        Assert.AreEqual("parking.count", DecodeFails(zero).Field);

        byte[] tooMany = Convert.FromHexString(VectorC);
        tooMany[8] = 17;
        Assert.AreEqual(8, DecodeFails(tooMany).Offset);
    }

    [TestMethod]
    public void HealthEntriesAreCheckedOneByOne()
    {
        // Vector B: health count at 13, entry at 14.
        byte[] unknownSource = Convert.FromHexString(VectorB);
        unknownSource[14] = 0xF1;
        Assert.AreEqual(14, DecodeFails(unknownSource).Offset);

        byte[] unknownReason = Convert.FromHexString(VectorB);
        unknownReason[14] = 0x20;
        Assert.AreEqual(14, DecodeFails(unknownReason).Offset);

        byte[] reservedCount = Convert.FromHexString(VectorB);
        reservedCount[13] = 0x09;
        Assert.AreEqual(13, DecodeFails(reservedCount).Offset);

        var twice = DecodeFails(Convert.FromHexString("0120000100000000022121"));
        Assert.AreEqual(10, twice.Offset);
        StringAssert.Contains(twice.Message, "appears twice");

        Assert.AreEqual("health.count", DecodeFails(Convert.FromHexString("01200001000000000" + "0")).Field);
    }

    [TestMethod]
    public void OutOfRangeValuesAreRejectedAtTheirField()
    {
        byte[] humidity = Convert.FromHexString(VectorB);
        humidity[10] = 0xC9;
        var ex = DecodeFails(humidity);
        Assert.AreEqual(10, ex.Offset);
        Assert.AreEqual("climate.humidity", ex.Field);
        StringAssert.Contains(ex.Message, "201");

        byte[] temperature = Convert.FromHexString(VectorA);
        temperature[8] = 0x21; // 0x2166 = 8550 → 85.5 °C
        Assert.AreEqual(8, DecodeFails(temperature).Offset);

        byte[] pressure = Convert.FromHexString(VectorA);
        pressure[11] = 0x00; // 0x0094 = 148 → 14.8 hPa
        Assert.AreEqual(11, DecodeFails(pressure).Offset);

        byte[] lamp = Convert.FromHexString(VectorA);
        lamp[22] = 201;
        Assert.AreEqual("lamp.level", DecodeFails(lamp).Field);

        byte[] pm = Convert.FromHexString(VectorA);
        pm[15] |= 0x03;
        pm[16] = 0xFF; // PM10 = 1023
        Assert.AreEqual("particulates.pm10", DecodeFails(pm).Field);
    }

    [TestMethod]
    public void ATimestampBefore2020OtherThanZeroIsCorruption()
    {
        byte[] frame = Convert.FromHexString(VectorA);
        frame[4] = 0x10; // 0x10042ac0 ≈ 1978
        var ex = DecodeFails(frame);
        Assert.AreEqual(4, ex.Offset);
        Assert.AreEqual("timestamp", ex.Field);
    }

    [TestMethod]
    public void AFailedDecodeLeavesNoHalfDecodedReading()
    {
        var report = new TelemetryReport();
        byte[] frame = Convert.FromHexString(VectorA);
        frame[22] = 201;
        Assert.ThrowsExactly<FrameFormatException>(() => TelemetryCodec.Decode(frame, 0, frame.Length, report));
        Assert.IsFalse(report.HasClimate);
        Assert.IsFalse(report.HasParticulates);
        Assert.AreEqual(0, report.Sequence);
    }

    [TestMethod]
    public void EncodingAValueOutsideTheFrameRangeNamesTheField()
    {
        var r = ReferenceReport();
        r.HumidityPct = 100.5f;
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Encode(r));
        StringAssert.Contains(ex.Message, "climate.humidity");

        r = ReferenceReport();
        r.TemperatureDegC = float.NaN;
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Encode(r));
    }

    [TestMethod]
    public void EncodingRoundsHalfAwayFromZeroToTheResolution()
    {
        // Exact binary fractions sitting on a half step, and one just below a half step.
        var r = new TelemetryReport { HasClimate = true, TemperatureDegC = -0.125f, HumidityPct = 48.75f, PressureHpa = 1013.25f };
        var back = Decode(Convert.ToHexStringLower(Encode(r)));
        Assert.AreEqual(-0.13f, back.TemperatureDegC, 0.00001f);
        Assert.AreEqual(49.0f, back.HumidityPct);
        Assert.AreEqual(1013.3f, back.PressureHpa, 0.001f);

        r.HumidityPct = 48.74f;
        Assert.AreEqual(48.5f, Decode(Convert.ToHexStringLower(Encode(r))).HumidityPct);
    }

    [TestMethod]
    public void RandomReportsSurviveEncodeDecodeEncode()
    {
        var random = new Random(20261123);
        for (int i = 0; i < 2000; i++)
        {
            var r = new TelemetryReport
            {
                Sequence = random.Next(65536),
                TimestampUnixSeconds = random.Next(4) == 0 ? 0u : (uint)random.NextInt64(TelemetryFrame.EarliestTimestamp, uint.MaxValue),
                HasClimate = random.Next(2) == 0,
                TemperatureDegC = random.Next(-4000, 8501) / 100f,
                HumidityPct = random.Next(201) / 2f,
                PressureHpa = random.Next(3000, 11001) / 10f,
                HasParticulates = random.Next(2) == 0,
                Pm1_0UgM3 = random.Next(1001),
                Pm2_5UgM3 = random.Next(1001),
                Pm10UgM3 = random.Next(1001),
                ParticulatesHumidityFlag = random.Next(2) == 0,
                HasNoise = random.Next(2) == 0,
                LaeqDb = random.Next(1501) / 10f,
                LafmaxDb = random.Next(1501) / 10f,
                NoiseRangeFlag = random.Next(2) == 0,
                HasLamp = random.Next(2) == 0,
                LampLevelPct = random.Next(201) / 2f,
                LampEnergyWh = random.Next(65536) / 10f,
            };
            r.SetParkingBayCount(random.Next(17));
            for (int bay = 0; bay < r.ParkingBayCount; bay++)
            {
                r.SetBayState(bay, (ParkingBayState)random.Next(3));
            }

            foreach (int source in Enumerable.Range(1, 9).OrderBy(_ => random.Next()).Take(random.Next(8)))
            {
                r.AddFault((FaultSource)source, (FaultReason)random.Next(1, 9));
            }

            byte[] first = Encode(r);
            Assert.AreEqual(TelemetryCodec.GetEncodedLength(r), first.Length);
            Assert.IsLessThanOrEqualTo(TelemetryFrame.MaxLength, first.Length);
            var back = new TelemetryReport();
            TelemetryCodec.Decode(first, 0, first.Length, back);
            CollectionAssert.AreEqual(first, Encode(back), $"report {i}");
        }
    }

    [TestMethod]
    public void DecodeReadsOnlyTheGivenSliceOfALargerBuffer()
    {
        byte[] frame = Convert.FromHexString(VectorB);
        byte[] buffer = new byte[frame.Length + 10];
        frame.CopyTo(buffer, 4);
        var r = new TelemetryReport();
        TelemetryCodec.Decode(buffer, 4, frame.Length, r);
        Assert.AreEqual(65535, r.Sequence);

        var ex = Assert.ThrowsExactly<FrameFormatException>(() => TelemetryCodec.Decode(buffer, 4, frame.Length - 1, r));
        Assert.AreEqual(frame.Length - 1, ex.Offset);
    }

    /// <summary>Frames that break two rules: the error names the first in the order of
    /// docs/telemetry-format.md ("Order of checks"), which a decoder written from the docs must follow.</summary>
    [TestMethod]
    [DataRow("0101000000000001", 4, "timestamp", "before 2020", DisplayName = "timestamp before the truncated climate group")]
    [DataRow("01010000000000007FFF", 8, "climate.temperature", "outside", DisplayName = "a field's range before the next field's length")]
    [DataRow("010200005E0BE1003FFFFFFF", 8, "particulates.pm1_0", "outside", DisplayName = "PM1 before PM10, at the word's first byte")]
    [DataRow("010800005E0BE100E0", 8, "parking.count", "reserved", DisplayName = "parking reserved bits before the count")]
    [DataRow("010800005E0BE100020C", 9, "parking.states", "padding", DisplayName = "padding in the last state byte")]
    [DataRow("010800005E0BE10002CC", 9, "parking.states", "reserved state 3", DisplayName = "bay 0's state 11 before slot 2's padding")]
    [DataRow("012000005E0BE10001FF", 9, "health.entry", "unknown source", DisplayName = "health source before reason")]
    [DataRow("012000005E0BE100021111", 10, "health.entry", "appears twice", DisplayName = "health duplicate source")]
    [DataRow("014400005E0BE10013D315FFFFFFFFFFFF", 16, "noise_stats.reserved", "reserved", DisplayName = "noise statistics reserved bits before ranges")]
    public void TheFirstProblemInTheDocumentedOrderIsNamed(string hex, int offset, string field, string problem)
    {
        var ex = DecodeFails(Convert.FromHexString(hex));

        Assert.AreEqual(offset, ex.Offset, ex.Message);
        Assert.AreEqual(field, ex.Field, ex.Message);
        StringAssert.Contains(ex.Problem, problem);
    }

    internal static byte[] Encode(TelemetryReport report)
    {
        byte[] buffer = new byte[TelemetryFrame.MaxLength];
        int length = TelemetryCodec.Encode(report, buffer, 0);
        return buffer[..length];
    }

    private static TelemetryReport Decode(string hex)
    {
        byte[] frame = Convert.FromHexString(hex);
        var report = new TelemetryReport();
        TelemetryCodec.Decode(frame, 0, frame.Length, report);
        return report;
    }

    private static FrameFormatException DecodeFails(byte[] frame) =>
        Assert.ThrowsExactly<FrameFormatException>(() => TelemetryCodec.Decode(frame, 0, frame.Length, new TelemetryReport()));
}
