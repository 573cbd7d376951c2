using CityEdge.Core.Tests.PowerCut;
using CityEdge.Host.Simulation;
using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Parking;

/// <summary>The bays' baselines and states in flash: a record that round-trips, two slots so that a power cut at
/// any byte never costs the previous good record, and loads that refuse a torn or implausible one.</summary>
[TestClass]
public sealed class BayStateStoreTests
{
    private const int Bays = 3;

    /// <summary>Feeds <paramref name="seconds"/> readings of the given fields (x, y, z per bay) into the row.</summary>
    private static long Feed(BayRow row, long nowMs, int seconds, float[][] fields)
    {
        for (int s = 0; s < seconds; s++)
        {
            nowMs += 1000;
            float wobble = s % 2 == 0 ? 0.1f : -0.1f;
            for (int bay = 0; bay < fields.Length; bay++)
            {
                row.Update(bay, nowMs, fields[bay][0] + wobble, fields[bay][1] - wobble, fields[bay][2]);
            }
        }

        return nowMs;
    }

    private static float[][] EmptyFields() => [[12f, 18f, -44f], [-5f, 21f, -40f], [3f, -16f, -47f]];

    /// <summary>A row after start-up: every bay learned; bay 1 then holds a car.</summary>
    private static BayRow RowWithACarInBay1(out float[][] fields, out long nowMs)
    {
        var row = new BayRow(Bays, new BayDetectorSettings());
        fields = EmptyFields();
        nowMs = Feed(row, 0, 30, fields);
        fields[1][2] -= 25f;
        nowMs = Feed(row, nowMs, 30, fields);
        Assert.AreEqual(ParkingBayState.Occupied, row.GetDetector(1).State);
        return row;
    }

    private static BaySnapshot[] Snapshots(BayRow row)
    {
        var snapshots = new BaySnapshot[row.BayCount];
        for (int bay = 0; bay < row.BayCount; bay++)
        {
            snapshots[bay] = new BaySnapshot();
            row.GetDetector(bay).TakeSnapshot(snapshots[bay]);
        }

        return snapshots;
    }

    private static void AssertSame(BaySnapshot[] expected, BaySnapshot[] actual, string because)
    {
        for (int bay = 0; bay < expected.Length; bay++)
        {
            Assert.AreEqual(expected[bay].HasBaseline, actual[bay].HasBaseline, $"{because}: bay {bay} baseline kept");
            Assert.AreEqual(expected[bay].Occupied, actual[bay].Occupied, $"{because}: bay {bay} occupied");
            foreach (var (e, a) in new[] { (expected[bay].Baseline, actual[bay].Baseline), (expected[bay].OccupiedLevel, actual[bay].OccupiedLevel), (expected[bay].EmptyBefore, actual[bay].EmptyBefore) })
            {
                Assert.IsTrue(e.IsNear(a, 0.002f), $"{because}: bay {bay} ({a.X}, {a.Y}, {a.Z}) != ({e.X}, {e.Y}, {e.Z})");
            }

            Assert.AreEqual(expected[bay].LaneEnvelopeUt, actual[bay].LaneEnvelopeUt, 0.001f);
            Assert.AreEqual(expected[bay].LanePulsesPerHour, actual[bay].LanePulsesPerHour, 0.001f);
            Assert.AreEqual(expected[bay].LaneBusyUt, actual[bay].LaneBusyUt, 0.001f);
        }
    }

    /// <summary>What a node rebooting on <paramref name="store"/> restores (fresh detectors, as after a reboot).</summary>
    private static BaySnapshot[] AfterReboot(Hal.IPersistentStore store, out bool restored)
    {
        var row = new BayRow(Bays, new BayDetectorSettings());
        restored = new BayStateStore(store, Bays, null).Restore(row);
        return Snapshots(row);
    }

    [TestMethod]
    public void EveryBaysSnapshotSurvivesAReboot()
    {
        var row = RowWithACarInBay1(out _, out long now);
        row.GetDetector(2).Lane.EnvelopeUt = 4.25f;
        row.GetDetector(2).Lane.PulsesPerHour = 31.5f;
        row.GetDetector(2).Lane.BusyUt = 1.125f;
        var store = new MemoryStore();
        var states = new BayStateStore(store, Bays, null);
        states.Save(now, row);

        Assert.AreEqual(BayStateStore.RecordSize(Bays), store.GetLength(BayStateStore.SlotA), "8 + 3 x 49 + 4 bytes");
        var restored = AfterReboot(store, out bool found);
        Assert.IsTrue(found);
        AssertSame(Snapshots(row), restored, "restored");
        Assert.IsTrue(restored[1].Occupied && !restored[0].Occupied);
    }

