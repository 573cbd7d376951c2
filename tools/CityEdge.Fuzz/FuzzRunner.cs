using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace CityEdge.Fuzz;

/// <summary>The outcome of one target's run.</summary>
public sealed record FuzzResult(string Target, long Inputs, TimeSpan Elapsed, string? Failure)
{
    public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// Runs targets one after another on one thread, with a watchdog that ends the process when one input
/// runs longer than the hang limit (printing that input): a hang must never pass as a slow run.
/// </summary>
public sealed class FuzzRunner(TextWriter output, TimeSpan hangLimit)
{
    /// <summary>Exit code when an input hung.</summary>
    public const int HangExitCode = 3;

    public FuzzResult Run(FuzzTarget target, long inputs, string? seed)
    {
        var watch = new FuzzWatch();
        using var done = new CancellationTokenSource();
        var watchdog = new Thread(() => Watch(target, watch, done.Token)) { IsBackground = true, Name = "fuzz watchdog" };
        watchdog.Start();
        var clock = Stopwatch.StartNew();
        string? failure = null;
        try
        {
            target.Run(inputs, seed, watch);
        }
        catch (CsCheckException ex)
        {
            // CsCheck's message names the seed and the smallest failing input; the inner exception says what failed.
            failure = ex.Message + (ex.InnerException == null ? "" : "\n" + ex.InnerException.GetType().Name + ": " + ex.InnerException.Message);
        }
        finally
        {
            done.Cancel();
        }

        var result = new FuzzResult(target.Name, watch.Count, clock.Elapsed, failure);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target.Name,-12} {result.Inputs,14:N0} inputs {result.Elapsed.TotalSeconds,8:F1} s {result.InputsPerSecond,10:N0}/s  unexpected exceptions {(failure == null ? 0 : 1)}  hangs 0"));
        if (failure != null)
        {
            output.WriteLine("  " + failure.Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        return result;
    }

    private void Watch(FuzzTarget target, FuzzWatch watch, CancellationToken done)
    {
        long seen = -1;
        var still = Stopwatch.StartNew();
        while (!done.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        {
            long count = watch.Count;
            if (count != seen)
            {
                seen = count;
                still.Restart();
                continue;
            }

            if (still.Elapsed >= hangLimit)
            {
                output.WriteLine($"{target.Name}: HANG: input {count:N0} has run for {still.Elapsed.TotalSeconds:F0} s (limit {hangLimit.TotalSeconds:F0} s): {watch.Current}");
                output.Flush();
                Environment.Exit(HangExitCode);
            }
        }
    }
}
