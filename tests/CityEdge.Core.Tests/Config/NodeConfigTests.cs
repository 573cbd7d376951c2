using System.Collections;
using CityEdge.Config;

namespace CityEdge.Core.Tests.Config;

[TestClass]
public sealed class NodeConfigTests
{
    private static (NodeConfig? Config, List<ConfigError> Errors) Parse(string text)
    {
        var errors = new ArrayList();
        var config = NodeConfig.Parse(text, errors);
        return (config, errors.Cast<ConfigError>().ToList());
    }

    [TestMethod]
    public void AFullConfigParsesToTypedValues()
    {
        var (config, errors) = Parse("""
            # lamp post 17, Rue de la Gare
            node.id = lp-0017
            mqtt.topic_root = lyon/part-dieu
            mqtt.host = broker.city.example
            mqtt.port = 8883
            mqtt.username = lp-0017
            mqtt.password = s3cret with spaces
            wifi.ssid = CityIoT
            wifi.password = correct horse battery staple
            report.period_s = 300
            climate.period_s = 30
            link.outbox_frames = 64
            """);

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        Assert.AreEqual("lp-0017", config!.NodeId);
        Assert.AreEqual("lyon/part-dieu", config.TopicRoot);
        Assert.AreEqual("broker.city.example", config.MqttHost);
        Assert.AreEqual(8883, config.MqttPort);
        Assert.AreEqual("s3cret with spaces", config.MqttPassword);
        Assert.AreEqual("correct horse battery staple", config.WifiPassword);
        Assert.AreEqual(300, config.ReportPeriodS);
        Assert.AreEqual(30, config.ClimatePeriodS);
        Assert.AreEqual(64, config.OutboxFrames);
    }

    [TestMethod]
    public void OnlyTheNodeIdIsRequiredAndTheRestHasDocumentedDefaults()
    {
        var (config, errors) = Parse("node.id = bench-3\n");

        Assert.AreEqual(0, errors.Count);
        Assert.AreEqual("cityedge", config!.TopicRoot);
        Assert.AreEqual(8883, config.MqttPort, "8883 is IANA's port for MQTT over TLS");
        Assert.IsTrue(config.MqttTls);
        Assert.IsFalse(config.MqttAllowPlaintext);
        Assert.AreEqual(60, config.ReportPeriodS);
        Assert.AreEqual(10, config.ClimatePeriodS);
        Assert.AreEqual(32, config.OutboxFrames);
    }

    [TestMethod]
    public void EveryProblemIsReportedAtOnceWithItsLineAndKey()
    {
        var (config, errors) = Parse("""
            node.id = LP_17
            mqtt.port = 70000
            report.period_s = soon
            colour = red
            this line has no equals sign
            mqtt.topic_root = city/+/x
            """);

        Assert.IsNull(config);
        var text = errors.Select(e => e.ToString()).ToList();
        Assert.AreEqual(6, text.Count, string.Join("\n", text));
        StringAssert.StartsWith(text[0], "line 1: node.id: character 'L' at position 1");
        StringAssert.StartsWith(text[1], "line 2: mqtt.port: 70000 is outside 1..65535");
        StringAssert.StartsWith(text[2], "line 3: report.period_s: 'soon' is not a whole number");
        StringAssert.StartsWith(text[3], "line 4: colour: unknown key");
        StringAssert.StartsWith(text[4], "line 5: not a 'key = value' line");
        StringAssert.StartsWith(text[5], "line 6: mqtt.topic_root: character '+' at position 6");
    }

    [TestMethod]
    public void ErrorsNeverQuoteASecretNorALineThatDidNotParse()
    {
        // Issue 17, defect 6: "mqtt.password: Hunter2-mqtt-pw" (':' for '=') was echoed whole into the
        // signed ack and the node log.
        var (config, errors) = Parse(
            "node.id = n-1\n"
            + "mqtt.password: Hunter2-mqtt-pw\n"
            + "wifi.password: p@ss=word-99\n"
            + "mqtt.password = Bad\u0001Secret-1\n");

        Assert.IsNull(config);
        var text = errors.Select(e => e.ToString()).ToList();
        Assert.AreEqual(3, text.Count, string.Join("\n", text));
        foreach (string secret in new[] { "Hunter2", "p@ss", "word-99", "Bad", "Secret-1" })
        {
            Assert.IsFalse(text.Any(t => t.Contains(secret)), $"'{secret}' quoted in: {string.Join("\n", text)}");
        }

        StringAssert.StartsWith(text[0], "line 2: ");
        StringAssert.StartsWith(text[1], "line 3: ");
        StringAssert.StartsWith(text[2], "line 4: mqtt.password: control character at position 4");
    }

    [TestMethod]
    [DataRow(65)]
    [DataRow(1024)]
    public void AnOutboxThatWouldTakeMostOfTheDeviceHeapIsRefused(int frames)
    {
        // Issue 17, defect 7: 1024 frames of ~73 bytes each (frame, OutboxItem, array headers) are ~75 KB
        // of an 80-110 KB heap.
        var (config, errors) = Parse($"node.id = n-1\nlink.outbox_frames = {frames}\n");

        Assert.IsNull(config);
        Assert.AreEqual($"line 2: link.outbox_frames: {frames} is outside 1..64", errors.Single().ToString());
    }