    [TestMethod]
    public void SavesAlternateBetweenTheSlotsAndTheNewestGoodOneWins()
    {
        var row = RowWithACarInBay1(out var fields, out long now);
        var store = new MemoryStore();
        var states = new BayStateStore(store, Bays, null);
        states.Save(now, row);
        byte[] first = store.ReadAll(BayStateStore.SlotA);
        fields[1][2] += 25f; // the car leaves
        now = Feed(row, now, 10, fields);
        states.Save(now, row);

        CollectionAssert.AreEqual(first, store.ReadAll(BayStateStore.SlotA), "the older record was not touched");
        Assert.IsFalse(AfterReboot(store, out _)[1].Occupied, "slot B is newer");

        fields[0][0] += 30f; // a car arrives in bay 0
        now = Feed(row, now, 10, fields);
        states.Save(now, row);
        Assert.IsTrue(AfterReboot(store, out _)[0].Occupied, "slot A again, newest");
    }

    [TestMethod]
    [DataRow("contract")]
    [DataRow("crash-safe files")]
    [DataRow("bare files")]
    public void APowerCutAtAnyWriteUnitOfASaveLeavesThePreviousGoodRecordOrTheNewOne(string model)
    {
        // Three saves: S1 (slot A), S2 (slot B), S3 (slot A again, over S1). Each is cut at every write unit:
        // of the store's contract (atomic WriteAll), of the device's files under CrashSafeStore (every byte),
        // and of bare files with no crash-safe layer at all (a WriteAll truncates, then writes byte by byte).
        var row = RowWithACarInBay1(out var fields, out long now);
        var snapshots = new List<BaySnapshot[]> { Snapshots(row) };
        fields[1][2] += 25f;
        now = Feed(row, now, 10, fields);
        snapshots.Add(Snapshots(row));
        fields[0][0] += 30f;
        now = Feed(row, now, 10, fields);
        snapshots.Add(Snapshots(row));

        var flash = model == "contract" ? FlashImage.StoreContract() : model == "bare files" ? BareFiles.Image() : FlashImage.RawFiles();
        for (int save = 0; save < 3; save++)
        {
            var saving = Replay(snapshots[save]);
            int cuts = PowerCutSweep.Run(flash, image => Saver(image.Store).Save(now, saving), (survivor, cut) =>
            {
                var restored = AfterReboot(survivor.Store, out bool found);
                string because = $"{flash}, save {save + 1} cut after {cut} units";
                if (save == 0)
                {
                    Assert.IsTrue(!found || restored[0].HasBaseline, because + ": nothing saved yet, nothing torn taken");
                }
                else
                {
                    Assert.IsTrue(found, because + ": the previous good record is never lost");
                    AssertSame(restored[1].Occupied == snapshots[save][1].Occupied && restored[0].Occupied == snapshots[save][0].Occupied ? snapshots[save] : snapshots[save - 1], restored, because);
                }
            });

            Assert.IsTrue(model == "contract" ? cuts == 1 : cuts > BayStateStore.RecordSize(Bays), $"{flash}: {cuts} cut points in save {save + 1}");
            Saver(flash.Store).Save(now, saving);
            AssertSame(snapshots[save], AfterReboot(flash.Store, out _), $"{flash}: save {save + 1} uncut");
        }
    }

    /// <summary>A store that has found the newest record on <paramref name="store"/>, as after a boot.</summary>
    private static BayStateStore Saver(Hal.IPersistentStore store)
    {
        var saver = new BayStateStore(store, Bays, null);
        saver.Restore(new BayRow(Bays, new BayDetectorSettings()));
        return saver;
    }

    /// <summary>The device's raw files with no crash-safe layer: WriteAll truncates and writes in place, so a
    /// cut leaves an empty file or any prefix of the new record (the worst a file system could do).</summary>
    private sealed class BareFiles(SimulatedFlash flash) : FlashImage, Hal.IPersistentStore
    {
        public static FlashImage Image() => new BareFiles(new SimulatedFlash());

        public override string Model => "bare files, no crash-safe layer (every byte)";

        public override Hal.IPersistentStore Store => this;

        public override bool IsCut => flash.IsCut;

        public override FlashImage Copy(long units) => new BareFiles(flash.WithCut(units));

        public bool Exists(string name) => flash.Exists(name);

        public byte[] ReadAll(string name)
        {
            if (!flash.Exists(name))
            {
                return null!;
            }

            var data = new byte[flash.GetLength(name)];
            flash.ReadAt(name, 0, data, 0, data.Length);
            return data;
        }

        public void WriteAll(string name, byte[] data, int offset, int count) => flash.Write(name, data, offset, count, append: false);

        public void Append(string name, byte[] data, int offset, int count) => flash.Write(name, data, offset, count, append: true);

