using System.Globalization;
using System.Text.Json.Nodes;
using CityEdge.Air;
using CityEdge.Health;
using CityEdge.Host.Reports;
using CityEdge.Telemetry;

namespace CityEdge.Host.OpenData;

/// <summary>How an NGSI-LD entity is written.</summary>
public enum NgsiLdForm
{
    /// <summary>Every attribute a Property / GeoProperty / Relationship object, with unitCode and
    /// observedAt: what an NGSI-LD context broker's entity operations take.</summary>
    Normalized,

    /// <summary>Attributes as plain values (NGSI-LD "concise"/keyValues): the form the Smart Data
    /// Models' JSON Schemas describe.</summary>
    KeyValues,
}

/// <summary>
/// A decoded report as FIWARE Smart Data Models entities in NGSI-LD (JSON-LD with the models'
/// @context): AirQualityObserved (climate and particulates), NoiseLevelObserved (noise),
/// one ParkingSpot per bay and a Streetlight (lamp). Ids are urn:ngsi-ld:{Type}:{namespace}:{public
/// id}[-bay-{n}], so a pseudonymised node stays pseudonymous; the location is the node's published
/// (possibly coarsened) position. A report without a time, or from a node without a location, gives
/// no entity: every model requires both.
/// </summary>
public static class NgsiLdEntities
{
    public const string CoreContext = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";
    public const string EnvironmentContext = "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld";
    public const string ParkingContext = "https://raw.githubusercontent.com/smart-data-models/dataModel.Parking/master/context.jsonld";
    public const string StreetlightingContext = "https://raw.githubusercontent.com/smart-data-models/dataModel.Streetlighting/master/context.jsonld";

    /// <summary>UN/CEFACT common codes, as NGSI-LD's unitCode uses them.</summary>
    private static readonly Dictionary<string, string> UnitCodes = new()
    {
        ["temperature"] = "CEL",     // degree Celsius
        ["pressure"] = "A97",        // hectopascal
        ["pm1"] = "GQ",              // microgram per cubic metre
        ["pm25"] = "GQ",
        ["pm10"] = "GQ",
        ["LAeq"] = "2N",             // decibel
        ["LAmax"] = "2N",
        ["powerConsumption"] = "WTT", // watt
    };

    private static readonly HashSet<string> DateTimes = new() { "dateObserved", "dateObservedFrom", "dateObservedTo", "timeInstant", "observationDateTime" };

    public static List<JsonObject> From(TelemetryReport report, string nodeId, OpenDataOptions options, NgsiLdForm form)
    {
        var entities = new List<JsonObject>();
        if (report.TimestampUnixSeconds == 0 || options.LocationOf(nodeId) is not GeoPoint where)
        {
            return entities;
        }

        string id = options.Namespace + ":" + options.PublicId(nodeId);
        string device = "urn:ngsi-ld:Device:" + id;
        string observed = Iso(report.TimestampUnixSeconds);
        var location = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(where.Longitude, where.Latitude) };

        if (report.HasClimate || report.HasParticulates)
        {
            var air = new JsonObject { ["dateObserved"] = observed, ["typeofLocation"] = "outdoor" };
            if (report.HasClimate)
            {
                air["temperature"] = Math.Round((double)report.TemperatureDegC, 2);
                air["relativeHumidity"] = Math.Round((double)report.HumidityPct / 100, 3);
                air["pressure"] = Math.Round((double)report.PressureHpa, 1);
            }

            if (report.HasParticulates)
            {
                air["pm1"] = Math.Round((double)report.Pm1_0UgM3);
                air["pm25"] = Math.Round((double)report.Pm2_5UgM3);
                air["pm10"] = Math.Round((double)report.Pm10UgM3);
                if (report.HasAqi)
                {
                    air["airQualityIndex"] = report.AqiValue;
                    air["airQualityLevel"] = AirQualityIndex.CategoryName(report.AqiStandard, AirQualityIndex.CategoryOf(report.AqiValue)).ToLowerInvariant();
                }
            }

            air["refDevice"] = device;
            entities.Add(Entity("AirQualityObserved", "urn:ngsi-ld:AirQualityObserved:" + id, location, air, EnvironmentContext, observed, form));
        }

