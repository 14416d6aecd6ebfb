using System.CommandLine;
using System.Globalization;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report;
using DemandMobility.Simulator.Scenario;
using Spectre.Console;

namespace DemandMobility.Simulator.Cli;

/// <summary>
/// The <c>simulate</c> verb, shared by <c>dm simulate</c> and the simulator's own program:
/// <c>simulate SCENARIO.json --out DIR [--seed N] [--graph FILE] [--quiet] [--compare OTHER_OUT_DIR|SCENARIO.json]
/// [--server URL --token T | --token-file F [--concurrency N [--unordered]]] [--no-parcel-comparison]</c>. A day with parcels is run a second time
/// without them (in-process, same seed and riders) to measure the riders' added delay (<see cref="ParcelImpactRun"/>).
/// Exit codes: 0 done, 1 stopped early (Ctrl-C; partial results written), 2 bad scenario, demand or arguments.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario file (JSON, see simulator/README.md)" };
        var output = new Option<string>("--out") { Description = "Output folder (kpis.json, trips.csv, report.html, result.json, billing.csv)", Required = true };
        var seed = new Option<int?>("--seed") { Description = "Random seed (overrides the scenario's)" };
        var graph = new Option<string>("--graph") { Description = "Road graph file (.dmg); default beside the PBF, built when missing or stale" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar" };
        var compare = new Option<string>("--compare") { Description = "Show another run beside this one: its output folder (result.json) or a scenario file to run too" };
        var server = new Option<string>("--server") { Description = "Run against a dispatch server started with --Simulation:Enabled=true, over gRPC (e.g. http://127.0.0.1:5000)" };
        var token = new Option<string>("--token") { Description = "Dispatcher token for --server" };
        var tokenFile = new Option<string>("--token-file") { Description = "File holding the dispatcher token for --server" };
        var concurrency = new Option<int?>("--concurrency")
        {
            Description = "With --server: batch the day (each simulated minute's requests at once, vehicle traffic of one instant overlapped), up to N calls at a time; the result is the same for every N (requests of one service area stay in order)",
        };
        var unordered = new Option<bool>("--unordered") { Description = "With --concurrency: requests of one service area may overlap too (the result then depends on the server's answer order)" };
        var noParcelComparison = new Option<bool>("--no-parcel-comparison")
        {
            Description = "Skip the parcel-free second run that measures the riders' added delay on a day with parcels",
        };
        var sweep = new Option<string[]>("--sweep")
        {
            Description = "Sweep a parameter: fleet=6..14, service_hours=06:00-20:00,06:00-22:00, max_wait=10..30:5, promise_window=5,10, trips=300..700:100 (repeat for a grid)",
            AllowMultipleArgumentsPerToken = false,
        };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per grid point (the scenario's seed and the next ones; default 1)" };
        var target = new Option<string>("--target") { Description = "Target of a sweep, e.g. \"served>=0.95,wait_p95<=20min\": the smallest fleet (else cheapest point) meeting it is highlighted" };
        var parallel = new Option<int?>("--parallel") { Description = "Sweep runs at once (default: the number of cores)" };
        var command = new Command("simulate", "Simulate a service day against the dispatcher and write KPIs, trips and a report; or sweep parameters and compare");
        command.Arguments.Add(scenario);
        foreach (var o in new Option[] { output, seed, graph, quiet, compare, server, token, tokenFile, concurrency, unordered, noParcelComparison, sweep, seeds, target, parallel }) command.Options.Add(o);
        command.SetAction((p, ct) => RunAsync(new SimulateArguments(
                p.GetValue(scenario)!, p.GetValue(output)!, p.GetValue(seed), p.GetValue(graph), p.GetValue(quiet),
                p.GetValue(compare), p.GetValue(server), p.GetValue(token), p.GetValue(tokenFile), !p.GetValue(noParcelComparison),
                p.GetValue(sweep) ?? [], p.GetValue(seeds), p.GetValue(target), p.GetValue(parallel), p.GetValue(concurrency), p.GetValue(unordered)),
            p.InvocationConfiguration.Output, p.InvocationConfiguration.Error, ct));
        return command;
    }

    /// <summary>Runs the verb; returns the exit code.</summary>
    public static async Task<int> RunAsync(SimulateArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Sweep.Count > 0 || args.Seeds is not null || args.Target is not null)
            return await SweepCommand.RunAsync(args, stdout, stderr, cancellationToken).ConfigureAwait(false);
        if (args.Concurrency is { } n && (n < 1 || n > 256))
        {
            await stderr.WriteLineAsync($"--concurrency: {n} must be 1–256.").ConfigureAwait(false);
            return 2;
        }
        if ((args.Concurrency is not null || args.Unordered) && args.Server is null)
        {
            await stderr.WriteLineAsync("--concurrency and --unordered need --server: an in-process run asks one request at a time.").ConfigureAwait(false);
            return 2;
        }
        if (args.Unordered && args.Concurrency is null)
        {
            await stderr.WriteLineAsync("--unordered needs --concurrency N: without it the calls go one at a time.").ConfigureAwait(false);
            return 2;
        }
        if (args.Server is not null && args.Compare is { } c && !Directory.Exists(c))
        {
            // A second scenario would need its own fresh server (the clock only moves forward).
            await stderr.WriteLineAsync("--compare with --server takes an output folder, not a scenario file.").ConfigureAwait(false);
            return 2;
        }
        try
        {
            var first = await RunOneAsync(args.Scenario, args, stdout, stderr, cancellationToken).ConfigureAwait(false);
            SimulationResult? other = null;
            if (args.Compare is { } compare)
            {
                other = Directory.Exists(compare)
                    ? ResultWriter.ReadResult(Path.Combine(compare, "result.json"))
                    : await RunOneAsync(compare, args, stdout, stderr, cancellationToken).ConfigureAwait(false);
            }
            var loaded = ScenarioLoader.Load(args.Scenario);
            var files = ResultWriter.Write(first, args.Out, other, loaded.Demand.School?.Tariff);
            PrintHeadline(stdout, first, other);
            foreach (var issue in first.DemandIssues.Take(20))
                await stderr.WriteLineAsync($"demand: {issue.Source}{(issue.Line is { } l ? ":" + l : "")}: {issue.Message}").ConfigureAwait(false);
            if (first.DemandIssues.Length > 20) await stderr.WriteLineAsync($"demand: … {first.DemandIssues.Length - 20} more issues (see report.html)").ConfigureAwait(false);
            await stdout.WriteLineAsync("Wrote " + string.Join(", ", files.Select(Path.GetFileName))).ConfigureAwait(false);
            if (!first.Completed)
            {
                await stderr.WriteLineAsync("Stopped early: results are partial (completed = false).").ConfigureAwait(false);
                return 1;
            }
            return 0;
        }
        catch (Exception e) when (e is ScenarioException or DemandSettingsException or IOException or InvalidDataException
                                      or Routing.Storage.GraphStoreException or GrpcGatewayException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
    }

    private static async Task<SimulationResult> RunOneAsync(string scenarioPath, SimulateArguments args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var run = await SimulateAsync(scenarioPath, args, stdout, stderr, ct).ConfigureAwait(false);
        // Place names for the maps and the unserved-demand table, from the extract the demand model reads anyway.
        var scenario = ScenarioLoader.Load(scenarioPath);
        return run with { Places = PlaceLabels.Read(scenario) };
    }

    private static async Task<SimulationResult> SimulateAsync(string scenarioPath, SimulateArguments args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var scenario = ScenarioLoader.Load(scenarioPath);
        if (args.Seed is { } seed) scenario = scenario.WithSeed(seed);
        var travel = Simulation.LoadTravel(scenario, args.Graph);
        var demand = Simulation.BuildDemand(scenario);
        // Only the run itself goes to the server; --compare SCENARIO was refused above in gRPC mode.
        await using var gateway = args.Server is { } server && scenarioPath == args.Scenario
            ? await ConnectAsync(server, args, scenario, stderr, ct).ConfigureAwait(false)
            : null;
        // --concurrency N batches the day (its result is the same for every N); without it calls go one at a time.
        var concurrency = gateway is null || args.Concurrency is not { } inFlight ? null : new RequestConcurrency(inFlight, TimeSpan.FromMinutes(1), !args.Unordered);
        bool showProgress = !args.Quiet && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        bool compareParcels = args.ParcelComparison && ParcelImpactRun.HasParcels(demand);
        if (!showProgress)
        {
            var quiet = await Simulation.RunAsync(scenario, travel, demand, gateway, null, ct, concurrency).ConfigureAwait(false);
            return compareParcels && quiet.Completed
                ? ParcelImpactRun.Attach(quiet, await ParcelImpactRun.RunAsync(scenario, travel, demand, quiet, null, ct).ConfigureAwait(false))
                : quiet;
        }

        SimulationResult? result = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask($"{scenario.Settings.Name}: simulated day", maxValue: 1000);
            result = await Simulation.RunAsync(scenario, travel, demand, gateway, new SynchronousProgress(task), ct, concurrency).ConfigureAwait(false);
            task.Value = 1000;
            if (!compareParcels || !result.Completed) return;
            var second = ctx.AddTask($"{scenario.Settings.Name}: same day without parcels", maxValue: 1000);
            var impact = await ParcelImpactRun.RunAsync(scenario, travel, demand, result, new SynchronousProgress(second), ct).ConfigureAwait(false);
            result = ParcelImpactRun.Attach(result, impact);
            second.Value = 1000;
        }).ConfigureAwait(false);
        return result!;
    }

    private static async Task<GrpcGateway> ConnectAsync(string server, SimulateArguments args, LoadedScenario scenario, TextWriter stderr, CancellationToken ct)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new GrpcGatewayException($"--server: '{server}' is not an http:// or https:// URL.");
        string? token = args.Token;
        if (args.TokenFile is { } file)
        {
            if (token is not null) throw new GrpcGatewayException("--token and --token-file: give one of them.");
            if (!File.Exists(file)) throw new GrpcGatewayException($"--token-file: '{file}' does not exist.");
            token = (await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)).Trim();
        }
        if (string.IsNullOrEmpty(token)) throw new GrpcGatewayException("--server needs a dispatcher token: --token T or --token-file F (dm token --role dispatcher ...).");
        var gateway = await GrpcGateway.ConnectAsync(uri, token, scenario.Options, scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations,
            StartOf(scenario), ct).ConfigureAwait(false);
        foreach (var warning in gateway.Warnings) await stderr.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        return gateway;
    }

    /// <summary>Where the simulated clock starts (as in <see cref="Simulation.RunAsync"/>): the day start or an earlier shift start.</summary>
    private static DateTimeOffset StartOf(LoadedScenario scenario)
    {
        var start = scenario.DayStart;
        foreach (var v in scenario.Vehicles)
            if (v.ShiftStart < start) start = v.ShiftStart;
        return start;
    }

    /// <summary>The headline of report.html on the console (the same figures and wording), then what was not served.</summary>
    internal static void PrintHeadline(TextWriter stdout, SimulationResult result, SimulationResult? other)
    {
        var figures = Headline.Figures(result);
        var baseline = other is null ? null : Headline.Figures(other).ToDictionary(f => f.Label, StringComparer.Ordinal);
        int width = Math.Max(28, figures.Select(f => f.Label.Length).DefaultIfEmpty(0).Max() + 2);
        stdout.WriteLine(other is null
            ? $"{result.ScenarioName} (seed {result.Seed})"
            : $"A: {result.ScenarioName} (seed {result.Seed})  |  B (baseline): {other.ScenarioName} (seed {other.Seed})");
        foreach (var f in figures)
        {
            string line = "  " + f.Label.PadRight(width) + f.Value;
            if (baseline is not null && baseline.TryGetValue(f.Label, out var b))
            {
                string diff = other!.Kpis.TryGetValue(f.Primary.Key, out double vb) && result.Kpis.TryGetValue(f.Primary.Key, out double va)
                    ? KpiCatalog.FormatDifference(va, vb, f.Primary.Unit) : "–";
                line = "  " + f.Label.PadRight(width) + "A " + f.Value + "  |  B " + b.Value + "  |  A − B " + diff;
            }
            stdout.WriteLine(line);
        }
        var notServed = new[] { "rejected", "declined", "cancelled", "no_shows", "unfinished", "disrupted" }
            .Where(k => result.Kpis.ContainsKey(k) && (k != "disrupted" || result.Kpis[k] > 0)).Select(k => $"{KpiCatalog.Format(result.Kpis[k], KpiUnit.Count)} {k.Replace('_', '-')}");
        stdout.WriteLine("  " + "Not served".PadRight(width) + string.Join(", ", notServed));
        string wall = result.WallClockSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        if (result.ParcelImpact is { } impact)
            wall += " (+ " + impact.WallClockSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s without parcels)";
        stdout.WriteLine("  " + "Run took".PadRight(width) + wall);
        if (result.Mode == "grpc" && result.Quotes is { Count: > 0 } q)
            stdout.WriteLine("  " + "Quotes".PadRight(width) + string.Create(CultureInfo.InvariantCulture,
                $"{q.Count:N0} at {q.PerSecond:0.0}/s, p50 {q.P50Ms:0} ms, p99 {q.P99Ms:0} ms (up to {q.Concurrency} at once{(q.Retried > 0 ? $", {q.Retried} calls retried" : "")})"));
    }

    /// <summary>Updates the progress bar on the reporting thread (Progress&lt;T&gt; would post to the thread pool and lag).</summary>
    private sealed class SynchronousProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Round(value * 1000);
    }
}

