namespace DemandMobility.Cluster.Balancing;

/// <summary>
/// Which areas to move so that the busiest silo's load comes down to the band of <c>(1 + tolerance)</c> × the mean
/// silo load, with as few moves as possible. Exact within a round's move budget: every set of at most
/// <c>maxMoves</c> moves (distinct areas, each to another active silo) is tried in increasing size, so the plan is
/// the fewest moves that reach the band, or, when no plan within the budget reaches it, the fewest moves that reach
/// the lowest busiest-silo load the budget allows. Minimising the busiest machine's load is the makespan problem
/// (Graham, "Bounds on multiprocessing timing anomalies", 1969); it is NP-hard in general, but a round moves at most
/// three areas, so enumerating the C(N, k)·(S − 1)^k plans of k ≤ 3 moves stays small (50 areas on 5 silos: 1.25
/// million plans of three moves).
/// </summary>
/// <remarks>
/// Hysteresis: nothing moves while the busiest silo is inside the band, a plan must lower the busiest silo's load,
/// and areas in <c>pinned</c> (moved recently, see <see cref="AreaRebalancingOptions.Cooldown"/>) stay where they
/// are, so measurement noise does not make areas flap between silos. Areas on silos that are not active are left
/// alone and count on no silo (they are moving already).
/// </remarks>
public static class AreaBalancePlan
{
    /// <summary>Most moves one round may plan (the enumeration grows with the power of the budget).</summary>
    public const int MaxBudget = 3;

    /// <summary>The moves, at most <paramref name="maxMoves"/>, in area-id order.</summary>
    /// <param name="loads">Each area's load (areas not listed weigh 0).</param>
    /// <param name="placement">Where each area is active (area id → silo).</param>
    /// <param name="activeSilos">The silos that may host areas, in a fixed order (ties go to the earlier).</param>
    /// <param name="pinned">Areas that must not move this round.</param>
    /// <param name="tolerance">How far above the mean silo load the busiest silo may be, 0..1 (0.25 = 25 %).</param>
    /// <param name="maxMoves">Most moves to return, 0..<see cref="MaxBudget"/>.</param>
    public static IReadOnlyList<AreaMove<TSilo>> Plan<TSilo>(
        IReadOnlyDictionary<string, long> loads, IReadOnlyDictionary<string, TSilo> placement, IReadOnlyList<TSilo> activeSilos,
        IReadOnlySet<string> pinned, double tolerance, int maxMoves)
        where TSilo : notnull
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(activeSilos);
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMoves);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMoves, MaxBudget);
        var silos = activeSilos.Distinct().ToList();
        if (silos.Count < 2 || maxMoves == 0) return [];
        var index = silos.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);

        var siloLoad = new long[silos.Count];
        // Ordinal order of area ids: the same plan on every silo and in every run.
        var movable = new List<(string Area, int Silo, long Load)>();
        foreach (var (area, silo) in placement.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!index.TryGetValue(silo, out int s)) continue;
            long load = loads.TryGetValue(area, out var l) ? Math.Max(0, l) : 0;
            siloLoad[s] += load;
            if (!pinned.Contains(area)) movable.Add((area, s, load));
        }
        long current = siloLoad.Max();
        double band = (1 + tolerance) * siloLoad.Sum() / silos.Count;
        if (current <= band) return [];

        // Best (lowest busiest-silo load) plan of each size k, the first found in enumeration order.
        var best = new (long Max, (int Area, int To)[] Moves)[maxMoves + 1];
        best[0] = (current, []);
        var chosen = new (int Area, int To)[maxMoves];
        for (int k = 1; k <= maxMoves; k++)
        {
            best[k] = (long.MaxValue, []);
            Search(k, 0, 0);
        }
        long reachable = best.Min(b => b.Max);
        if (reachable >= current) return [];
        double target = Math.Max(reachable, band);
        for (int k = 1; k <= maxMoves; k++)
            if (best[k].Max <= target)
                return best[k].Moves.Select(m => new AreaMove<TSilo>(movable[m.Area].Area, silos[movable[m.Area].Silo], silos[m.To])).ToList();
        return [];

        // Chooses moves depth..k-1 among the movable areas from position `from` on, loads updated in place.
        void Search(int k, int depth, int from)
        {
            if (depth == k)
            {
                long max = siloLoad.Max();
                if (max < best[k].Max) best[k] = (max, chosen[..k].ToArray());
                return;
            }
            for (int a = from; a <= movable.Count - (k - depth); a++)
            {
                var (_, origin, load) = movable[a];
                for (int to = 0; to < silos.Count; to++)
                {
                    if (to == origin) continue;
                    siloLoad[origin] -= load;
                    siloLoad[to] += load;
                    chosen[depth] = (a, to);
                    Search(k, depth + 1, a + 1);
                    siloLoad[to] -= load;
                    siloLoad[origin] += load;
                }
            }
        }
    }
}
