using System.Collections.Immutable;
using System.Diagnostics;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.LocalSearch;
using DemandMobility.Optimization.Search.Phases;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search;

/// <summary>
/// The anytime route optimiser: construction by insertion, then adaptive large neighbourhood search with
/// local search. Returns the best solution found within the options' limits.
/// </summary>
/// <remarks>
/// Algorithm: Ropke &amp; Pisinger (2006), "An adaptive large neighborhood search heuristic for the pickup and
/// delivery problem with time windows", Transportation Science 40(4): regret-2 construction; ruin by
/// random, worst, Shaw and route removal; recreate by greedy and regret-2/3 insertion with and without
/// noise, and sequential best insertion in random, time or trip-length order (Christiaens &amp; Vanden
/// Berghe 2020); roulette-wheel weights adapted per segment of 100 iterations; simulated-annealing acceptance
/// with an iteration-based schedule (cycles of 1000, 2000, 4000… iterations, each cooling from T0 to
/// T0/200 and restarting from the best), so that a run depends only on the seed and the
/// number of iterations done, never on the clock (except where it stops). New best solutions get a
/// relocate and pair-exchange local search. Ruin also includes string removal (SISR, Christiaens &amp; Vanden
/// Berghe 2020). When vehicles have fixed costs (Li &amp; Lim's hierarchical objective), a
/// route-minimisation phase first removes one route at a time by guided ejection search (Nagata &amp; Bräysy 2009;
/// Nagata &amp; Kobayashi 2010, <see cref="Phases.RouteMinimisation"/>) until the fleet lower bound, a run of failed
/// attempts or its share of the budget; where the constructed routes are long, the ALNS walk first has a share of the
/// budget on the hierarchical objective (<see cref="SolverTuning.FleetWalkShare"/>).
/// On a cold start of a static, homogeneous fleet without fixed costs (the DARP benchmarks), the annealing cycles
/// are episodes of fixed length, each started from the best solution with a large random part (40 %) of its requests
/// reinserted in random order (a multi-start / iterated search in the sense of Martí, Resende &amp; Ribeiro 2013,
/// "Multi-start methods for combinatorial optimization", EJOR 226), because one walk restarted from the best was
/// measured to stay in one basin after its first few thousand iterations (<see cref="SolverTuning.Episodes"/>).
/// An optional route pool with set-partitioning recombination (Parragh &amp; Schmid 2013, solved by CP-SAT) is
/// available but off by default: its earlier branch-and-bound version did not improve the measured results.
/// The phases are classes of <c>Search/Phases</c> (<see cref="Phases.Construction"/>, <see cref="Phases.RouteMinimisation"/>,
/// <see cref="Phases.Restarts"/>, <see cref="Phases.Recombination"/>) around the ALNS walk (<see cref="Phases.AlnsWalk"/>); every
/// phase offers its solutions to one <see cref="BestTracker"/>, and compares by the true objective
/// (<c>SearchState.TrueCost</c>) while the context's bank penalty stays what the phase's operators search with.
/// From <see cref="SolverTuning.DecompositionFrom"/> requests on (a whole day of a large service), the improvement
/// phase works on subproblems of neighbouring routes (<see cref="Phases.Decomposition"/>, POPMUSIC) before the walk.
/// With <see cref="SolverOptions.Workers"/> above 1, that many independent searches run on their own threads and
/// exchange their best solutions at the ends of their annealing cycles (<see cref="EliteExchange"/>).
/// </remarks>
public sealed class Solver
{
    private readonly SolverOptions _options;
    private readonly SolverTuning _tuning;

    /// <summary>Creates a solver with the given limits and seed.</summary>
    public Solver(SolverOptions options) : this(options, new SolverTuning()) { }

    /// <summary>Creates a solver with non-default tuning (benchmark harness).</summary>
    internal Solver(SolverOptions options, SolverTuning tuning)
    {
        _options = options;
        _tuning = tuning;
    }

