using CsCheck;

namespace CityEdge.Fuzz;

/// <summary>
/// One parser of outside input under fuzzing: how its inputs are made and what must hold for each
/// (the oracle). A check throws when the oracle fails: an exception the parser does not document, a
/// re-encoding that differs from its input, a NaN, unbounded work.
/// </summary>
public abstract class FuzzTarget
{
    protected FuzzTarget(string name, string oracle)
    {
        Name = name;
        Oracle = oracle;
    }

    /// <summary>Short name for the command line and the report (e.g. "telemetry").</summary>
    public string Name { get; }

    /// <summary>One line on what is checked, for the report.</summary>
    public string Oracle { get; }

    /// <summary>A check over the inputs of <paramref name="gen"/>; registers in one line.</summary>
    public static FuzzTarget Of<T>(string name, string oracle, Gen<T> gen, Action<T> check) => new Typed<T>(name, oracle, gen, check);

    /// <summary>
    /// Runs <paramref name="inputs"/> inputs on this thread. <paramref name="watch"/> sees each input
    /// before it is checked (for counting and hang reports). On the first failure CsCheck shrinks it and
    /// throws <see cref="CsCheckException"/> naming the smallest failing input and the seed that repeats it.
    /// </summary>
    public abstract void Run(long inputs, string? seed, FuzzWatch watch);

    public override string ToString() => Name;

    private sealed class Typed<T>(string name, string oracle, Gen<T> gen, Action<T> check) : FuzzTarget(name, oracle)
    {
        public override void Run(long inputs, string? seed, FuzzWatch watch) =>
            gen.Sample(input =>
            {
                watch.Begin(input!);
                check(input);
            }, seed: seed, iter: inputs, threads: 1);
    }
}
