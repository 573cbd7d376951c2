using System.Text.Json;
using System.Text.Json.Nodes;
using CityEdge.Health;
using CityEdge.Host.OpenData;
using CityEdge.Host.Performance;
using CityEdge.Telemetry;

namespace CityEdge.Host.Tests.OpenData;

/// <summary>The open-data entities against the FIWARE Smart Data Models' published schemas and examples.</summary>
[TestClass]
public sealed class NgsiLdEntitiesTests
{
    private static readonly OpenDataOptions Lyon = new() { DefaultLocation = new GeoPoint(45.76064, 4.85904) };

    /// <summary>The validator itself: the models' own key-values examples pass; AirQualityObserved's fails
    /// exactly where shared/standards/README.md says (dateObserved without an offset, a fractional tsp).</summary>
    [TestMethod]
    public void ThePublishedExamplesValidateExceptTheOneKnownToBeWrong()
    {
        foreach (string model in new[] { "NoiseLevelObserved", "ParkingSpot", "Streetlight" })
        {
            foreach (string example in new[] { "example.json", "example.jsonld" })
            {
                var result = FiwareSchemas.Validate(model, Example(model, example));
                Assert.IsTrue(result.IsValid, $"{model}/{example}:\n{FiwareSchemas.Describe(result)}");
            }
        }

        var air = FiwareSchemas.Validate("AirQualityObserved", Example("AirQualityObserved", "example.json"));
        Assert.IsFalse(air.IsValid);
        string errors = FiwareSchemas.Describe(air);
        StringAssert.Contains(errors, "/dateObserved");
        StringAssert.Contains(errors, "/tsp");
    }

    [TestMethod]
    public void EveryEntityOfAFullyFittedReportValidatesAgainstItsModel()
    {
        var entities = NgsiLdEntities.From(PayloadBench.FullyFittedReport(), "node-01", Lyon, NgsiLdForm.KeyValues);

        CollectionAssert.AreEqual(
            new[] { "AirQualityObserved", "NoiseLevelObserved", "ParkingSpot", "ParkingSpot", "ParkingSpot", "ParkingSpot", "Streetlight" },
            entities.Select(e => (string)e["type"]!).ToList());
        foreach (var entity in entities)
        {
            var result = FiwareSchemas.Validate((string)entity["type"]!, Element(entity));
            Assert.IsTrue(result.IsValid, $"{entity["id"]}:\n{FiwareSchemas.Describe(result)}\n{entity.ToJsonString()}");
        }
    }

    /// <summary>Values by hand from vector A + AQI: 48.5 %RH is 0.485, 40 % lamp level is 0.4 and "low",
    /// 12.5 Wh in a 60 s interval is 750 W, US AQI 56 is "moderate", bays occupied/free/occupied/free.</summary>
    [TestMethod]
    public void TheEntitiesCarryTheReportsValues()
    {
        var e = NgsiLdEntities.From(PayloadBench.FullyFittedReport(), "node-01", Lyon, NgsiLdForm.KeyValues).ToDictionary(x => (string)x["id"]!);

        var air = e["urn:ngsi-ld:AirQualityObserved:cityedge:node-01"];
        Assert.AreEqual("2026-11-23T12:00:00Z", (string)air["dateObserved"]!);
        Assert.AreEqual(21.5, (double)air["temperature"]!);
        Assert.AreEqual(0.485, (double)air["relativeHumidity"]!);
        Assert.AreEqual(1013.2, (double)air["pressure"]!);
        Assert.AreEqual(12.0, (double)air["pm25"]!);
        Assert.AreEqual(56, (int)air["airQualityIndex"]!);
        Assert.AreEqual("moderate", (string)air["airQualityLevel"]!);
        var noise = e["urn:ngsi-ld:NoiseLevelObserved:cityedge:node-01"];
        Assert.AreEqual("2026-11-23T11:59:00Z", (string)noise["dateObservedFrom"]!);
        Assert.AreEqual(58.3, (double)noise["LAeq"]!);
        Assert.AreEqual(71.2, (double)noise["LAmax"]!);
        CollectionAssert.AreEqual(new[] { "occupied", "free", "occupied", "free" },
            Enumerable.Range(0, 4).Select(b => (string)e["urn:ngsi-ld:ParkingSpot:cityedge:node-01-bay-" + b]["status"]!).ToList());
        var lamp = e["urn:ngsi-ld:Streetlight:cityedge:node-01"];
        Assert.AreEqual(0.4, (double)lamp["illuminanceLevel"]!);
        Assert.AreEqual("low", (string)lamp["powerState"]!);
        Assert.AreEqual(750.0, (double)lamp["powerConsumption"]!);
        Assert.AreEqual("ok", (string)lamp["status"]!);
        CollectionAssert.AreEqual(new[] { 4.85904, 45.76064 }, ((JsonArray)air["location"]!["coordinates"]!).Select(c => (double)c!).ToList(), "GeoJSON order: longitude, latitude");
    }

    [TestMethod]
    public void ALampFaultMakesADefectiveLampThatStillValidates()
    {
        var report = PayloadBench.ReferenceReport();
        report.AddFault(FaultSource.Lamp, FaultReason.BadData);

        var lamp = NgsiLdEntities.From(report, "node-01", Lyon, NgsiLdForm.KeyValues).Single(x => (string)x["type"]! == "Streetlight");

        Assert.AreEqual("defectiveLamp", (string)lamp["status"]!);
        Assert.IsTrue(FiwareSchemas.Validate("Streetlight", Element(lamp)).IsValid);
    }

