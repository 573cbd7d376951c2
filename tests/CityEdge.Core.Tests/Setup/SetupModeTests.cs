using System.Collections;
using System.Text;
using CityEdge.Board;
using CityEdge.Core.Tests.Board;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Setup;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Setup;

[TestClass]
public sealed class SetupModeTests
{
    private const string Stored = "# lamp post 7\nnode.id = lp-7\nmqtt.host = broker.old.example\nmqtt.password = old-broker-secret\nwifi.ssid = Old <AP>\nwifi.password = old-wifi-secret\n";
    private const string GoodForm = "node_id=lp-7&wifi_ssid=City+IoT&wifi_password=new-wifi-secret&mqtt_host=broker.city.example&mqtt_port=1883&mqtt_topic_root=city%2Fcentre&mqtt_username=lp-7&mqtt_password=";

    private static string Board => RepoFiles.Read(BoardProfileTests.DevKitC);

    [TestMethod]
    public void ANodeWithoutConfigOpensSetupThroughOneRestartAndOnlyThen()
    {
        var store = new MemoryStore();

        Assert.AreEqual(SetupDecision.StartAccessPoint, SetupGate.Decide(store, true, false, false, false, false));
        Assert.IsTrue(store.Exists(SetupGate.PendingFile));
        Assert.AreEqual(SetupDecision.Open, SetupGate.Decide(store, true, false, false, false, true));
        Assert.IsFalse(store.Exists(SetupGate.PendingFile), "the restart consumed the request");
    }

    [TestMethod]
    public void ARunningNodeOpensSetupOnlyWhenTheButtonIsHeldAndNeverInService()
    {
        var store = new MemoryStore();

        Assert.AreEqual(SetupDecision.Service, SetupGate.Decide(store, true, true, false, false, false));
        Assert.IsFalse(store.Exists(SetupGate.PendingFile));

        Assert.AreEqual(SetupDecision.StartAccessPoint, SetupGate.Decide(store, true, true, false, true, false));
        Assert.AreEqual(SetupDecision.Open, SetupGate.Decide(store, true, true, false, false, true), "after the restart the button is no longer held");

        // Power cut during the session: the access point is still enabled, nobody holds the button.
        Assert.AreEqual(SetupDecision.StopAccessPoint, SetupGate.Decide(store, true, true, false, false, true));
        Assert.AreEqual(SetupDecision.Service, SetupGate.Decide(store, true, true, false, false, false));
    }

    [TestMethod]
    public void ARefusedDeployedFileOrABrokenBoardNeverOpensSetup()
    {
        var store = new MemoryStore();

        Assert.AreEqual(SetupDecision.SafeIdle, SetupGate.Decide(store, true, false, true, true, false));
        Assert.AreEqual(SetupDecision.StopAccessPoint, SetupGate.Decide(store, true, false, true, true, true));
        Assert.AreEqual(SetupDecision.SafeIdle, SetupGate.Decide(store, false, false, false, true, false));
        Assert.IsFalse(store.Exists(SetupGate.PendingFile));
    }

    [TestMethod]
    public void OnlyADeployedFileThatWasNeverProvisionedCountsAsRefused()
    {
        var store = new MemoryStore();
        var errors = new ArrayList();
        Assert.IsNull(ConfigBoot.Select(store, "node.id = BAD\n", "I:\\cityedge.conf", null!, errors));
        Assert.IsTrue(SetupGate.DeployedFileRefused(store, "node.id = BAD\n", false));

        Assert.IsNotNull(ConfigBoot.Select(store, "node.id = good\n", "I:\\cityedge.conf", null!, errors));
        Assert.IsFalse(SetupGate.DeployedFileRefused(store, "node.id = good\n", true));

        // Flash damage with the provisioned file still deployed: no config, but setup can help.
        Assert.IsFalse(SetupGate.DeployedFileRefused(store, "node.id = good\n", false));
        Assert.IsFalse(SetupGate.DeployedFileRefused(store, null!, false));
    }