    /// <summary>Solves the problem, optionally warm-started from an existing plan (e.g. the live plan).</summary>
    /// <exception cref="ArgumentException">The problem or the initial plan is inconsistent (the message names the field).</exception>
    public Solution Solve(Problem problem, Solution? initial = null, IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (_options.Workers < 1) throw new ArgumentException($"Workers must be at least 1, is {_options.Workers}.", nameof(problem));
        var clock = Stopwatch.StartNew();
        if (_options.Workers == 1)
            return new Run(this, new SearchContext(new ProblemData(problem), new Random(_options.Seed)), clock, progress, cancellationToken, 0, null).Execute(initial);

        // Parallel search: one worker per thread, each with its own data, random stream and operators; worker 0 uses
        // the seed itself. The workers meet at the ends of their annealing cycles (EliteExchange).
        int workers = _options.Workers;
        var exchange = new EliteExchange(workers, synchronous: _options.MaxIterations != long.MaxValue, _tuning.ExchangeStallRounds);
        var shared = progress is null ? null : new SharedProgress(progress);
        var results = new Solution[workers];
        var failures = new Exception?[workers];
        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            int worker = w;
            threads[w] = new Thread(() =>
            {
                try
                {
                    var ctx = new SearchContext(new ProblemData(problem), new Random(WorkerSeed(_options.Seed, worker)));
                    results[worker] = new Run(this, ctx, clock, shared, cancellationToken, worker, exchange).Execute(initial);
                }
                catch (Exception e)
                {
                    failures[worker] = e;
                }
                finally
                {
                    exchange.Finish(worker);
                }
            }, 16 * 1024 * 1024) { IsBackground = true, Name = $"solver-worker-{worker}" };
            threads[w].Start();
        }
        foreach (var t in threads) t.Join();
        foreach (var e in failures)
            if (e is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        var best = results[0];
        for (int w = 1; w < workers; w++)
            if (results[w].Cost < best.Cost - 1e-9) best = results[w];
        return best;
    }

    /// <summary>Seed of worker <paramref name="worker"/>: the run's seed for worker 0, a distinct stream for the others.</summary>
    internal static int WorkerSeed(int seed, int worker) => unchecked(seed + worker * 1_000_003);

    /// <summary>Forwards the workers' progress reports one at a time, each carrying the best cost reported so far.</summary>
    private sealed class SharedProgress(IProgress<SolverProgress> inner) : IProgress<SolverProgress>
    {
        private readonly object _gate = new();
        private SolverProgress? _best;

        public void Report(SolverProgress value)
        {
            lock (_gate)
            {
                if (_best is { } b && (b.BestUnserved, b.BestCost).CompareTo((value.BestUnserved, value.BestCost)) < 0)
                    value = value with { BestCost = b.BestCost, BestVehicles = b.BestVehicles, BestUnserved = b.BestUnserved };
                else _best = value;
                inner.Report(value);
            }
        }
    }

    /// <summary>State of one call; contained here so that <see cref="Solver"/> itself stays reusable.</summary>
    private sealed class Run : IAlnsHost, IDecompositionHost
    {
        private readonly Solver _solver;
        private readonly SearchContext _ctx;
        private readonly Stopwatch _clock;
        private readonly IProgress<SolverProgress>? _progress;
        private readonly CancellationToken _ct;
        private readonly IRuinOperator[] _ruins;
        private readonly IRecreateOperator[] _recreates =
        {
            new RegretInsertion(1, false), new RegretInsertion(2, false), new RegretInsertion(3, false),
            new RegretInsertion(1, true), new RegretInsertion(2, true), new RegretInsertion(3, true),
            new SequentialInsertion(InsertionOrder.Random), new SequentialInsertion(InsertionOrder.EarliestPickup),
            new SequentialInsertion(InsertionOrder.LongestTrip),
        };
        private readonly GranularNeighbourhood _granular;
        private readonly RelocateLocalSearch _relocate;
        private readonly ExchangeLocalSearch _exchange;
        private readonly SegmentLocalSearch _segmentMoves;
        private AlnsWalk _alns = null!;
        private long _iteration;
        private BestTracker _best = null!;

        private readonly int _worker;
        private readonly EliteExchange? _elites;
        private int _eliteRound;
        private int _stalledRounds;
        private double _costAtLastRound = double.PositiveInfinity;

        public Run(Solver solver, SearchContext ctx, Stopwatch clock, IProgress<SolverProgress>? progress, CancellationToken ct,
            int worker, EliteExchange? exchange)
        {
            _solver = solver; _ctx = ctx; _clock = clock; _progress = progress; _ct = ct;
            _worker = worker; _elites = exchange;
            _heterogeneousFleet = IsHeterogeneous(ctx.Data);
            _granular = new GranularNeighbourhood(solver._tuning.GranularFrom, solver._tuning.GranularNeighbours);
            _relocate = new RelocateLocalSearch(_granular);
            _exchange = new ExchangeLocalSearch(_granular);
            _segmentMoves = solver._tuning.TwoOptStar
                ? new SegmentLocalSearch(new TwoOptStarMove(), new OrOptMove())
                : new SegmentLocalSearch(new OrOptMove());
            // String removal is on for every size. It used to be gated below 10 requests after one brute-force miss
            // (tiny instance 643288); that instance is missed with and without string removal depending on the seed,
            // and on 200 tiny seeds the miss rate is the same, so the gate was not protecting anything.
            _ruins = new IRuinOperator[] { new RandomRemoval(), new WorstRemoval(), new ShawRemoval(), new RouteRemoval(), new StringRemoval() };
        }