/// <summary>Parsed arguments of the simulate verb.</summary>
/// <param name="Scenario">Scenario file.</param>
/// <param name="Out">Output folder.</param>
/// <param name="Seed">Seed override.</param>
/// <param name="Graph">Road graph file override.</param>
/// <param name="Quiet">No progress bar.</param>
/// <param name="Compare">Output folder or scenario to compare with.</param>
/// <param name="Server">gRPC server URL (a server in simulation mode); null = in-process.</param>
/// <param name="Token">Dispatcher token for <paramref name="Server"/>.</param>
/// <param name="TokenFile">File holding the dispatcher token.</param>
/// <param name="ParcelComparison">On a day with parcels, also run it without them to measure the riders' added delay.</param>
/// <param name="Sweep">Swept parameters (<c>--sweep NAME=VALUES</c>, see <see cref="Sweep.SweepGrammar"/>); empty for a single run.</param>
/// <param name="Seeds">Seeds per grid point of a sweep.</param>
/// <param name="Target">Target of a sweep (<see cref="Sweep.SweepTarget"/>).</param>
/// <param name="Parallel">Sweep runs at once; null = the number of cores.</param>
/// <param name="Concurrency">With <paramref name="Server"/>: batch the day with at most this many calls in flight (<see cref="RequestConcurrency"/>); null = one call at a time, unbatched.</param>
/// <param name="Unordered">With <paramref name="Concurrency"/>: requests of one service area may overlap.</param>
public sealed record SimulateArguments(string Scenario, string Out, int? Seed = null, string? Graph = null, bool Quiet = true, string? Compare = null,
    string? Server = null, string? Token = null, string? TokenFile = null, bool ParcelComparison = true,
    IReadOnlyList<string>? Sweep = null, int? Seeds = null, string? Target = null, int? Parallel = null, int? Concurrency = null, bool Unordered = false)
{
    /// <summary>Swept parameters (never null).</summary>
    public IReadOnlyList<string> Sweep { get; init; } = Sweep ?? [];
}