    [TestMethod]
    public void TheAccessPointIsNamedAfterTheNodeOrItsMacAddress()
    {
        Assert.AreEqual("CityEdge-lp-7", SetupGate.AccessPointSsid("lp-7", [0x24, 0x0A, 0xC4, 0x12, 0xA1, 0xB2]));
        Assert.AreEqual("CityEdge-setup-A1B2", SetupGate.AccessPointSsid(null!, [0x24, 0x0A, 0xC4, 0x12, 0xA1, 0xB2]));
        Assert.AreEqual(32, SetupGate.AccessPointSsid(new string('a', 32), null!).Length);
    }

    [TestMethod]
    public void AnAccessPointThatDidNotComeUpDoesNotLoop()
    {
        var store = new MemoryStore();
        SetupGate.Decide(store, true, true, false, true, false);

        Assert.AreEqual(SetupDecision.Service, SetupGate.Decide(store, true, true, false, false, false));
        Assert.IsFalse(store.Exists(SetupGate.PendingFile));
    }

    [TestMethod]
    public void TheButtonMustBeHeldASecondWithinTheWindow()
    {
        Assert.IsTrue(Run(new[] { (0, false), (500, true), (1499, true), (1500, true) }, out bool decidedAt1500) && decidedAt1500);
        Assert.IsFalse(Run(new[] { (0, true), (500, false), (600, true), (1000, false), (3000, false) }, out _), "a bounce or a brush is no hold");
        Assert.IsFalse(Run(new[] { (0, false), (2999, false), (3000, false) }, out bool decided) || !decided);
        Assert.IsTrue(Run(new[] { (2500, true), (3000, true), (3500, true) }, out _), "a press begun inside the window may finish after it");

        static bool Run((int Ms, bool Pressed)[] samples, out bool decided)
        {
            var window = new SetupButtonWindow(0);
            decided = false;
            foreach (var (ms, pressed) in samples)
            {
                decided = window.Sample(ms, pressed);
            }

            return window.Held;
        }
    }

    [TestMethod]
    public void TheLedPatternsAreDistinct()
    {
        bool[] Pattern(int state) => Enumerable.Range(0, 20).Select(i => StatusLedPattern.IsLit(state, false, i * 50L)).ToArray();

        CollectionAssert.AreEqual(new[] { true, true, true, true, true, false, false, false, false, false }, Pattern(StatusLedPattern.ConfigError)[..10]);
        Assert.AreEqual(4, Pattern(StatusLedPattern.SetupOpen).Count(lit => lit), "two 100 ms flashes per second");
        Assert.IsTrue(StatusLedPattern.IsLit(StatusLedPattern.Running, true, 123));
        Assert.IsFalse(StatusLedPattern.IsLit(StatusLedPattern.Running, false, 123));
    }

    [TestMethod]
    public void ThePageShowsTheSettingsButNeverAPassword()
    {
        var (session, _) = Session(Stored);
        var page = session.Handle("GET", "/", null!, 0, 0);

        Assert.AreEqual(200, page.StatusCode);
        StringAssert.Contains(page.Body, "value=\"Old &lt;AP&gt;\"", "stored values are shown, escaped");
        StringAssert.Contains(page.Body, "value=\"broker.old.example\"");
        StringAssert.Contains(page.Body, "placeholder=\"(stored; leave empty to keep)\"");
        Assert.IsFalse(page.Body.Contains("old-wifi-secret") || page.Body.Contains("old-broker-secret"));
        StringAssert.Contains(page.Body, "Setup closes in 10 min 0 s");
    }

    [TestMethod]
    public void AWiredBoardsPageHasNoWifiFields()
    {
        var session = new SetupSession(Stored, RepoFiles.Read(BoardProfileTests.OlimexPoe), true, new MemoryStore(), null!);

        Assert.IsFalse(session.Handle("GET", "/", null!, 0, 0).Body.Contains("wifi_ssid"));
    }