        if (report.HasNoise)
        {
            var noise = new JsonObject
            {
                ["dateObservedFrom"] = Iso(report.TimestampUnixSeconds - (uint)options.ReportPeriodS),
                ["dateObservedTo"] = observed,
                ["LAeq"] = Math.Round((double)report.LaeqDb, 1),
                ["LAmax"] = Math.Round((double)report.LafmaxDb, 1),
                ["refDevice"] = device,
            };
            entities.Add(Entity("NoiseLevelObserved", "urn:ngsi-ld:NoiseLevelObserved:" + id, location, noise, EnvironmentContext, observed, form));
        }

        for (int bay = 0; bay < report.ParkingBayCount; bay++)
        {
            var spot = new JsonObject
            {
                ["status"] = ReportJson.BayStateName(report.GetBayState(bay)),
                ["category"] = new JsonArray("onStreet"),
                ["refParkingSite"] = "urn:ngsi-ld:ParkingSite:" + id,
                ["refDevice"] = new JsonArray(device),
                ["timeInstant"] = observed,
            };
            entities.Add(Entity("ParkingSpot", "urn:ngsi-ld:ParkingSpot:" + id + "-bay-" + bay, location, spot, ParkingContext, observed, form));
        }

        if (report.HasLamp)
        {
            double level = Math.Round((double)report.LampLevelPct, 1);
            var lamp = new JsonObject
            {
                ["status"] = HasFault(report, FaultSource.Lamp) ? "defectiveLamp" : "ok",
                ["powerState"] = level == 0 ? "off" : level == 100 ? "on" : "low",
                ["illuminanceLevel"] = Math.Round(level / 100, 3),
                // Energy over the report interval as its mean power.
                ["powerConsumption"] = Math.Round((double)report.LampEnergyWh * 3600 / options.ReportPeriodS, 1),
                ["observationDateTime"] = observed,
                ["refDevice"] = new JsonArray(device),
            };
            entities.Add(Entity("Streetlight", "urn:ngsi-ld:Streetlight:" + id, location, lamp, StreetlightingContext, observed, form));
        }

        return entities;
    }

    private static bool HasFault(TelemetryReport report, FaultSource source)
    {
        for (int i = 0; i < report.HealthEntryCount; i++)
        {
            if (report.GetFaultSource(i) == source)
            {
                return true;
            }
        }

        return false;
    }

    private static JsonObject Entity(string type, string id, JsonObject location, JsonObject attributes, string modelContext, string observedAt, NgsiLdForm form)
    {
        var entity = new JsonObject { ["id"] = id, ["type"] = type };
        entity["location"] = form == NgsiLdForm.KeyValues ? location.DeepClone() : new JsonObject { ["type"] = "GeoProperty", ["value"] = location.DeepClone() };
        foreach (var (name, value) in attributes.ToList())
        {
            attributes.Remove(name);
            entity[name] = form == NgsiLdForm.KeyValues ? value : Normalized(name, value!, observedAt);
        }

        entity["@context"] = new JsonArray(modelContext, CoreContext);
        return entity;
    }

    private static JsonObject Normalized(string name, JsonNode value, string observedAt)
    {
        if (name.StartsWith("ref", StringComparison.Ordinal))
        {
            return new JsonObject { ["type"] = "Relationship", ["object"] = value };
        }

        if (DateTimes.Contains(name))
        {
            return new JsonObject { ["type"] = "Property", ["value"] = new JsonObject { ["@type"] = "DateTime", ["@value"] = value } };
        }

        var property = new JsonObject { ["type"] = "Property", ["value"] = value };
        if (UnitCodes.TryGetValue(name, out string? unit))
        {
            property["unitCode"] = unit;
        }

        if (value is JsonValue)
        {
            property["observedAt"] = observedAt;
        }

        return property;
    }

    private static string Iso(uint unixSeconds) => DateTime.UnixEpoch.AddSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
