using System.CommandLine;
using System.Globalization;
using CityEdge.Fuzz;

// The long fuzz run (docs/fuzzing.md): every target, one after another, on one thread.
var inputs = new Option<long>("--inputs") { Description = "Inputs per target.", DefaultValueFactory = _ => 10_000_000 };
var targets = new Option<string[]>("--target") { Description = "Only these targets (repeatable); default: all. --list names them.", AllowMultipleArgumentsPerToken = true };
var seed = new Option<string?>("--seed") { Description = "CsCheck seed to repeat a run (printed with every failure)." };
var hang = new Option<int>("--hang-seconds") { Description = "One input running this long is a hang: the run stops with exit code 3.", DefaultValueFactory = _ => 30 };
var list = new Option<bool>("--list") { Description = "List the targets and their oracles." };
var root = new RootCommand("Fuzz every CityEdge parser of outside input with CsCheck; exit code 0 when no oracle failed.") { inputs, targets, seed, hang, list };
root.SetAction(parse =>
{
    if (parse.GetValue(list))
    {
        foreach (var target in FuzzTargets.All)
        {
            Console.WriteLine($"{target.Name,-12} {target.Oracle}");
        }

        return 0;
    }

    string[] names = parse.GetValue(targets) ?? [];
    var chosen = names.Length == 0 ? FuzzTargets.All : names.Select(n => FuzzTargets.Find(n)).ToArray();
    if (chosen.Any(t => t == null))
    {
        Console.Error.WriteLine("unknown target; known: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
        return 2;
    }

    var runner = new FuzzRunner(Console.Out, TimeSpan.FromSeconds(parse.GetValue(hang)));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cityedge-fuzz: {parse.GetValue(inputs):N0} inputs per target, 1 thread, {Environment.ProcessorCount} processor(s), {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
    var started = DateTime.UtcNow;
    var results = chosen.Select(t => runner.Run(t!, parse.GetValue(inputs), parse.GetValue(seed))).ToList();
    int failed = results.Count(r => r.Failure != null);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{results.Count} target(s), {results.Sum(r => r.Inputs):N0} inputs in {(DateTime.UtcNow - started).TotalMinutes:F1} min: {failed} with an unexpected exception or failed oracle, 0 hangs"));
    return failed == 0 ? 0 : 1;
});

return root.Parse(args).Invoke();