    /// <summary>Normalized NGSI-LD as in the models' example-normalized.jsonld: every attribute is a
    /// Property (value), GeoProperty (value) or Relationship (object); stripped to its values it is
    /// the key-values entity again, so it validates too.</summary>
    [TestMethod]
    public void NormalizedEntitiesHaveTheExamplesShapeAndTheSameValues()
    {
        var normalized = NgsiLdEntities.From(PayloadBench.FullyFittedReport(), "node-01", Lyon, NgsiLdForm.Normalized);
        var keyValues = NgsiLdEntities.From(PayloadBench.FullyFittedReport(), "node-01", Lyon, NgsiLdForm.KeyValues);

        for (int i = 0; i < normalized.Count; i++)
        {
            var concise = new JsonObject();
            foreach (var (name, attribute) in normalized[i])
            {
                if (name is "id" or "type" or "@context")
                {
                    concise[name] = attribute!.DeepClone();
                    continue;
                }

                string kind = (string)attribute!["type"]!;
                Assert.IsTrue(kind is "Property" or "GeoProperty" or "Relationship", name + ": " + kind);
                Assert.AreEqual(name == "location" ? "GeoProperty" : name.StartsWith("ref") ? "Relationship" : "Property", kind, name);
                JsonNode value = attribute[kind == "Relationship" ? "object" : "value"]!;
                concise[name] = (value is JsonObject o && o.ContainsKey("@value") ? o["@value"] : value)!.DeepClone();
            }

            Assert.AreEqual(keyValues[i].ToJsonString(), concise.ToJsonString());
        }

        var air = normalized[0];
        Assert.AreEqual("GQ", (string)air["pm25"]!["unitCode"]!, "µg/m³, as the AirQualityObserved example");
        Assert.AreEqual("DateTime", (string)air["dateObserved"]!["value"]!["@type"]!);
        Assert.AreEqual("2026-11-23T12:00:00Z", (string)air["pm25"]!["observedAt"]!);
    }

    [TestMethod]
    public void PseudonymsAndACoarseGridHideTheNodeAndItsExactPlace()
    {
        var options = Lyon with { PseudonymKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f"), CoarsenM = 500 };

        var entities = NgsiLdEntities.From(PayloadBench.ReferenceReport(), "lamp-0412", options, NgsiLdForm.KeyValues);

        string all = string.Join("\n", entities.Select(e => e.ToJsonString()));
        Assert.IsFalse(all.Contains("lamp-0412"), all);
        Assert.AreEqual(options.PublicId("lamp-0412"), options.PublicId("lamp-0412"));
        Assert.AreNotEqual(options.PublicId("lamp-0412"), options.PublicId("lamp-0413"));
        Assert.AreNotEqual(options.PublicId("lamp-0412"), (options with { PseudonymKey = new byte[32] }).PublicId("lamp-0412"), "another key, another pseudonym");
        var at = (JsonArray)entities[0]["location"]!["coordinates"]!;
        Assert.IsFalse(all.Contains("45.76064") || all.Contains("4.85904"), "exact position published");
        Assert.IsTrue(Math.Abs((double)at[1]! - 45.76064) <= 0.0023, "within half a 500 m cell (0.0045°) north-south");
        foreach (var e in entities)
        {
            Assert.IsTrue(FiwareSchemas.Validate((string)e["type"]!, Element(e)).IsValid, (string)e["id"]!);
        }
    }

    /// <summary>Every point of a grid cell goes to the same centre, which lies in the cell; the next cell has another.</summary>
    [TestMethod]
    public void CoarseningSnapsACellToItsCentre()
    {
        const double cell = 1000;
        const double latStep = cell / (Math.PI * 6378137.0 / 180);
        var p = new GeoPoint(45.7601, 4.8501);
        var centre = OpenDataOptions.Coarsen(p, cell);
        double lonStep = latStep / Math.Cos(centre.Latitude * Math.PI / 180);

        Assert.IsTrue(Math.Abs(centre.Latitude - p.Latitude) <= latStep / 2 && Math.Abs(centre.Longitude - p.Longitude) <= lonStep / 2, centre.ToString());
        foreach (var (dLat, dLon) in new[] { (0.45, 0.45), (-0.45, 0.45), (0.45, -0.45), (-0.45, -0.45) })
        {
            Assert.AreEqual(centre, OpenDataOptions.Coarsen(new GeoPoint(centre.Latitude + (dLat * latStep), centre.Longitude + (dLon * lonStep)), cell));
        }

        Assert.AreNotEqual(centre, OpenDataOptions.Coarsen(new GeoPoint(centre.Latitude + latStep, centre.Longitude), cell));
    }

    [TestMethod]
    public void NoTimeOrNoLocationGivesNoEntity()
    {
        var report = PayloadBench.ReferenceReport();
        Assert.IsEmpty(NgsiLdEntities.From(report, "node-01", new OpenDataOptions(), NgsiLdForm.KeyValues));
        report.TimestampUnixSeconds = 0;
        Assert.IsEmpty(NgsiLdEntities.From(report, "node-01", Lyon, NgsiLdForm.KeyValues));
    }

    private static JsonElement Example(string model, string file) =>
        JsonDocument.Parse(Standards.Read(Path.Combine("fiware", model, "examples", file))).RootElement;

    private static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
