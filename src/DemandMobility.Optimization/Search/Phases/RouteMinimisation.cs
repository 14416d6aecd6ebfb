using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>One ALNS walk on a phase objective: returns true when the phase's goal (an empty bank) was reached.</summary>
internal delegate bool PhaseWalk(SearchState current, long budget, SearchState phaseBest, Func<bool> phaseOver, long stallLimit);

/// <summary>
/// Route minimisation (Ropke &amp; Pisinger 2006, Section 5.1.2), for objectives with vehicle fixed costs: empty the
/// route judged easiest, close its vehicle and search with a high bank penalty until every request is back in the
/// remaining routes (one vehicle fewer) or the attempt stalls.
/// </summary>
internal sealed class RouteMinimisation(SearchContext ctx, SolverTuning tuning, SolverOptions options, BestTracker best)
{
    /// <summary>
    /// Runs the phase. Gets at most <see cref="SolverTuning.RouteMinShare"/> of an iteration budget, or
    /// <see cref="SolverTuning.RouteMinMaxIterations"/> iterations under a time limit alone (and never more than
    /// that share of the time limit), and stops after three failed attempts in a row.
    /// </summary>
    /// <param name="current">Working state (overwritten).</param>
    /// <param name="iteration">The run's iteration counter, advanced by <paramref name="walk"/>.</param>
    /// <param name="elapsed">The run's wall clock.</param>
    /// <param name="stop">The run's stop condition (budget, cancellation, time limit).</param>
    /// <param name="walk">The ALNS walk on the phase objective.</param>
    public void Run(SearchState current, Func<long> iteration, Func<TimeSpan> elapsed, Func<bool> stop, PhaseWalk walk)
    {
        var data = ctx.Data;
        // The phase ends by iteration counts (failed attempts, stalls, an iteration cap), so a time-limited run
        // follows the iteration-limited trajectory. The wall-clock share stays as a safety cap only: without
        // it, short time limits on slow instances were spent entirely on route minimisation, whose best
        // solution is only improved when a vehicle is saved (Li & Lim at 2 s: mean gap 6.7 % instead of 0.3 %).
        long phaseEnd = iteration() + (options.MaxIterations == long.MaxValue
            ? tuning.RouteMinMaxIterations
            : (long)(options.MaxIterations * tuning.RouteMinShare));
        double timeCap = options.TimeLimit.TotalSeconds * tuning.RouteMinShare;
        int failures = 0;
        bool PhaseOver() => iteration() >= phaseEnd || elapsed().TotalSeconds >= timeCap;
        while (!stop() && !PhaseOver() && failures < 3)
        {
            current.CopyFrom(best.State);
            if (current.Unassigned.Count > 0 || current.UsedVehicles() <= 1) return;
            // Choose the used route with the fewest requests (ties: random) and close every unused vehicle.
            int target = -1;
            double targetScore = double.PositiveInfinity;
            foreach (var route in current.Routes)
            {
                if (!route.Metrics.Used || route.LockedCount > 0 || route.InitialLoad != LoadVector.Zero) continue;
                double score = route.RequestStops + ctx.Random.NextDouble() + failures * ctx.Random.NextDouble() * 10;
                if (score < targetScore) { targetScore = score; target = route.Vehicle; }
            }
            if (target < 0) return;
            foreach (var route in current.Routes) ctx.VehicleOpen[route.Vehicle] = route.Metrics.Used && route.Vehicle != target;
            var stops = current.Routes[target].Stops.ToArray();
            foreach (var s in stops)
                if (s.Kind == StopKind.Pickup && !ctx.Fixed[s.Request]) current.Remove(ctx, s.Request);
            // Bank penalty: above any distance change, below the fixed cost saved. The recreate operators decide by
            // it, so it is the context's penalty for the attempt.
            double maxFixed = 0;
            foreach (var v in data.Problem.Vehicles) maxFixed = Math.Max(maxFixed, v.FixedCost * data.Weights.FixedCost);
            ctx.BankPenalty = Math.Max(10 * ctx.NoiseScale, maxFixed / Math.Max(1, current.Unassigned.Count + 1));
            new RegretInsertion(2, false).Recreate(ctx, current);
            var phaseBest = current.Clone();
            bool success = phaseBest.Unassigned.Count == 0
                           || walk(current, tuning.RouteMinAttemptIterations, phaseBest, PhaseOver, tuning.RouteMinStallIterations);
            ctx.BankPenalty = null;
            Array.Fill(ctx.VehicleOpen, true);
            if (success && phaseBest.Unassigned.Count == 0)
            {
                best.Replace(phaseBest, phaseBest.TrueCost(ctx));
                failures = 0;
            }
            else failures++;
        }
    }
}