    [TestMethod]
    public void SetupClosesAfterTenMinutes()
    {
        var (session, _) = Session(Stored);

        Assert.IsTrue(session.IsOpen(1000));
        Assert.IsTrue(session.IsOpen(1000 + SetupSession.OpenMs - 1));
        Assert.IsFalse(session.IsOpen(1000 + SetupSession.OpenMs));
        var answer = session.Handle("POST", "/save", Bytes(GoodForm), Bytes(GoodForm).Length, 1000 + SetupSession.OpenMs);
        Assert.AreEqual(410, answer.StatusCode);
        StringAssert.Contains(answer.Body, "Hold the setup button while the node starts to open it again");
    }

    [TestMethod]
    [DataRow("node_id=lp-7&wifi_ssid=%G1", "wifi_ssid: a '%' at character 1 is not followed by two hex digits")]
    [DataRow("node_id=lp-7&wifi_password=abc%0Adef", "wifi_password: control character (e.g. a line break) at character 4")]
    [DataRow("node_id=lp-7&node_id=lp-8", "node_id: sent twice")]
    [DataRow("node_id=lp-7&wifi_ssid=%C3", "wifi_ssid: not UTF-8 text")]
    [DataRow("node_id", "field 1 is not name=value")]
    [DataRow("node_id=lp-7&colour=red", "Unknown field 'colour'.")]
    [DataRow("node_id=lp-7&mqtt_port=abc", "Broker port: 'abc' is not a whole number.")]
    [DataRow("node_id=LP%207", "Node id: character 'L' at position 1 is not one of a-z, 0-9, '-'.")]
    [DataRow("node_id=lp-7&wifi_password=0123456789012345678901234567890123456789012345678901234567890123", "Wi-Fi password: length 64 is outside 0..63 characters.")]
    public void MalformedOrInvalidInputIsRefusedWithAClearMessageAndNothingIsStored(string form, string message)
    {
        var (session, store) = Session(Stored);
        var before = Snapshot(store);
        var answer = session.Handle("POST", "/save", Bytes(form), Bytes(form).Length, 0);

        Assert.AreEqual(400, answer.StatusCode);
        StringAssert.Contains(answer.Body, SetupSession.Escape(message));
        Assert.IsFalse(answer.Body.Contains("012345678901234567890123456789") || answer.Body.Contains("abc%0Adef"), "a password is never echoed");
        Assert.IsTrue(session.IsOpen(1), "a refused form leaves setup open");
        CollectionAssert.AreEqual(before, Snapshot(store));
    }

    [TestMethod]
    public void AnOversizedOrWrongRequestIsRefused()
    {
        var (session, _) = Session(Stored);
        var big = Bytes("node_id=" + new string('a', SetupSession.MaxBodyBytes));

        Assert.AreEqual(413, session.Handle("POST", "/save", big, big.Length, 0).StatusCode);
        Assert.AreEqual(405, session.Handle("GET", "/save", null!, 0, 0).StatusCode);
        Assert.AreEqual(404, session.Handle("GET", "/admin", null!, 0, 0).StatusCode);
        Assert.AreEqual(400, session.Handle("POST", "/save", null!, 0, 0).StatusCode);
    }

    [TestMethod]
    public void AConfigTheNodeWouldRefuseAtBootIsNotStored()
    {
        var (session, store) = Session(Stored + "mqtt.tls = true\n", withCaCertificate: false);
        var answer = session.Handle("POST", "/save", Bytes(GoodForm), Bytes(GoodForm).Length, 0);

        Assert.AreEqual(400, answer.StatusCode);
        StringAssert.Contains(answer.Body, "stored setting mqtt.tls: true, but ca.pem is missing");
        Assert.IsFalse(answer.Body.Contains("new-wifi-secret"));
        Assert.IsNull(store.ReadAll(ConfigSlots.TrialFile));
    }

