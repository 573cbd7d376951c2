using CityEdge.Host.Simulation;
using CityEdge.Node;

namespace CityEdge.Core.Tests.Node;

[TestClass]
public sealed class SequenceCounterTests
{
    [TestMethod]
    public void CountsFromZeroAndWritesFlashOncePerBlock()
    {
        var store = new MemoryStore();
        var counter = new SequenceCounter(store, "seq.bin");
        for (uint i = 0; i < 100; i++)
        {
            Assert.AreEqual(i, counter.Next());
        }

        // Reserved through 128 after the 65th number: 00 00 00 80.
        CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 128 }, store.ReadAll("seq.bin"));
    }

    [TestMethod]
    public void ARebootResumesAfterTheReservedBlockAndNeverReusesANumber()
    {
        var store = new MemoryStore();
        var before = new SequenceCounter(store, "seq.bin");
        var used = new HashSet<uint>();
        for (int i = 0; i < 70; i++)
        {
            used.Add(before.Next());
        }

        var after = new SequenceCounter(store, "seq.bin");
        Assert.AreEqual(128u, after.FirstOfBoot);
        uint first = after.Next();
        Assert.AreEqual(128u, first);
        Assert.IsFalse(used.Contains(first));
        Assert.IsLessThan(SequenceCounter.BlockSize, (int)(first - 70), "a reboot skips less than one block");
    }
}