        private readonly bool _heterogeneousFleet;

        private SolverOptions Options => _solver._options;

        /// <summary>
        /// Local search on a new best: pair relocate and exchange (insertion-based, exact schedule on the few
        /// candidates that pass the O(1) filters), then the segment-evaluated moves (2-opt*, Or-opt), each
        /// followed by one more relocate pass when it changed something.
        /// </summary>
        public void ImproveLocally(SearchState state)
        {
            _relocate.Run(_ctx, state, 2, Stop);
            if (_exchange.Run(_ctx, state, 2, Stop)) _relocate.Run(_ctx, state, 1, Stop);
            if (_segmentMoves.Run(_ctx, state, 2, Stop)) _relocate.Run(_ctx, state, 1, Stop);
        }

        public bool Stop() =>
            _iteration >= Options.MaxIterations || _ct.IsCancellationRequested || _clock.Elapsed >= Options.TimeLimit;

        public Solution Execute(Solution? initial)
        {
            var data = _ctx.Data;
            var tuning = _solver._tuning;
            var current = Construction.BuildState(_ctx, initial);
            // Fresh-start episodes only on a cold start of a homogeneous fleet without fixed costs (DARP-like): a warm
            // start (the live plan) should be improved, not thrown away, and with fixed costs a random construction
            // uses more vehicles than route minimisation has reached, so its episodes would be wasted budget.
            int episodes = initial is null && !_heterogeneousFleet && !UsesFixedCost() && IsStatic()
                        && data.RequestCount <= _solver._tuning.EpisodeMaxRequests ? _solver._tuning.Episodes : 0;
            Construction.Insert(_ctx, current, tuning);
            // The constructed plan is reported before its local search, which takes a while on a whole day.
            _best = new BestTracker(current.Clone(), current.TrueCost(_ctx), Report);
            Report();
            var restarts = new Restarts(_ctx, _best, tuning.EpisodeRuinShare);
            var recombination = Recombination.TryCreate(_ctx, tuning, _heterogeneousFleet, current, _best, ImproveLocally);
            _alns = new AlnsWalk(_ctx, tuning, _best, restarts, recombination, episodes, _heterogeneousFleet, this, _ruins, _recreates);
            _relocate.Run(_ctx, current, 3, Stop);
            // On a large day (granular neighbourhoods) the full local search follows: with granular relocate and
            // exchange it takes seconds, and it gains more than the relocate passes (docs/benchmarks.md, "Sprinti day").
            if (_granular.Applies(_ctx)) ImproveLocally(current);
            _best.Replace(current, current.TrueCost(_ctx));

            if (UsesFixedCost() && !Stop())
            {
                WalkBeforeFleetPhase(current);
                // The fleet phase gets its share of what the first walk left (iterations and time alike).
                var fleetStart = _clock.Elapsed;
                var fleetOptions = Options with
                {
                    TimeLimit = Options.TimeLimit - fleetStart,
                    MaxIterations = Options.MaxIterations == long.MaxValue ? long.MaxValue : RemainingIterations,
                };
                new RouteMinimisation(_ctx, tuning, fleetOptions, _best, this,
                    (c, budget, phaseBest, phaseOver, stall) => _alns.Walk(c, budget, phaseBest, phaseOver, stall))
                    .Run(current, () => _iteration, () => _clock.Elapsed - fleetStart);
            }
            current.CopyFrom(_best.State);
            if (Decomposition.Applies(_ctx, tuning))
            {
                new Decomposition(_ctx, tuning, _best, this).Run(current);
                current.CopyFrom(_best.State);
            }
            _alns.Walk(current, long.MaxValue);
            Report();
            return ToSolution(_best.State);
        }

