using System.Text.Json;
using CityEdge.Host.Performance;
using CityEdge.Host.Tests.Cli;

namespace CityEdge.Host.Tests.Performance;

/// <summary>
/// A fully fitted node allocates nothing per report cycle once every path has run (nanoFramework's
/// ~100 KB heap pauses the node for every collection). The figure comes from the per-thread
/// allocation counter, read around every scheduled task, so any allocation in a pipeline, the
/// scheduler, the codec, the hand-over of reports and events, the link session, the outbox or the
/// status messages shows up here; only the simulated world's is counted apart.
/// </summary>
[TestClass]
public sealed class NodeAllocationBenchTests
{
    [TestMethod]
    public void EveryPipelineOnASteadyStateCycleAllocatesNothing()
    {
        var f = NodeAllocationBench.Run(TimeSpan.FromHours(2), TimeSpan.FromHours(1));

        Assert.AreEqual(60, f.Cycles);
        string tasks = string.Join(", ", f.Tasks.Select(t => $"{t.Name} {t.NodeBytes} B"));
        Assert.AreEqual(0L, f.NodeBytes, "the whole node: " + tasks + ", between tasks " + f.BetweenTasksBytes);
        foreach (string name in new[] { "climate", "air", "noise", "lighting", "parking", "report", "link" })
        {
            Assert.IsTrue(f.Tasks.Any(t => t.Name == name && t.Runs > 0), name + " did not run: " + tasks);
        }

        // The same counter sees what is not zero: the simulated sensors' physics.
        Assert.IsTrue(f.WorldBytes > 0);
    }

    [TestMethod]
    public async Task TheCommandPrintsBytesPerCycleAsJson()
    {
        var (exit, output, error) = await CliRun.RunAsync("bench", "alloc", "--warmup", "2h", "--duration", "10m", "--format", "json");

        Assert.AreEqual(0, exit, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.AreEqual(0.0, json.GetProperty("bytes_per_cycle").GetDouble());
        Assert.AreEqual(10, json.GetProperty("cycles").GetInt32());
        Assert.IsTrue(json.GetProperty("world_bytes_per_cycle").GetDouble() > 0);
    }
}