        public long GetLength(string name) => flash.GetLength(name);

        public int ReadAt(string name, long position, byte[] buffer, int offset, int count) => flash.ReadAt(name, position, buffer, offset, count);

        public void Delete(string name) => flash.Delete(name);
    }

    /// <summary>A row whose detectors hold the given snapshots (what a node saving them would hold).</summary>
    private static BayRow Replay(BaySnapshot[] snapshots)
    {
        var row = new BayRow(snapshots.Length, new BayDetectorSettings());
        for (int bay = 0; bay < snapshots.Length; bay++)
        {
            row.GetDetector(bay).Restore(snapshots[bay]);
        }

        return row;
    }

    [TestMethod]
    public void ATornDecayedOrImplausibleRecordIsRefusedNamingWhyAndTheOtherSlotIsUsed()
    {
        var row = RowWithACarInBay1(out var fields, out long now);
        var store = new MemoryStore();
        var states = new BayStateStore(store, Bays, null);
        states.Save(now, row);
        var older = Snapshots(row);
        fields[1][2] += 25f;
        now = Feed(row, now, 10, fields);
        states.Save(now, row);
        byte[] good = store.ReadAll(BayStateStore.SlotB);

        byte[] decayed = (byte[])good.Clone();
        decayed[30] ^= 0x10;
        StringAssert.Contains(BayStateStore.Check(decayed, Bays), "CRC mismatch at byte 155");
        StringAssert.Contains(BayStateStore.Check(good[..^1], Bays), "length 158, expected 159");
        StringAssert.Contains(BayStateStore.Check(good, 4), "saved for 3 bays (byte 3), this node has 4");
        byte[] version = (byte[])good.Clone();
        version[2] = 9;
        StringAssert.Contains(BayStateStore.Check(version, Bays), "version 9 at byte 2");

        // A record with a good CRC but a zero baseline for bay 2 (bytes 106..154): written by something broken.
        byte[] implausible = (byte[])good.Clone();
        Array.Clear(implausible, 8 + (2 * 49) + 1, 12);
        uint crc = CityEdge.Link.Crc32.Compute(implausible, 0, 155);
        implausible[155] = (byte)(crc >> 24);
        implausible[156] = (byte)(crc >> 16);
        implausible[157] = (byte)(crc >> 8);
        implausible[158] = (byte)crc;
        Assert.AreEqual("bay 2: implausible field at bytes 106..154", BayStateStore.Check(implausible, Bays));

        store.WriteAll(BayStateStore.SlotB, implausible, 0, implausible.Length);
        var log = new CollectingLogSink("kerb-1", () => DateTime.UnixEpoch);
        var rebooted = new BayRow(Bays, new BayDetectorSettings());
        Assert.IsTrue(new BayStateStore(store, Bays, log).Restore(rebooted));
        AssertSame(older, Snapshots(rebooted), "the older good record in slot A");
        Assert.IsTrue(log.Lines.Any(l => l.Contains("parking-b.bin ignored: bay 2: implausible")), string.Join("\n", log.Lines));
    }

    [TestMethod]
    public void SavesComeWithChangesAtMostOnceInTenMinutesAndANewBaselineAtOnce()
    {
        var sensors = new[] { new ScriptedMagnetometer(), new ScriptedMagnetometer { XUt = -8f } };
        var store = new MemoryStore();
        var pipeline = new ParkingPipeline(sensors, 2, new BayDetectorSettings(), new RecordingEventSink(), null, store);
        long now = 0;
        void RunFor(int seconds)
        {
            for (int i = 0; i < seconds; i++)
            {
                pipeline.Run(now += 1000);
            }
        }

        RunFor(30);
        Assert.AreEqual(1, pipeline.States!.SaveCount, "the learned baselines, at once");
        RunFor(5 * 3600);
        Assert.AreEqual(1, pipeline.States.SaveCount, "nothing changed, nothing written");

        // A car comes and goes every 4 minutes for a day: a change in every 10-minute window.
        for (int visit = 0; visit < 360; visit++)
        {
            sensors[visit % 2].ZUt -= 30f;
            RunFor(120);
            sensors[visit % 2].ZUt += 30f;
            RunFor(120);
        }

        int perDay = pipeline.States.SaveCount - 1;
        Assert.IsTrue(perDay is >= 140 and <= 145, $"{perDay} writes in a day of constant changes (at most one per 10 min)");

        // Recalibrating: the bay without a baseline is saved (a reboot meanwhile relearns it), then the new one at once.
        pipeline.Recalibrate(0, now);
        RunFor(15);
        Assert.AreEqual(perDay + 3, pipeline.States.SaveCount);
    }
}
