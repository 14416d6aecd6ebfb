using System.Globalization;
using Google.OrTools.Sat;

namespace DemandMobility.Optimization.Search.Pool;

/// <summary>
/// Exact set partitioning over a pool of columns with Google OR-Tools' CP-SAT: every element must be covered by
/// exactly one chosen column, at most a given number of columns may be chosen, and the total cost is minimised. Used to
/// recombine routes collected during the search into a better solution.
/// </summary>
/// <remarks>
/// Idea: the route-pool recombination of Rochat &amp; Taillard (1995, "Probabilistic diversification and
/// intensification in local search for vehicle routing", Journal of Heuristics 1) and its use in LNS for the
/// dial-a-ride problem by Parragh &amp; Schmid (2013, "Hybrid column generation and large neighborhood search for
/// the dial-a-ride problem", Computers &amp; Operations Research 40), Section 3.3, who solve the set partitioning
/// problem over the pooled routes with a MIP solver. CP-SAT needs integer costs: they are scaled by
/// <see cref="CostScale"/> and rounded, and the chosen columns' cost is then recomputed in floating point, so a
/// reported partition is always checked against the bound with the true costs. One search worker and a limit in
/// CP-SAT's deterministic time make every call reproducible, whatever the machine's load.
/// </remarks>
internal sealed class SetPartitioningSolver
{
    private const double CostScale = 1_000;

    /// <summary>
    /// Finds the cheapest partition of elements <c>0..elementCount−1</c> into at most <paramref name="maxColumns"/>
    /// of the given columns whose cost is below <paramref name="upperBound"/>.
    /// </summary>
    /// <param name="elementCount">Number of elements to cover.</param>
    /// <param name="sets">Per column, its elements (distinct, each in <c>[0, elementCount)</c>).</param>
    /// <param name="costs">Per column, its cost (non-negative).</param>
    /// <param name="maxColumns">Most columns a partition may use.</param>
    /// <param name="upperBound">Only partitions strictly cheaper than this are reported.</param>
    /// <param name="workLimit">CP-SAT's deterministic time limit (its work units, roughly seconds on a fast core).</param>
    public SetPartitioningResult Solve(int elementCount, IReadOnlyList<int[]> sets, IReadOnlyList<double> costs, int maxColumns, double upperBound, double workLimit)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(costs);
        if (sets.Count != costs.Count) throw new ArgumentException("sets and costs differ in length.", nameof(costs));
        int m = sets.Count;
        var byElement = new List<int>[elementCount];
        for (int e = 0; e < elementCount; e++) byElement[e] = new List<int>();
        for (int c = 0; c < m; c++)
            foreach (int e in sets[c])
            {
                if ((uint)e >= (uint)elementCount) throw new ArgumentException($"column {c} holds element {e}, outside [0, {elementCount}).", nameof(sets));
                byElement[e].Add(c);
            }
        var none = new SetPartitioningResult(false, Array.Empty<int>(), upperBound, 0, true);
        foreach (var covering in byElement)
            if (covering.Count == 0) return none;

        var model = new CpModel();
        var chosen = new BoolVar[m];
        var scaled = new long[m];
        for (int c = 0; c < m; c++)
        {
            chosen[c] = model.NewBoolVar("c" + c.ToString(CultureInfo.InvariantCulture));
            scaled[c] = (long)Math.Round(costs[c] * CostScale);
        }
        foreach (var covering in byElement)
            model.AddExactlyOne(covering.Select(c => (ILiteral)chosen[c]));
        model.Add(LinearExpr.Sum(chosen) <= maxColumns);
        var objective = LinearExpr.WeightedSum(chosen, scaled);
        // Rounding moves each column's cost by at most 0.5 / CostScale: the bound is widened by that much per element
        // (a partition has at most elementCount columns), and the true cost decides below.
        if (!double.IsPositiveInfinity(upperBound))
            model.Add(objective <= (long)Math.Ceiling(upperBound * CostScale + 0.5 * elementCount));
        model.Minimize(objective);

        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"num_workers:1 random_seed:0 max_deterministic_time:{workLimit} log_search_progress:false"),
        };
        var status = solver.Solve(model);
        long branches = solver.NumBranches();
        bool complete = status is CpSolverStatus.Optimal or CpSolverStatus.Infeasible;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            return none with { Nodes = branches, Complete = complete };
        var columns = new List<int>();
        double cost = 0;
        for (int c = 0; c < m; c++)
            if (solver.BooleanValue(chosen[c]))
            {
                columns.Add(c);
                cost += costs[c];
            }
        if (!(cost < upperBound - 1e-9)) return none with { Nodes = branches, Complete = complete };
        return new SetPartitioningResult(true, columns.ToArray(), cost, branches, complete);
    }
}
