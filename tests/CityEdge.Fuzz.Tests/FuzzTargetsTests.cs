using CityEdge.Fuzz;
using CsCheck;

namespace CityEdge.Fuzz.Tests;

/// <summary>
/// Every registered fuzz target, a few thousand fresh inputs per CI run (random seeds: a failure prints
/// the seed that repeats it, `cityedge-fuzz --target NAME --seed SEED`). The long run is docs/fuzzing.md.
/// </summary>
[TestClass]
public sealed class FuzzTargetsTests
{
    /// <summary>Inputs per target in CI: the whole set takes seconds, the long run takes the millions.</summary>
    private const int CiInputs = 4000;

    public static IEnumerable<object[]> Targets => FuzzTargets.All.Select(t => new object[] { t.Name });

    [TestMethod]
    [DynamicData(nameof(Targets))]
    public void NoOracleFails(string name)
    {
        var output = new StringWriter();
        var result = new FuzzRunner(output, TimeSpan.FromMinutes(5)).Run(FuzzTargets.Find(name)!, CiInputs, null);

        Assert.IsNull(result.Failure, output.ToString());
        Assert.AreEqual(CiInputs, result.Inputs);
    }

    [TestMethod]
    public void EveryTargetHasAUniqueNameAndAnOracle()
    {
        Assert.AreEqual(FuzzTargets.All.Length, FuzzTargets.All.Select(t => t.Name).Distinct().Count());
        Assert.IsTrue(FuzzTargets.All.All(t => t.Oracle.Length > 20));
        CollectionAssert.IsSubsetOf(
            new[] { "telemetry", "event", "command", "ack", "config", "board", "curve", "pms5003", "flash-queue", "wav", "parking-csv" },
            FuzzTargets.All.Select(t => t.Name).ToArray());
    }

    [TestMethod]
    public void AFailingOracleIsReportedWithItsSmallestInputAndSeed()
    {
        var broken = FuzzTarget.Of("broken", "fails above 1000", Gen.Int[0, 100_000], i =>
        {
            if (i > 1000)
            {
                throw new InvalidOperationException("too big: " + i);
            }
        });
        var output = new StringWriter();

        var result = new FuzzRunner(output, TimeSpan.FromMinutes(5)).Run(broken, 10_000, null);

        StringAssert.Contains(result.Failure, "too big");
        StringAssert.Contains(result.Failure, "seed");
        StringAssert.Contains(output.ToString(), "unexpected exceptions 1");
    }
}
