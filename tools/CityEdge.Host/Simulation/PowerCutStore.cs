using CityEdge.Hal;

namespace CityEdge.Host.Simulation;

/// <summary>
/// The node's flash as the core sees it (the <see cref="IPersistentStore"/> contract) with a power cut
/// after a chosen number of write units: WriteAll and Delete are one unit each (atomic by contract),
/// Append is one unit per byte, so a cut inside it leaves a torn record. From the cut on every call
/// throws <see cref="PowerCutException"/>: the node is dead, and a test boots a new one on
/// <see cref="Flash"/>. <see cref="MaxOperations"/> bounds all calls, reads included, so a test can
/// tell bounded work from a hang without a clock.
/// </summary>
public sealed class PowerCutStore : IPersistentStore
{
    /// <param name="flash">What survives the cut.</param>
    /// <param name="cutAfterUnits">Write units that reach flash before the cut; negative: no cut.</param>
    /// <param name="maxOperations">Calls allowed before the store refuses; negative: no limit.</param>
    public PowerCutStore(MemoryStore flash, long cutAfterUnits = -1, long maxOperations = -1)
    {
        Flash = flash;
        CutAfterUnits = cutAfterUnits;
        MaxOperations = maxOperations;
    }

    public MemoryStore Flash { get; }

    public long CutAfterUnits { get; }

    public long MaxOperations { get; }

    /// <summary>Write units that reached flash.</summary>
    public long UnitsWritten { get; private set; }

    public long Operations { get; private set; }

    /// <summary>True once the power is gone.</summary>
    public bool IsCut { get; private set; }

    public bool Exists(string name)
    {
        Enter();
        return Flash.Exists(name);
    }

    public byte[] ReadAll(string name)
    {
        Enter();
        return Flash.ReadAll(name);
    }

    public void WriteAll(string name, byte[] data, int offset, int count)
    {
        Enter();
        Unit();
        Flash.WriteAll(name, data, offset, count);
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        Enter();
        for (int i = 0; i < count; i++)
        {
            if (!HasPower())
            {
                Flash.Append(name, data, offset, i);
                throw Cut();
            }

            UnitsWritten++;
        }

        Flash.Append(name, data, offset, count);
    }

    public long GetLength(string name)
    {
        Enter();
        return Flash.GetLength(name);
    }

    public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
    {
        Enter();
        return Flash.ReadAt(name, position, buffer, offset, count);
    }

    public void Delete(string name)
    {
        Enter();
        Unit();
        Flash.Delete(name);
    }

    private void Enter()
    {
        if (IsCut)
        {
            throw new PowerCutException();
        }

        Operations++;
        if (MaxOperations >= 0 && Operations > MaxOperations)
        {
            throw new InvalidOperationException($"more than {MaxOperations} store operations: the work is not bounded");
        }
    }

    private void Unit()
    {
        if (!HasPower())
        {
            throw Cut();
        }

        UnitsWritten++;
    }

    private bool HasPower() => CutAfterUnits < 0 || UnitsWritten < CutAfterUnits;

    private PowerCutException Cut()
    {
        IsCut = true;
        return new PowerCutException();
    }
}

/// <summary>The simulated power went off: nothing after this reaches flash.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException()
        : base("power cut")
    {
    }
}