        /// <summary>
        /// With vehicle fixed costs, the ALNS walk runs first for <see cref="SolverTuning.FleetWalkShare"/> of the budget on
        /// the hierarchical objective itself: one fixed cost outweighs any distance, so the walk empties routes whenever
        /// ruin and recreate can, and keeps the routes short while doing so. Route minimisation then starts from that
        /// fleet. Measured on Li &amp; Lim 400 type 2 (a few long routes): the walk alone reached the best-known fleet of
        /// lr2_4_1 within 1.3 % of its distance in 3 000 iterations, while the ejection search reached the same fleet
        /// 48 % above it, and the walk after it did not close that gap within the run (docs/benchmarks.md). Only where
        /// the constructed routes are long (<see cref="SolverTuning.FleetWalkMinRouteRequests"/>).
        /// </summary>
        private void WalkBeforeFleetPhase(SearchState current)
        {
            var tuning = _solver._tuning;
            double share = tuning.FleetWalkShare;
            int used = current.UsedVehicles();
            // Short routes (Li & Lim type 1): the walk was measured to leave more vehicles for the ejection search than
            // it saves (lrc1_4_8: 28 instead of 27 at the same budget), so there the fleet phase starts at once.
            if (share <= 0 || used == 0 || (double)(_ctx.Data.RequestCount - current.Unassigned.Count) / used < tuning.FleetWalkMinRouteRequests)
                return;
            long budget = Options.MaxIterations == long.MaxValue ? long.MaxValue : (long)(Options.MaxIterations * share);
            double seconds = Options.TimeLimit.TotalSeconds * share;
            _alns.Walk(current, budget, phaseOver: () => _clock.Elapsed.TotalSeconds >= seconds);
            current.CopyFrom(_best.State);
        }

        /// <summary>True when no vehicle carries live state (position, on-board requests, locked stops).</summary>
        private bool IsStatic()
        {
            foreach (var state in _ctx.Data.States) if (state is not null) return false;
            return true;
        }

        /// <summary>True when the objective charges vehicles' fixed costs (Li &amp; Lim's hierarchical objective).</summary>
        private bool UsesFixedCost()
        {
            if (_ctx.Data.Weights.FixedCost <= 0) return false;
            foreach (var v in _ctx.Data.Problem.Vehicles) if (v.FixedCost > 0) return true;
            return false;
        }

        /// <summary>Parallel search: posts the best to the other workers and adopts a cheaper one of theirs when this
        /// worker's own best has stalled (<see cref="EliteExchange"/>).</summary>
        /// <returns>True when the best solution was replaced.</returns>
        public bool ShareBest()
        {
            if (_elites is null) return false;
            _stalledRounds = _best.Cost < _costAtLastRound - 1e-9 ? 0 : _stalledRounds + 1;
            _costAtLastRound = _best.Cost;
            var other = _elites.Exchange(_worker, _eliteRound++, _best.State.Clone(), _best.Cost, _stalledRounds);
            if (other is not { } post) return false;
            _best.Replace(post.State, post.Cost);
            // The adopted best counts as progress: the worker searches around it before it may take over again.
            _costAtLastRound = post.Cost;
            _stalledRounds = 0;
            return true;
        }

        /// <summary>True when vehicles differ in anything that decides which requests they can serve or what they cost.</summary>
        private static bool IsHeterogeneous(ProblemData data)
        {
            var vs = data.Problem.Vehicles;
            for (int v = 1; v < vs.Length; v++)
            {
                var a = vs[0];
                var b = vs[v];
                if (a.Capacity != b.Capacity || a.FixedCost != b.FixedCost || a.Shift != b.Shift || a.StartLocation != b.StartLocation
                    || a.EndLocation != b.EndLocation || a.MaxRouteDuration != b.MaxRouteDuration || a.Break != b.Break
                    || !string.Equals(a.Group, b.Group, StringComparison.Ordinal))
                    return true;
            }
            return false;
        }

        public void Advance() => _iteration++;

        public void Advance(long iterations) => _iteration += iterations;

        public long RemainingIterations => Options.MaxIterations == long.MaxValue ? long.MaxValue : Math.Max(0, Options.MaxIterations - _iteration);

        public TimeSpan RemainingTime => Options.TimeLimit - _clock.Elapsed;

        public CancellationToken Cancellation => _ct;

        public void ReportProgress()
        {
            if (_progress is not null && _iteration % 1000 == 0) Report();
        }

        private void Report() =>
            _progress?.Report(new SolverProgress(_iteration, _clock.Elapsed, _best.Cost, _best.State.UsedVehicles(), _best.State.Unassigned.Count));

        private Solution ToSolution(SearchState state)
        {
            var data = _ctx.Data;
            var routes = ImmutableArray.CreateBuilder<RoutePlan>();
            double cost = 0;
            foreach (var route in state.Routes)
            {
                if (route.RequestStops == 0) continue;
                routes.Add(route.ToPlan(_ctx.Evaluator));
                cost += route.Metrics.Cost;
            }
            var unserved = ImmutableArray.CreateBuilder<int>();
            for (int r = 0; r < data.RequestCount; r++)
                if (state.RouteOf[r] < 0) unserved.Add(r);
            cost += data.Weights.Unserved * unserved.Count;
            return new Solution(routes.ToImmutable(), unserved.ToImmutable(), cost);
        }
    }
}
