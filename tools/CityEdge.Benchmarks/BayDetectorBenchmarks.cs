using BenchmarkDotNet.Attributes;
using CityEdge.Host.Simulation;
using CityEdge.Parking;

namespace CityEdge.Benchmarks;

/// <summary>The bay detector per magnetometer sample, over a day of one bay of the evaluation
/// generator (arrivals, departures, neighbours, buses, drift, noise, dropouts; 1 sample/s).</summary>
[MemoryDiagnoser]
public class BayDetectorBenchmarks
{
    private const int SamplesPerInvoke = 3600;
    private float[] _x = [], _y = [], _z = [];
    private bool[] _valid = [];
    private BayDetector _detector = null!;
    private int _next;
    private long _nowMs;

    [GlobalSetup]
    public void Setup()
    {
        var rows = ParkingScenario.Generate(new ParkingScenarioOptions { Bays = 2, Days = 1, Seed = 1 }).Samples().Where(r => r.Bay == 0).ToList();
        _x = rows.Select(r => (float)r.XUt).ToArray();
        _y = rows.Select(r => (float)r.YUt).ToArray();
        _z = rows.Select(r => (float)r.ZUt).ToArray();
        _valid = rows.Select(r => r.Valid).ToArray();
        _detector = new BayDetector(new BayDetectorSettings());
    }

    /// <summary>An hour of samples; the figure is per sample.</summary>
    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public bool PerSample()
    {
        bool changed = false;
        for (int i = 0; i < SamplesPerInvoke; i++)
        {
            _nowMs += 1000;
            changed |= _valid[_next]
                ? _detector.Update(_nowMs, _x[_next], _y[_next], _z[_next])
                : _detector.Fail(_nowMs, CityEdge.Health.FaultReason.NotResponding);
            _next = (_next + 1) % _x.Length;
        }

        return changed;
    }
}
