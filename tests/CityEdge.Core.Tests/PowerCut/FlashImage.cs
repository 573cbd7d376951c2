using CityEdge.Hal;
using CityEdge.Host.Simulation;
using CityEdge.Storage;

namespace CityEdge.Core.Tests.PowerCut;

/// <summary>
/// The node's flash at one moment, seen through a store whose power is cut after a number of write
/// units. Two models: the store's contract (atomic WriteAll and Delete, Append torn at any byte), and
/// the device's raw file system under <see cref="CrashSafeStore"/> (any write torn at any byte).
/// </summary>
internal abstract class FlashImage
{
    public abstract string Model { get; }

    public abstract IPersistentStore Store { get; }

    public abstract bool IsCut { get; }

    /// <summary>The same contents, cut after <paramref name="units"/> more write units (negative: never).</summary>
    public abstract FlashImage Copy(long units);

    /// <summary>What the next boot finds.</summary>
    public FlashImage Survivor() => Copy(-1);

    public static FlashImage StoreContract() => new ContractImage(new MemoryStore(), -1);

    public static FlashImage RawFiles() => new RawFileImage(new SimulatedFlash());

    public override string ToString() => Model;

    private sealed class ContractImage(MemoryStore flash, long units) : FlashImage
    {
        private readonly PowerCutStore _store = new(flash, units);

        public override string Model => "store contract (atomic WriteAll, torn Append)";

        public override IPersistentStore Store => _store;

        public override bool IsCut => _store.IsCut;

        public override FlashImage Copy(long units) => new ContractImage(flash.Clone(), units);
    }

    private sealed class RawFileImage(SimulatedFlash flash) : FlashImage
    {
        private readonly CrashSafeStore _store = new(flash);

        public override string Model => "raw files under CrashSafeStore (every byte)";

        public override IPersistentStore Store => _store;

        public override bool IsCut => flash.IsCut;

        public override FlashImage Copy(long units) => new RawFileImage(flash.WithCut(units));
    }
}
