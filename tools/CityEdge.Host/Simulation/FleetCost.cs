namespace CityEdge.Host.Simulation;

/// <summary>What a paced fleet run cost the simulator's process: CPU (every thread, the embedded
/// broker and the receiver included when they run inside it) and memory the nodes took.</summary>
/// <param name="CpuSeconds">Processor time spent while the fleet ran (start-up not included).</param>
/// <param name="NodeHours">Nodes × simulated hours run.</param>
/// <param name="MemoryBytes">Working set the started fleet added.</param>
public sealed record FleetCost(int Nodes, double CpuSeconds, double NodeHours, long MemoryBytes)
{
    public double CpuSecondsPerNodeHour => NodeHours > 0 ? CpuSeconds / NodeHours : 0;

    public double MemoryBytesPerNode => (double)MemoryBytes / Nodes;
}
