using System.CommandLine;
using DemandMobility.Cli.Solve;
using DemandMobility.Optimization.Instances;

namespace DemandMobility.Cli;

/// <summary>Verbs of the route optimiser: <c>solve darp|pdptw</c>, <c>bench darp|pdptw</c>.</summary>
internal static class SolveCommands
{
    public static IEnumerable<Command> Create() => [CreateSolve(), CreateBench()];

    private static Command CreateSolve()
    {
        var solve = new Command("solve", "Solve one benchmark instance, validate the result and print cost, vehicles, validity and time");
        solve.Subcommands.Add(SolveFor(BenchmarkFamily.Darp, "darp", "Cordeau DARP instance (classes a/b)"));
        solve.Subcommands.Add(SolveFor(BenchmarkFamily.LiLim, "pdptw", "Li & Lim PDPTW instance"));
        return solve;
    }

    private static Command CreateBench()
    {
        var bench = new Command("bench", "Solve every instance of a benchmark folder and compare with the best-known solutions");
        bench.Subcommands.Add(BenchFor(BenchmarkFamily.Darp, "darp", "folder of Cordeau DARP instances (BKS default: DIR/bks.csv, else DIR/../bks.csv)"));
        bench.Subcommands.Add(BenchFor(BenchmarkFamily.LiLim, "pdptw", "folder of Li & Lim instances (BKS default: DIR/bks.csv, else DIR/../bks.csv)"));
        return bench;
    }

    private static Command SolveFor(BenchmarkFamily family, string name, string description)
    {
        var file = new Argument<string>("FILE") { Description = "instance file" };
        var time = TimeOption();
        var seed = SeedOption();
        var output = new Option<string?>("--out") { Description = "write the solution as JSON (file node ids) to this path" };
        var workers = WorkersOption();
        var solver = BackendOption();
        var command = new Command(name, description) { file, time, seed, output, workers, solver };
        command.SetAction(parse => SolveVerb.Run(family, parse.GetValue(file)!, parse.GetValue(time), parse.GetValue(seed),
            parse.GetValue(output), Console.Out, Console.Error, parse.GetValue(workers), parse.GetValue(solver)));
        return command;
    }

    private static Command BenchFor(BenchmarkFamily family, string name, string description)
    {
        var dir = new Argument<string>("DIR") { Description = description };
        var time = TimeOption();
        var seed = SeedOption();
        var bks = new Option<string?>("--bks") { Description = "BKS table (CSV)" };
        var output = new Option<string?>("--out") { Description = "write the results table as CSV to this path" };
        var workers = WorkersOption();
        var solver = BackendOption();
        var command = new Command(name, $"Benchmark a {name} folder") { dir, time, seed, bks, output, workers, solver };
        command.SetAction(parse => BenchVerb.Run(family, parse.GetValue(dir)!, parse.GetValue(time), parse.GetValue(seed),
            parse.GetValue(bks), parse.GetValue(output), Console.Out, Console.Error, parse.GetValue(workers), parse.GetValue(solver)));
        return command;
    }

    private static Option<double> TimeOption() =>
        new("--time") { Description = "time limit per instance, seconds", DefaultValueFactory = _ => 10 };

    // One worker per core: the parallel search shares its best solutions between workers (Solver, EliteExchange).
    private static Option<int> WorkersOption() =>
        new("--workers") { Description = "parallel search workers (default: one per logical CPU)", DefaultValueFactory = _ => Environment.ProcessorCount };

    private static Option<SolverBackend> BackendOption() =>
        new("--solver")
        {
            Description = "alns (ours, default) or ortools (Google OR-Tools routing library, guided local search; time limit only)",
            DefaultValueFactory = _ => SolverBackend.Alns,
            CustomParser = result => result.Tokens.Single().Value.ToLowerInvariant() switch
            {
                "alns" => SolverBackend.Alns,
                "ortools" => SolverBackend.OrTools,
                var other => Fail(result, other),
            },
        };

    private static SolverBackend Fail(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--solver must be alns or ortools, is '{value}'");
        return SolverBackend.Alns;
    }

    private static Option<int> SeedOption() =>
        new("--seed") { Description = "random seed of the search", DefaultValueFactory = _ => 1 };
}
