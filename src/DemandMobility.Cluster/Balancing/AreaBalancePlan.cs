namespace DemandMobility.Cluster.Balancing;

/// <summary>
/// Which areas to move so that every active silo hosts ⌊N/S⌋ or ⌈N/S⌉ of the N placed areas. Greedy: move one area
/// from a silo hosting the most to one hosting the fewest while they differ by more than one. Each move lowers the
/// surplus above the target counts by one and never creates new surplus, so the greedy plan uses the fewest moves
/// possible (the sum of the surpluses when the ⌈N/S⌉ targets go to the busiest silos); areas on silos that are not
/// active are left alone (they are moving already).
/// </summary>
public static class AreaBalancePlan
{
    /// <summary>The moves, at most <paramref name="maxMoves"/>, in order.</summary>
    /// <param name="placement">Where each area is active (area id → silo).</param>
    /// <param name="activeSilos">The silos that may host areas, in a fixed order (ties go to the earlier).</param>
    /// <param name="maxMoves">Most moves to return.</param>
    public static IReadOnlyList<AreaMove<TSilo>> Plan<TSilo>(IReadOnlyDictionary<string, TSilo> placement, IReadOnlyList<TSilo> activeSilos, int maxMoves)
        where TSilo : notnull
    {
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(activeSilos);
        var hosted = activeSilos.Distinct().ToDictionary(s => s, _ => new List<string>());
        // Ordinal order of area ids: the same plan on every silo and in every run.
        foreach (var (area, silo) in placement.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (hosted.TryGetValue(silo, out var areas)) areas.Add(area);
        var order = activeSilos.Distinct().ToList();
        var moves = new List<AreaMove<TSilo>>();
        while (moves.Count < maxMoves && order.Count > 1)
        {
            var busiest = order.MaxBy(s => hosted[s].Count)!;
            var idlest = order.MinBy(s => hosted[s].Count)!;
            if (hosted[busiest].Count - hosted[idlest].Count <= 1) break;
            // The last area in id order moves: the plan stays stable from round to round.
            var area = hosted[busiest][^1];
            hosted[busiest].RemoveAt(hosted[busiest].Count - 1);
            hosted[idlest].Add(area);
            moves.Add(new AreaMove<TSilo>(area, busiest, idlest));
        }
        return moves;
    }
}
