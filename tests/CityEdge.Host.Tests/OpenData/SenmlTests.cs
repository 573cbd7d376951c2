using System.Formats.Cbor;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityEdge.Host.OpenData;
using CityEdge.Host.Performance;

namespace CityEdge.Host.Tests.OpenData;

/// <summary>The SenML encoders against RFC 8428's own examples, and the report's pack against one worked out by hand.</summary>
[TestClass]
public sealed class SenmlTests
{
    [TestMethod]
    public void CborOfExample3IsByteForByteTheRfcsSection6HexDump()
    {
        JsonElement ex3 = Example("ex3");
        Assert.IsTrue(ex3.GetProperty("cbor_matches_rfc8428_section6_hexdump").GetBoolean());

        byte[] encoded = SenmlCbor.Encode(Records(ex3.GetProperty("json_as_in_rfc_parsed")));

        Assert.AreEqual(ex3.GetProperty("cbor_hex").GetString(), Convert.ToHexStringLower(encoded));
    }

    /// <summary>Example 5's published CBOR writes 20.0 as a half float where ours writes the integer 20;
    /// RFC 8428 §6 allows either as long as the double value is the same, so every record is compared by value.</summary>
    [TestMethod]
    public void CborOfEveryExampleWithPublishedCborHasTheSameValues()
    {
        foreach (string id in new[] { "ex3", "ex5" })
        {
            JsonElement example = Example(id);
            byte[] published = Convert.FromHexString(example.GetProperty("cbor_hex").GetString()!);
            byte[] ours = SenmlCbor.Encode(Records(example.GetProperty("json_as_in_rfc_parsed")));

            CollectionAssert.AreEqual(ReadPack(published), ReadPack(ours), id);
            Assert.IsLessThanOrEqualTo(published.Length, ours.Length, id);
        }
    }

    /// <summary>Example 8 also carries "l", a links extension field outside RFC 8428's Table 1, which
    /// these encoders do not produce; it is left out.</summary>
    [TestMethod]
    public void JsonOfEveryExampleCarriesTheSameFieldsAndValues()
    {
        foreach (JsonElement example in Examples().Where(e => e.GetProperty("id").GetString() != "ex8"))
        {
            JsonElement rfc = example.GetProperty("json_as_in_rfc_parsed");
            using var ours = JsonDocument.Parse(SenmlJson.Encode(Records(rfc)));

            CollectionAssert.AreEqual(Flatten(rfc), Flatten(ours.RootElement), example.GetProperty("id").GetString());
        }
    }

    [TestMethod]
    public void JsonOfExample1IsTheCanonicalFormWithoutWhitespace()
    {
        JsonElement ex1 = Example("ex1");
        string canonical = Regex.Replace(ex1.GetProperty("json_canonical").GetString()!, @"\s", "");

        Assert.AreEqual(canonical, Encoding.UTF8.GetString(SenmlJson.Encode(Records(ex1.GetProperty("json_as_in_rfc_parsed")))));
    }

    /// <summary>Worked out by hand from vector A and RFC 8428's units: 1013.2 hPa = 101 320 Pa,
    /// 8 µg/m³ = 8e-9 kg/m³ (RFC 8798), 58.3 dB = 5.83 Bspl, 40 % = 0.4 of "/", 12.5 Wh = 45 000 J.</summary>
    [TestMethod]
    public void TheReferenceReportAsSenmlJson()
    {
        string expected = """
            [{"bn":"cityedge:node-01:","bt":1795435200,"n":"temperature","u":"Cel","v":21.5},
             {"n":"humidity","u":"%RH","v":48.5},{"n":"pressure","u":"Pa","v":101320},
             {"n":"pm1","u":"kg/m3","v":8E-09},{"n":"pm2.5","u":"kg/m3","v":1.2E-08},{"n":"pm10","u":"kg/m3","v":2E-08},
             {"n":"laeq","u":"Bspl","v":5.83},{"n":"lafmax","u":"Bspl","v":7.12},
             {"n":"bay-0","vs":"occupied"},{"n":"bay-1","vs":"free"},{"n":"bay-2","vs":"occupied"},{"n":"bay-3","vs":"free"},
             {"n":"lamp-level","u":"/","v":0.4},{"n":"lamp-energy","u":"J","v":45000}]
            """;

        var pack = ReportSenml.Pack(PayloadBench.ReferenceReport(), "node-01", new OpenDataOptions());

        Assert.AreEqual(Regex.Replace(expected, @"\s", ""), Encoding.UTF8.GetString(SenmlJson.Encode(pack)));
    }

