using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Host.Performance;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge bench alloc`: managed bytes one fully fitted node allocates per steady-state report
/// cycle — the whole node, link session and status included — with the simulated world counted apart
/// (<see cref="NodeAllocationBench"/>). The target is 0: a nanoFramework heap is ~100 KB and its
/// collections pause the node.
/// </summary>
internal static class BenchAllocCommand
{
    public static Command Create(CliConsole console)
    {
        var warmup = CommonOptions.Duration("--warmup", "Simulated time run before measuring: long enough for every path to have run once (the AQI needs two clock hours of data)", TimeSpan.FromHours(2));
        var duration = CommonOptions.Duration("--duration", "Simulated time measured", TimeSpan.FromHours(1));
        var seed = CommonOptions.Integer("--seed", "Seed of the simulated street.", 1, 0, int.MaxValue);
        var format = CommonOptions.Format();
        var command = new Command("alloc", "Managed bytes a fully fitted node (link session and status included) allocates per steady-state report cycle (target 0).")
        {
            warmup, duration, seed, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(warmup), parse.GetValue(duration), parse.GetValue(seed), parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, TimeSpan warmup, TimeSpan duration, int seed, bool json)
    {
        AllocationFigures f;
        try
        {
            f = NodeAllocationBench.Run(warmup, duration, seed);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            console.Error.WriteLine("error: --duration: " + ex.Message.Split(" (Parameter")[0]);
            return ExitCodes.InvalidInput;
        }

        var ci = CultureInfo.InvariantCulture;
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                kind = "alloc",
                bytes_per_cycle = Math.Round(f.BytesPerCycle, 1),
                world_bytes_per_cycle = Math.Round(f.WorldBytesPerCycle, 1),
                cycles = f.Cycles,
                cycle_s = 60,
                warmup_s = warmup.TotalSeconds,
                duration_s = duration.TotalSeconds,
                seed,
                runtime = ".NET " + Environment.Version,
                tasks = f.Tasks.Select(t => new
                {
                    name = t.Name,
                    runs = t.Runs,
                    bytes_per_cycle = Math.Round((double)t.NodeBytes / f.Cycles, 1),
                    world_bytes_per_cycle = Math.Round((double)t.WorldBytes / f.Cycles, 1),
                }),
            }));
            return ExitCodes.Ok;
        }

        var table = new Table { Title = new TableTitle(string.Create(ci, $"Managed allocation per report cycle (60 s), {f.Cycles} cycles after {warmup.TotalHours:0.##} h warm-up, .NET {Environment.Version}")) }
            .AddColumn("Task").AddColumn(new TableColumn("Runs").RightAligned()).AddColumn(new TableColumn("Node B/cycle").RightAligned())
            .AddColumn(new TableColumn("Simulated world B/cycle").RightAligned());
        foreach (var t in f.Tasks)
        {
            table.AddRow(t.Name, t.Runs.ToString(ci), Per(t.NodeBytes, f), Per(t.WorldBytes, f));
        }

        table.AddRow("(scheduler, between tasks)", "", Per(f.BetweenTasksBytes, f), "");
        console.Ui.Write(table);
        console.Out.WriteLine(string.Create(ci, $"bytes_per_cycle (the whole node: pipelines, scheduler, codec, link session, outbox, status): {f.BytesPerCycle:0.#}"));
        return ExitCodes.Ok;
    }

    private static string Per(long bytes, AllocationFigures f) => ((double)bytes / f.Cycles).ToString("0.#", CultureInfo.InvariantCulture);
}