    [TestMethod]
    public void PlainMqttNeedsTheExplicitOptIn()
    {
        var (refused, errors) = Parse("node.id = n-1\nmqtt.port = 1883\nmqtt.tls = false\n");
        var (allowed, none) = Parse("node.id = n-1\nmqtt.port = 1883\nmqtt.tls = false\nmqtt.allow_plaintext = true\n");

        Assert.IsNull(refused);
        StringAssert.StartsWith(errors.Single().ToString(), "line 3: mqtt.tls: false sends the MQTT password and every report in clear");
        Assert.AreEqual(0, none.Count);
        Assert.IsFalse(allowed!.MqttTls);
    }

    [TestMethod]
    public void AFileOfJunkStopsAfterTheErrorLimit()
    {
        var (config, errors) = Parse(string.Concat(Enumerable.Repeat("x\n", 1000)));

        Assert.IsNull(config);
        Assert.AreEqual(NodeConfig.MaxErrors + 1, errors.Count);
        Assert.AreEqual($"line {NodeConfig.MaxErrors + 1}: stopped after {NodeConfig.MaxErrors} errors: this line and the rest are not checked", errors[^1].ToString());
    }

    [TestMethod]
    public void AMissingRequiredKeyAndADuplicateAreNamed()
    {
        var (_, errors) = Parse("report.period_s = 60\nreport.period_s = 120\n");

        Assert.AreEqual(2, errors.Count);
        Assert.AreEqual("line 2: report.period_s: set again (first set on line 1)", errors[0].ToString());
        Assert.AreEqual("node.id: required key is missing", errors[1].ToString());
    }

    [TestMethod]
    public void SamplingSlowerThanReportingIsRejectedNamingBothKeys()
    {
        var (config, errors) = Parse("node.id = n1\nreport.period_s = 60\nclimate.period_s = 120\n");

        Assert.IsNull(config);
        Assert.AreEqual(3, errors[0].Line);
        Assert.AreEqual("climate.period_s", errors[0].Key);
        StringAssert.Contains(errors[0].Message, "report.period_s 60");
    }

    [TestMethod]
    [DataRow("node.id = -lp")]
    [DataRow("node.id = lp-")]
    [DataRow("node.id = ")]
    [DataRow("node.id = abcdefghijklmnopqrstuvwxyz0123456")]
    public void NodeIdsThatWouldBreakTopicsAreRejected(string line)
    {
        var (config, errors) = Parse(line);
        Assert.IsNull(config);
        Assert.AreEqual("node.id", errors[0].Key);
    }

    [TestMethod]
    [DataRow("/city")]
    [DataRow("city/")]
    [DataRow("city//x")]
    [DataRow("city/#")]
    public void TopicRootsWithEmptyLevelsOrWildcardsAreRejected(string root)
    {
        var (config, errors) = Parse("node.id = n1\nmqtt.topic_root = " + root);
        Assert.IsNull(config);
        Assert.AreEqual("mqtt.topic_root", errors[0].Key);
        Assert.AreEqual(2, errors[0].Line);
    }
    [TestMethod]
    public void NoStageHidesTheNextAndErrorsComeInLineOrder()
    {
        // Issue 18 item 10: an air error used to hide the lighting rules, a lighting error the parking rules,
        // and any bad value every rule between keys.
        var (config, errors) = Parse("""
            parking.occupy_dut = 30
            parking.release_dut = 40
            lighting.ambient_on_lux = 50
            lighting.ambient_off_lux = 20
            air.kappa = 2
            mqtt.port = 70000
            report.period_s = 30
            climate.period_s = 60
            """);

        Assert.IsNull(config);
        CollectionAssert.AreEqual(
            new[]
            {
                "line 2: parking.release_dut: 40 is not below parking.occupy_dut 30: the detector needs hysteresis",
                "line 4: lighting.ambient_off_lux: lighting.ambient_off_lux 20 must be above lighting.ambient_on_lux 50 (the hysteresis)",
                "line 5: air.kappa: '2' is not a number 0..1.5",
                "line 6: mqtt.port: 70000 is outside 1..65535",
                "line 8: climate.period_s: 60 is longer than report.period_s 30: some reports would have no sample",
                "node.id: required key is missing",
            },
            errors.Select(e => e.ToString()).ToArray());
    }

    [TestMethod]
    public void ARuleIsSkippedOnlyWhenOneOfItsOwnKeysIsBad()
    {
        var (_, errors) = Parse("node.id = x\nparking.occupy_dut = abc\nparking.release_dut = 40\nlighting.hold_s = 0\nair.warmup_s = 600\n");

        CollectionAssert.AreEqual(
            new[]
            {
                "line 2: parking.occupy_dut: 'abc' is not a whole number",
                "line 4: lighting.hold_s: 0 is outside 1..3600",
                "line 5: air.warmup_s: air.period_s 300 s is too short for air.warmup_s 600 + air.frames_per_measurement 10 (needs more than 615 s)",
            },
            errors.Select(e => e.ToString()).ToArray());
    }

    [TestMethod]
    public void AnUnknownKeyNamesTheNearestKnownOne()
    {
        var (_, errors) = Parse("node.id = x\nmqtt.hots = broker\n");

        Assert.AreEqual("line 2: mqtt.hots: unknown key; the nearest known key is mqtt.host", errors.Single().ToString());
    }
}
