using System.Text;
using CityEdge.Host.Simulation;
using CityEdge.Storage;

namespace CityEdge.Core.Tests.Storage;

/// <summary>
/// The device's store on raw flash files (issue 17, defect 1: the device FileStore's recovery deleted a
/// complete temp file and kept a partly copied target). Power is cut at every byte of every write.
/// </summary>
[TestClass]
public sealed class CrashSafeStoreTests
{
    private static readonly byte[] Old = Encoding.ASCII.GetBytes("node.id = lp-1\nconfig.version = 1\n");
    private static readonly byte[] New = Encoding.ASCII.GetBytes("node.id = lp-1\nconfig.version = 22\nreport.period_s = 30\n");

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void AWriteCutAtAnyByteLeavesTheOldOrTheNewContentNeverAMix(bool fileExisted)
    {
        var before = new SimulatedFlash();
        if (fileExisted)
        {
            new CrashSafeStore(before).WriteAll("config.txt", Old, 0, Old.Length);
        }

        int cuts = 0;
        for (long cut = 0; ; cut++)
        {
            var flash = before.WithCut(cut);
            try
            {
                new CrashSafeStore(flash).WriteAll("config.txt", New, 0, New.Length);
            }
            catch (PowerCutException)
            {
            }

            if (!flash.IsCut)
            {
                break;
            }

            cuts++;
            var survivor = flash.Survivor();
            byte[]? seen = new CrashSafeStore(survivor).ReadAll("config.txt");
            byte[]? expectedOld = fileExisted ? Old : null;
            Assert.IsTrue(Same(seen, expectedOld) || Same(seen, New), $"cut after {cut} units: '{Text(seen)}'");
            CollectionAssert.AreEquivalent(seen == null ? Array.Empty<string>() : new[] { "config.txt" }, survivor.ListNames(),
                $"cut after {cut} units: recovery leaves no staging copy behind");
            Assert.IsTrue(Same(new CrashSafeStore(survivor.Survivor()).ReadAll("config.txt"), seen), "and the next boot sees the same");
        }

        // Staging copy (n + 8-byte footer, created first), the file (created or truncated, n bytes), the delete.
        Assert.AreEqual(1 + New.Length + 8 + 1 + New.Length + 1, cuts);
    }

    [TestMethod]
    public void ACutDuringRecoveryIsRecoveredAgain()
    {
        var flash = new SimulatedFlash();
        new CrashSafeStore(flash).WriteAll("config.txt", Old, 0, Old.Length);
        // Cut just before the staging copy is deleted: it is whole, the file already new.
        var cutLate = flash.WithCut(1 + New.Length + 8 + 1 + New.Length);
        Assert.ThrowsExactly<PowerCutException>(() => new CrashSafeStore(cutLate).WriteAll("config.txt", New, 0, New.Length));

        for (long cut = 0; cut < 1 + New.Length + 1; cut++)
        {
            var recovering = cutLate.WithCut(cut);
            Assert.ThrowsExactly<PowerCutException>(() => new CrashSafeStore(recovering).ReadAll("config.txt"));
            CollectionAssert.AreEqual(New, new CrashSafeStore(recovering.Survivor()).ReadAll("config.txt"), $"recovery cut after {cut} units");
        }
    }

    [TestMethod]
    public void FilesWrittenByOthersAreReadAsTheyAre()
    {
        var flash = new SimulatedFlash();
        byte[] pem = Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\n");
        flash.Write("ca.pem", pem, 0, pem.Length, append: false);

        var store = new CrashSafeStore(flash);

        CollectionAssert.AreEqual(pem, store.ReadAll("ca.pem"));
        Assert.AreEqual(pem.Length, store.GetLength("ca.pem"));
        Assert.IsNull(store.ReadAll("command.key"));
        Assert.IsFalse(store.Exists("command.key"));
    }

    [TestMethod]
    public void AppendReadAtAndDeleteReachTheFiles()
    {
        var store = new CrashSafeStore(new SimulatedFlash());
        store.Append("q0.seg", [1, 2, 3], 0, 3);
        store.Append("q0.seg", [4, 5], 0, 2);
        var buffer = new byte[4];

        Assert.AreEqual(3, store.ReadAt("q0.seg", 2, buffer, 0, 4));
        CollectionAssert.AreEqual(new byte[] { 3, 4, 5, 0 }, buffer);
        store.Delete("q0.seg");
        Assert.IsFalse(store.Exists("q0.seg"));
        Assert.AreEqual(0, store.ReadAt("q0.seg", 0, buffer, 0, 4));
    }

    private static bool Same(byte[]? a, byte[]? b) => a == null ? b == null : b != null && a.SequenceEqual(b);

    private static string Text(byte[]? data) => data == null ? "(none)" : Encoding.ASCII.GetString(data);
}
