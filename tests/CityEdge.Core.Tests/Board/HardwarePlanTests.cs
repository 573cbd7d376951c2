using System.Collections;
using System.Text;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Host.Simulation;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Board;

[TestClass]
public sealed class HardwarePlanTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    [TestMethod]
    public void TheDevKitCPlanIsWhatTheBoardFileSays()
    {
        var (plan, errors, warnings) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nparking.bays = 2\n");

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
        Assert.AreEqual(0, warnings.Count, string.Join("\n", warnings));
        Assert.IsFalse(plan!.IsEthernet);
        AssertDevice(plan.Bme280, "bme280", 1, 0x76, 21, 22, 100000);
        AssertDevice(plan.Bh1750, "bh1750", 1, 0x23, 21, 22, 100000);
        Assert.AreEqual((2, 16, 17), (plan.Pms5003!.Number, plan.Pms5003.RxGpio, plan.Pms5003.TxGpio));
        Assert.AreEqual((36, 0, 3100), (plan.Sen0232Gpio, plan.Sen0232AdcChannel, plan.Sen0232FullScaleMv));
        Assert.AreEqual(-1, plan.MicDataGpio);
        Assert.AreEqual((25, 5000, 27, true), (plan.LampPwmGpio, plan.LampPwmHz, plan.PresenceGpio, plan.PresencePullDown));
        Assert.AreEqual((23, 0, true), (plan.StatusLedGpio, plan.SetupButtonGpio, plan.SetupButtonPullUp));
        Assert.AreEqual(2, plan.Bays.Length);
        Assert.IsTrue(plan.Bays[0].IsQmc5883l);
        AssertDevice(plan.Bays[0].Device, "bay0.qmc5883l", 2, 0x0D, 18, 19, 100000);
        Assert.IsFalse(plan.Bays[1].IsQmc5883l);
        AssertDevice(plan.Bays[1].Device, "bay1.hmc5883l", 2, 0x1E, 18, 19, 100000);
        Assert.AreEqual("HMC5883L on I2C bus 2", plan.Bays[1].Slot);
    }

    [TestMethod]
    public void TheS3AndTheWiredBoardPlanTheirOwnPins()
    {
        var (s3, s3Errors, _) = Plan(BoardProfileTests.S3DevKitC, "node.id = lp-1\n");
        Assert.AreEqual(0, s3Errors.Count, string.Join("\n", s3Errors));
        Assert.AreEqual((4, 3), (s3!.Sen0232Gpio, s3.Sen0232AdcChannel));
        AssertDevice(s3.Bme280, "bme280", 1, 0x76, 8, 9, 100000);

        var (poe, poeErrors, poeWarnings) = Plan(BoardProfileTests.OlimexPoe, "node.id = kiosk-1\nwifi.ssid = Shelter\nparking.bays = 2\n");
        Assert.AreEqual(0, poeErrors.Count, string.Join("\n", poeErrors));
        Assert.IsTrue(poe!.IsEthernet);
        Assert.AreEqual((35, 7), (poe.Sen0232Gpio, poe.Sen0232AdcChannel));
        Assert.AreEqual((34, false), (poe.SetupButtonGpio, poe.SetupButtonPullUp));
        AssertDevice(poe.Bays[1].Device, "bay1.hmc5883l", 1, 0x1E, 13, 16, 100000);
        Assert.AreEqual("line 2: wifi.ssid: the board is wired (ESP32_OLIMEX brings up Ethernet), so the node does not join Wi-Fi: leave wifi.ssid empty",
            poeWarnings.Single().ToString());
    }

    [TestMethod]
    public void EveryBayTheConfigCountsNeedsASensorInTheBoardFile()
    {
        var (plan, errors, _) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nparking.bays = 3\n");

        Assert.AreEqual("line 2: parking.bays: 3 bays, but the board file has no sensor for bay2 (set bay2.qmc5883l.bus or bay2.hmc5883l.bus)",
            errors.Single().ToString());
        Assert.IsNull(errors.Single().Source, "the line is the node config's");
        Assert.IsNotNull(plan);
    }

    [TestMethod]
    public void SensorsForBaysBeyondTheConfiguredCountAreWarnedNotRead()
    {
        var (plan, errors, warnings) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nparking.bays = 1\n");

        Assert.AreEqual(0, errors.Count);
        Assert.AreEqual(1, plan!.Bays.Length);
        var warning = warnings.Single(w => w.Key == "bay1.hmc5883l.bus");
        Assert.AreEqual(BoardProfile.FileName, warning.Source);
        StringAssert.Contains(warning.Message, "parking.bays = 1 in the node config, so bay1's sensor is not read");
    }

    [TestMethod]
    public void TlsNeedsTheCaCertificateBesideTheConfig()
    {
        var files = new MemoryStore();
        var (_, errors, _) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nmqtt.port = 8883\nmqtt.tls = true\n", files);
        Assert.AreEqual("line 3: mqtt.tls: true, but ca.pem is missing (deploy the city's CA certificate)", errors.Single().ToString());

        Put(files, "ca.pem", "-----BEGIN PRIVATE KEY-----\n");
        (_, errors, _) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nmqtt.port = 8883\nmqtt.tls = true\n", files);
        Assert.AreEqual("ca.pem", errors.Single().Source);
        StringAssert.Contains(errors.Single().Message, "not a PEM certificate");

        Put(files, "ca.pem", Pem);
        Put(files, "client.pem", Pem);
        (_, errors, _) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nmqtt.port = 8883\nmqtt.tls = true\n", files);
        Assert.AreEqual("client.key: missing: a client certificate needs both client.pem and client.key", errors.Single().ToString());

        Put(files, "client.key", "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n");
        var (plan, none, warnings) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nmqtt.port = 8883\nmqtt.tls = true\n", files);
        Assert.AreEqual(0, none.Count, string.Join("\n", none));
        Assert.AreEqual(0, warnings.Count(w => w.Key.StartsWith("mqtt")));
        Assert.IsNotNull(plan);
    }

    [TestMethod]
    public void AHugeCertificateIsRefusedUnread()
    {
        var files = new MemoryStore();
        Put(files, "ca.pem", new string('A', HardwarePlan.MaxPemBytes + 1));
        var (_, errors, _) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nmqtt.tls = true\nmqtt.port = 8883\n", files);

        Assert.AreEqual("ca.pem: 16385 bytes: not a PEM certificate (at most 16384 bytes)", errors.Single().ToString());
    }

    [TestMethod]
    public void APortThatContradictsTlsIsWarned()
    {
        var (_, _, warnings) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nmqtt.port = 8883\nmqtt.tls = false\nmqtt.allow_plaintext = true\n");
        var (_, _, tlsWarnings) = Plan(BoardProfileTests.DevKitC, "node.id = lp-1\nmqtt.port = 1883\n");

        Assert.AreEqual("line 2: mqtt.port: 8883 is the MQTT-over-TLS port, but mqtt.tls = false", warnings.Single(w => w.Key == "mqtt.port").ToString());
        Assert.AreEqual("line 2: mqtt.port: 1883 is the plain MQTT port, but mqtt.tls = true (TLS is normally 8883)", tlsWarnings.Single(w => w.Key == "mqtt.port").ToString());
    }

    [TestMethod]
    public void TheBootPathRefusesWhatThePlanRefuses()
    {
        // BootCheck is what Program.cs runs: the deployed config goes through the config slots first.
        var store = WithCaCertificate();
        var errors = new ArrayList();
        var warnings = new ArrayList();
        var plan = BootCheck.Run(store, "node.id = lp-1\nparking.bays = 3\n", "I:\\cityedge.conf", RepoFiles.Read(BoardProfileTests.DevKitC), null!,
            errors, warnings, out NodeConfig config);

        Assert.IsNotNull(config, "the config itself is valid and was provisioned");
        Assert.IsNotNull(plan);
        Assert.AreEqual("line 2: parking.bays: 3 bays, but the board file has no sensor for bay2 (set bay2.qmc5883l.bus or bay2.hmc5883l.bus)",
            errors.Cast<ConfigError>().Single().ToString());
    }

    private static (HardwarePlan? Plan, List<ConfigError> Errors, List<ConfigError> Warnings) Plan(string boardPath, string configText, MemoryStore? files = null)
    {
        var configErrors = new ArrayList();
        var config = NodeConfig.Parse(configText, configErrors);
        Assert.IsNotNull(config, string.Join("\n", configErrors.Cast<ConfigError>()));
        var errors = new ArrayList();
        var warnings = new ArrayList();
        var plan = HardwarePlan.FromFiles(RepoFiles.Read(boardPath), config, files ?? WithCaCertificate(), errors, warnings);

        // The repository's boards warn of their BOOT button's strapping pin; that is the board's, not the plan's.
        return (plan, errors.Cast<ConfigError>().ToList(), warnings.Cast<ConfigError>().Where(w => w.Key != "setup_button.pin").ToList());
    }

    private static void AssertDevice(PlannedI2cDevice? device, string part, int bus, int address, int sda, int scl, int clockHz)
    {
        Assert.IsNotNull(device, part);
        Assert.AreEqual((part, bus, address, sda, scl, clockHz), (device.Part, device.Bus, device.Address, device.SdaGpio, device.SclGpio, device.ClockHz));
    }

    /// <summary>A node's files with the city's CA deployed, as TLS (the default) needs.</summary>
    private static MemoryStore WithCaCertificate()
    {
        var files = new MemoryStore();
        Put(files, "ca.pem", Pem);
        return files;
    }

    private static void Put(MemoryStore store, string name, string text)
    {
        byte[] data = Encoding.UTF8.GetBytes(text);
        store.WriteAll(name, data, 0, data.Length);
    }
}