    [TestMethod]
    public void ASavedFormIsStagedLikeARemoteConfigAndClosesSetup()
    {
        var (session, store) = Session(Stored);
        var answer = session.Handle("POST", "/save", Bytes(GoodForm), Bytes(GoodForm).Length, 0);

        Assert.AreEqual(200, answer.StatusCode, answer.Body);
        Assert.IsFalse(answer.Body.Contains("secret"));
        Assert.IsTrue(session.Saved);
        Assert.IsFalse(session.IsOpen(1));

        string active = Text(store, ConfigSlots.ActiveFile);
        Assert.AreEqual(
            "# lamp post 7\nnode.id = lp-7\nmqtt.host = broker.city.example\nmqtt.password = old-broker-secret\nwifi.ssid = City IoT\nwifi.password = new-wifi-secret\n"
            + "mqtt.port = 1883\nmqtt.topic_root = city/centre\nmqtt.username = lp-7\n",
            active,
            "fields replace their lines in place, new ones go at the end, an empty password keeps the stored one");
        Assert.AreEqual(Stored, Text(store, ConfigSlots.GoodFile), "the previous config is kept for a rollback");

        // The next boot tries the new config; a restart before it proves itself goes back to the old one.
        var errors = new ArrayList();
        Assert.AreEqual("City IoT", ConfigBoot.Select(store, null!, "I:\\cityedge.conf", null!, errors)!.WifiSsid);
        Assert.AreEqual("Old <AP>", ConfigBoot.Select(store, null!, "I:\\cityedge.conf", null!, errors)!.WifiSsid);
    }

    [TestMethod]
    public void APowerCutWhileSavingLeavesThePreviousConfigInForce()
    {
        // Cut the power before each flash operation of the save in turn (the store's writes are atomic, so these
        // are the points a cut can fall between), then boot; if the new config boots, restart it before it
        // proves itself. Every cut must end on the previous config.
        int operations = CountOperations();
        Assert.IsTrue(operations >= 2);
        var stranded = new List<int>();
        for (int cut = 0; cut <= operations; cut++)
        {
            var flash = Deployed(Stored);
            var store = new PowerCutStore(flash, cut);
            var session = new SetupSession(Stored, Board, false, store, null!);
            try
            {
                session.Handle("POST", "/save", Bytes(GoodForm), Bytes(GoodForm).Length, 0);
            }
            catch (PowerCutException)
            {
            }

            var errors = new ArrayList();
            var booted = ConfigBoot.Select(flash, null!, "I:\\cityedge.conf", null!, errors);
            Assert.IsNotNull(booted, $"cut {cut}: the node has no config: " + string.Join("; ", errors.Cast<ConfigError>()));
            if (booted.WifiSsid != "Old <AP>")
            {
                // The new config runs: it must be on trial, so a restart before it proves itself rolls back.
                booted = ConfigBoot.Select(flash, null!, "I:\\cityedge.conf", null!, errors);
            }

            if (booted!.WifiSsid != "Old <AP>")
            {
                stranded.Add(cut);
            }
        }

        Assert.AreEqual(0, stranded.Count, "stranded at cut(s) " + string.Join(", ", stranded));

        int CountOperations()
        {
            var counting = new PowerCutStore(Deployed(Stored));
            new SetupSession(Stored, Board, false, counting, null!).Handle("POST", "/save", Bytes(GoodForm), Bytes(GoodForm).Length, 0);
            return (int)counting.UnitsWritten;
        }
    }

    private static void ConfigSlotsProvision(IPersistentStore store, string text) => new ConfigSlots(store, null!).Provision(text);

    private static (SetupSession Session, MemoryStore Store) Session(string stored, bool withCaCertificate = true)
    {
        var store = Deployed(stored, withCaCertificate);
        return (new SetupSession(stored, Board, false, store, null!), store);
    }

    /// <summary>A node's flash with <paramref name="stored"/> provisioned and, as TLS (the default) needs, the city's CA.</summary>
    private static MemoryStore Deployed(string stored, bool withCaCertificate = true)
    {
        var store = new MemoryStore();
        ConfigSlotsProvision(store, stored);
        if (withCaCertificate)
        {
            byte[] pem = Bytes("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
            store.WriteAll("ca.pem", pem, 0, pem.Length);
        }

        return store;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(MemoryStore store, string name) => Encoding.UTF8.GetString(store.ReadAll(name));

    private static string[] Snapshot(MemoryStore store) =>
        new[] { ConfigSlots.ActiveFile, ConfigSlots.GoodFile, ConfigSlots.TrialFile }.Select(n => store.Exists(n) ? Text(store, n) : "-").ToArray();
}
