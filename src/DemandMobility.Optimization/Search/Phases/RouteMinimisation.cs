using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Insertion;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>One ALNS walk on a phase objective: returns true when the phase's goal (an empty bank) was reached.</summary>
internal delegate bool PhaseWalk(SearchState current, long budget, SearchState phaseBest, Func<bool> phaseOver, long stallLimit);

/// <summary>
/// Route minimisation by guided ejection search (Nagata &amp; Bräysy 2009, "A powerful route minimization heuristic for
/// the vehicle routing problem with time windows", Operations Research Letters 37(5); for pickup-delivery pairs Nagata
/// &amp; Kobayashi 2010, "Guided ejection search for the pickup and delivery problem with time windows", EvoCOP, LNCS
/// 6022), for objectives with vehicle fixed costs (Li &amp; Lim's hierarchical objective).
/// </summary>
/// <remarks>
/// One attempt removes the smallest route (<see cref="ChooseRoute"/>), closes its vehicle and puts its requests into the ejection pool
/// (<see cref="EjectionPool"/>). Then, until the pool is empty: take the last request in; insert it at its cheapest
/// feasible position in any remaining route; if it fits nowhere, try it with one request of the receiving route moved
/// to another route (<see cref="RelocatingInsertion"/>, a restricted form of the paper's squeeze step, which inserts
/// with penalised violations and repairs by local search: here no infeasible state is ever built); otherwise raise
/// its penalty counter, eject the set of at most k_max requests of one route with the least sum of counters that lets
/// it in (<see cref="EjectionSearch"/>), push the ejected requests into the pool and perturb the solution by random
/// feasible moves (<see cref="RandomPairMoves"/>). An empty pool is a plan with one vehicle fewer, which becomes the best
/// and the start of the next attempt. Guided ejection gets at most half of what is left of the phase per attempt; when
/// its pool is still not empty, the requests left become the bank of an ALNS walk with a high bank penalty (Ropke &amp;
/// Pisinger 2006, Section 5.1.2), which empties the third route of small type-2 instances where one- and two-request
/// ejections rarely make room. The phase ends at the fleet lower bound (<see cref="FleetLowerBound"/>), after
/// <see cref="SolverTuning.RouteMinFailures"/> failed attempts in a row, or at its budget: a share of the iteration
/// budget, or under a time limit alone an iteration cap and a share of the time (<see cref="SolverTuning.RouteMinShare"/>).
/// One iteration is one request taken from the pool (or one walk iteration), so an iteration-limited run depends only
/// on the seed.
/// </remarks>
internal sealed class RouteMinimisation(SearchContext ctx, SolverTuning tuning, SolverOptions options, BestTracker best, IAlnsHost host,
    PhaseWalk? walk = null)
{
    private readonly EjectionSearch _ejection = new(tuning.EjectionMax);
    private readonly RandomPairMoves _perturbation = new();
    private readonly RelocatingInsertion _relocating = new();
    private readonly List<int> _open = new();
    private int[] _order = Array.Empty<int>();

    /// <summary>Vehicles saved by the last <see cref="Run"/>.</summary>
    public int Saved { get; private set; }

    /// <summary>Called after every iteration with the working state and the pool (tests check the invariants here).</summary>
    public Action<SearchState, EjectionPool>? AfterIteration { get; init; }

    /// <summary>Runs the phase from the best solution; <paramref name="current"/> is overwritten.</summary>
    /// <param name="current">Working state.</param>
    /// <param name="iteration">The run's iteration counter, advanced through the host.</param>
    /// <param name="elapsed">The run's wall clock.</param>
    public void Run(SearchState current, Func<long> iteration, Func<TimeSpan> elapsed)
    {
        long phaseEnd = iteration() + (options.MaxIterations == long.MaxValue
            ? tuning.RouteMinMaxIterations
            : (long)(options.MaxIterations * tuning.RouteMinShare));
        double timeCap = options.TimeLimit.TotalSeconds * tuning.RouteMinShare;
        bool PhaseOver() => host.Stop() || iteration() >= phaseEnd || elapsed().TotalSeconds >= timeCap;
        var pool = new EjectionPool(ctx.Data.RequestCount);
        int lowerBound = FleetLowerBound.Compute(ctx);
        int failures = 0;
        Saved = 0;
        current.CopyFrom(best.State);
        while (!PhaseOver() && failures < tuning.RouteMinFailures)
        {
            if (current.Unassigned.Count > 0 || current.UsedVehicles() <= lowerBound) return;
            int target = ChooseRoute(current, failures);
            if (target < 0) return;
            pool.Reset();
            RemoveRoute(current, target, pool);
            // Guided ejection gets at most half of what is left of the phase, so that the fallback has room.
            long attemptEnd = iteration() + Math.Min(tuning.RouteMinAttemptIterations, (phaseEnd - iteration()) / 2);
            double attemptTimeEnd = elapsed().TotalSeconds + (timeCap - elapsed().TotalSeconds) / 2;
            bool emptied;
            try
            {
                emptied = EmptyPool(current, pool, () => PhaseOver() || iteration() >= attemptEnd || elapsed().TotalSeconds >= attemptTimeEnd);
                if (!emptied && walk is not null && !PhaseOver()) emptied = Repair(current, walk, PhaseOver);
            }
            finally
            {
                Array.Fill(ctx.VehicleOpen, true);
            }
            if (emptied)
            {
                best.Replace(current, current.TrueCost(ctx));
                Saved++;
                failures = 0;
            }
            else
            {
                current.CopyFrom(best.State);
                failures++;
            }
        }
    }

    /// <summary>
    /// The fallback of an attempt whose pool did not empty: the requests left in the pool become the request bank of an
    /// ALNS walk with the emptied vehicle closed and a bank penalty above any distance change (Ropke &amp; Pisinger 2006,
    /// Section 5.1.2), until the bank is empty or the walk stalls. Measured on Li &amp; Lim 100 type 2 (two or three long
    /// routes, e.g. lr207), where ejections of one or two requests rarely make room and the walk does.
    /// </summary>
    private bool Repair(SearchState current, PhaseWalk walk, Func<bool> phaseOver)
    {
        double maxFixed = 0;
        foreach (var v in ctx.Data.Problem.Vehicles) maxFixed = Math.Max(maxFixed, v.FixedCost * ctx.Data.Weights.FixedCost);
        ctx.BankPenalty = Math.Max(10 * ctx.NoiseScale, maxFixed / Math.Max(1, current.Unassigned.Count + 1));
        try
        {
            var phaseBest = current.Clone();
            return walk(current, tuning.RouteMinRepairIterations, phaseBest, phaseOver, tuning.RouteMinRepairStall)
                   && phaseBest.Unassigned.Count == 0 && CopyBack(current, phaseBest);
        }
        finally
        {
            ctx.BankPenalty = null;
        }
    }

    private static bool CopyBack(SearchState current, SearchState phaseBest)
    {
        current.CopyFrom(phaseBest);
        return true;
    }

    /// <summary>
    /// The used route with the fewest requests that may be emptied (no locked stops, nobody on board at the start), ties
    /// at random; after failed attempts the choice is spread further at random (as in the former Ropke &amp; Pisinger
    /// phase). The paper removes a random route; on instances of two or three long routes (Li &amp; Lim 100 type 2)
    /// the smallest one is the only one the phase empties within its budget.
    /// </summary>
    private int ChooseRoute(SearchState state, int failures)
    {
        int target = -1;
        double targetScore = double.PositiveInfinity;
        foreach (var route in state.Routes)
        {
            if (!route.Metrics.Used || route.LockedCount > 0 || route.InitialLoad != LoadVector.Zero) continue;
            double score = route.RequestStops + ctx.Random.NextDouble() + failures * ctx.Random.NextDouble() * 10;
            if (score < targetScore) { targetScore = score; target = route.Vehicle; }
        }
        return target;
    }

    /// <summary>Empties route <paramref name="target"/> into the pool (in random order) and closes every vehicle but the
    /// other used ones.</summary>
    private void RemoveRoute(SearchState state, int target, EjectionPool pool)
    {
        _open.Clear();
        foreach (var route in state.Routes)
        {
            bool open = route.Metrics.Used && route.Vehicle != target;
            ctx.VehicleOpen[route.Vehicle] = open;
            if (open) _open.Add(route.Vehicle);
        }
        var requests = new List<int>();
        foreach (ref readonly var s in state.Routes[target].Stops)
            if (s.Kind == StopKind.Pickup && !ctx.Fixed[s.Request]) requests.Add(s.Request);
        for (int i = requests.Count - 1; i > 0; i--)
        {
            int j = ctx.Random.Next(i + 1);
            (requests[i], requests[j]) = (requests[j], requests[i]);
        }
        foreach (int r in requests)
        {
            state.Remove(ctx, r);
            pool.Push(r);
        }
    }

    /// <summary>The guided ejection loop of one attempt; true when the pool was emptied before <paramref name="over"/>.</summary>
    private bool EmptyPool(SearchState state, EjectionPool pool, Func<bool> over)
    {
        while (pool.Count > 0)
        {
            if (over()) return false;
            host.Advance();
            host.ReportProgress();
            int r = pool.Pop();
            if (TryInsert(state, r))
            {
                AfterIteration?.Invoke(state, pool);
                continue;
            }
            if (tuning.RelocatingInsertion && _relocating.TryInsert(ctx, state, r, ShuffledOpen()))
            {
                AfterIteration?.Invoke(state, pool);
                continue;
            }
            pool.Penalise(r);
            var choice = _ejection.TryFind(ctx, state, r, pool.Penalties, ShuffledOpen());
            if (choice is null)
            {
                // Fits nowhere even with k_max ejections: try again after the others, from a perturbed solution.
                pool.PushBottom(r);
            }
            else
            {
                foreach (int e in choice.Ejected)
                {
                    state.Remove(ctx, e);
                    pool.Push(e);
                }
                state.Insert(ctx, r, choice.Vehicle, choice.Pickup, choice.Delivery);
            }
            _perturbation.Run(ctx, state, tuning.PerturbationMoves);
            AfterIteration?.Invoke(state, pool);
        }
        return true;
    }

    /// <summary>Inserts <paramref name="request"/> at its cheapest feasible position in the open routes, if any.</summary>
    private bool TryInsert(SearchState state, int request)
    {
        double bestCost = double.PositiveInfinity;
        int vehicle = -1, pickup = -1, delivery = -1;
        foreach (int v in _open)
        {
            if (!ctx.Pairs.BestInRoute(state.Routes[v], request, out int p, out int d, out double delta, bestCost)) continue;
            if (delta < bestCost) { bestCost = delta; vehicle = v; pickup = p; delivery = d; }
        }
        if (vehicle < 0) return false;
        state.Insert(ctx, request, vehicle, pickup, delivery);
        return true;
    }

    /// <summary>The open routes in a fresh random order: ties in the ejection choice go to the first route searched.</summary>
    private ReadOnlySpan<int> ShuffledOpen()
    {
        if (_order.Length != _open.Count) _order = new int[_open.Count];
        _open.CopyTo(_order);
        ctx.Random.Shuffle(_order);
        return _order;
    }
}