    /// <summary>RFC 8428 §4.5.1: a resolved name (bn + n) uses A-Z a-z 0-9 - : . / _ and starts with a letter or digit.</summary>
    [TestMethod]
    public void EveryResolvedNameOfAFullyFittedReportIsValidAndUnique()
    {
        var report = PayloadBench.FullyFittedReport();
        report.ParticulatesHumidityFlag = true;
        report.AddFault(CityEdge.Health.FaultSource.Storage, CityEdge.Health.FaultReason.BadData);
        var options = new OpenDataOptions { PseudonymKey = new byte[32] };

        var pack = ReportSenml.Pack(report, "lamp-0412", options);
        var names = pack.Select(r => pack[0].BaseName + r.Name).ToList();

        Assert.IsTrue(names.All(n => Regex.IsMatch(n, "^[A-Za-z0-9][A-Za-z0-9:./_-]*$")), string.Join(" ", names));
        Assert.HasCount(names.Count, names.Distinct());
        Assert.IsFalse(names.Any(n => n.Contains("lamp-0412")), "a pseudonymised pack must not name the node");
        CollectionAssert.IsSubsetOf(new[] { "aqi", "aqi-standard", "aqi-dominant", "la90", "pm-humidity-flag", "health-storage" }, pack.Select(r => r.Name).ToList());
    }

    [TestMethod]
    public void AReportWithoutTimeHasNoBaseTime()
    {
        var report = PayloadBench.ReferenceReport();
        report.TimestampUnixSeconds = 0;

        Assert.IsNull(ReportSenml.Pack(report, "node-01", new OpenDataOptions())[0].BaseTime);
    }

    private static IEnumerable<JsonElement> Examples()
    {
        using var doc = JsonDocument.Parse(Standards.Read(Path.Combine("senml", "rfc8428_examples.json")));
        return doc.RootElement.GetProperty("examples").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static JsonElement Example(string id) => Examples().Single(e => e.GetProperty("id").GetString() == id);

    /// <summary>Builds records from an example's JSON as any producer of that pack would.</summary>
    private static List<SenmlRecord> Records(JsonElement pack) => pack.EnumerateArray().Select(o =>
    {
        string? S(string label) => o.TryGetProperty(label, out var v) ? v.GetString() : null;
        double? D(string label) => o.TryGetProperty(label, out var v) ? v.GetDouble() : null;
        return new SenmlRecord
        {
            BaseName = S("bn"), BaseTime = D("bt"), BaseUnit = S("bu"), BaseValue = D("bv"), BaseSum = D("bs"),
            BaseVersion = o.TryGetProperty("bver", out var ver) ? ver.GetInt32() : null,
            Name = S("n"), Unit = S("u"), Value = D("v"), StringValue = S("vs"),
            BoolValue = o.TryGetProperty("vb", out var vb) ? vb.GetBoolean() : null,
            DataValue = S("vd") is string vd ? Convert.FromBase64String(vd.Replace('-', '+').Replace('_', '/').PadRight((vd.Length + 3) / 4 * 4, '=')) : null,
            Sum = D("s"), Time = D("t"), UpdateTime = D("ut"),
        };
    }).ToList();

    /// <summary>"record index / label = value" lines, numbers as doubles, labels sorted.</summary>
    private static List<string> Flatten(JsonElement pack) => pack.EnumerateArray().SelectMany((o, i) => o.EnumerateObject()
        .Select(p => $"{i}/{p.Name}={(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture) : p.Value.ToString())}")
        .OrderBy(s => s, StringComparer.Ordinal)).ToList();

    /// <summary>A CBOR pack read with System.Formats.Cbor: "record / label = value", numbers as doubles, labels sorted.</summary>
    private static List<string> ReadPack(byte[] cbor)
    {
        var reader = new CborReader(cbor);
        var lines = new List<string>();
        int records = reader.ReadStartArray() ?? throw new AssertFailedException("indefinite array");
        for (int i = 0; i < records; i++)
        {
            var record = new List<string>();
            int fields = reader.ReadStartMap() ?? throw new AssertFailedException("indefinite map");
            for (int f = 0; f < fields; f++)
            {
                int label = reader.ReadInt32();
                string value = reader.PeekState() switch
                {
                    CborReaderState.TextString => reader.ReadTextString(),
                    CborReaderState.Boolean => reader.ReadBoolean().ToString(),
                    CborReaderState.ByteString => Convert.ToHexString(reader.ReadByteString()),
                    CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => ((double)reader.ReadInt64()).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    _ => reader.ReadDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                };
                record.Add($"{i}/{label}={value}");
            }

            reader.ReadEndMap();
            lines.AddRange(record.OrderBy(s => s, StringComparer.Ordinal));
        }

        reader.ReadEndArray();
        return lines;
    }
}
