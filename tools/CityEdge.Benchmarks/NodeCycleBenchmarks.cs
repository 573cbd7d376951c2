using BenchmarkDotNet.Attributes;
using CityEdge.Host.Performance;

namespace CityEdge.Benchmarks;

/// <summary>
/// One report cycle (60 s) of a fully fitted node: 1 200 noise, 300 lighting, 60 parking, 60 air and
/// 6 climate runs, 60 link runs and the report, as `cityedge bench alloc` runs it. The simulated
/// street's physics (above all the parking scenario's vehicle dipoles) is part of the figure.
/// </summary>
[MemoryDiagnoser]
public class NodeCycleBenchmarks
{
    private BenchNode _node = null!;

    [GlobalSetup]
    public void Setup()
    {
        _node = BenchNode.Create(NodeAllocationBench.DefaultStartUtc, seed: 1, days: 30);
        _node.Run(TimeSpan.FromHours(2));
    }

    [Benchmark(Description = "one report cycle")]
    public int OneReportCycle() => _node.Run(TimeSpan.FromSeconds(60));
}
