using BenchmarkDotNet.Running;

namespace CityEdge.Benchmarks;

/// <summary>`dotnet run -c Release --project tools/CityEdge.Benchmarks -- --filter '*'` (docs/performance.md).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
