using BenchmarkDotNet.Attributes;
using CityEdge.Host.Performance;
using CityEdge.Telemetry;

namespace CityEdge.Benchmarks;

/// <summary>Telemetry frame v1: encoding a fully fitted node's report (the node's cost per report) and
/// decoding it strictly (the command centre's cost per report).</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly TelemetryReport _report = PayloadBench.FullyFittedReport();
    private readonly TelemetryReport _decoded = new();
    private readonly byte[] _buffer = new byte[TelemetryFrame.MaxLength];
    private byte[] _frame = [];

    [GlobalSetup]
    public void Setup()
    {
        _frame = new byte[TelemetryCodec.Encode(_report, _buffer, 0)];
        Array.Copy(_buffer, _frame, _frame.Length);
    }

    [Benchmark]
    public int Encode() => TelemetryCodec.Encode(_report, _buffer, 0);

    [Benchmark]
    public int Decode()
    {
        TelemetryCodec.Decode(_frame, 0, _frame.Length, _decoded);
        return _decoded.Sequence;
    }
}
