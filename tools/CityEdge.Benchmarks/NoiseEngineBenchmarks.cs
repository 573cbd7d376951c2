using BenchmarkDotNet.Attributes;
using CityEdge.Noise;

namespace CityEdge.Benchmarks;

/// <summary>The sound level engine (A-weighting, Fast time weighting, statistics) over one second of
/// street-like audio, fed in 1024-sample blocks as the I2S driver does.</summary>
[MemoryDiagnoser]
public class NoiseEngineBenchmarks
{
    private SoundLevelMeter _meter = null!;
    private LevelStatistics _statistics = null!;
    private int[] _second = [];

    [Params(16000, 48000)]
    public int SampleRateHz { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _meter = new SoundLevelMeter(SampleRateHz, -26f, 0);
        _statistics = new LevelStatistics(0, 150);
        var random = new Random(5);
        _second = new int[SampleRateHz];
        for (int i = 0; i < _second.Length; i++)
        {
            double t = (double)i / SampleRateHz;
            double x = (0.01 * ((random.NextDouble() * 2) - 1)) + (0.005 * Math.Sin(2 * Math.PI * 120 * t)) + (0.003 * Math.Sin(2 * Math.PI * 1500 * t));
            _second[i] = (int)(x * int.MaxValue);
        }

        _meter.Process(_second, 0, _second.Length, _statistics);
    }

    [Benchmark(Description = "one second of audio")]
    public float OneSecondOfAudio()
    {
        for (int offset = 0; offset < _second.Length; offset += 1024)
        {
            _meter.Process(_second, offset, Math.Min(1024, _second.Length - offset), _statistics);
        }

        return _statistics.LaeqDb;
    }
}
