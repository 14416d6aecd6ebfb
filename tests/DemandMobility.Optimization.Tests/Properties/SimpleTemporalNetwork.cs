namespace DemandMobility.Optimization.Tests.Properties;

/// <summary>
/// A system of difference constraints x_j − x_i ≤ c (a simple temporal network, Dechter, Meiri &amp; Pearl
/// 1991): feasible iff the constraint graph has no negative cycle, and then the shortest distances from a
/// virtual source are a solution. Used by the brute-force reference to decide exactly whether a stop sequence
/// has a schedule, independently of the solver's scheduling logic.
/// </summary>
internal sealed class SimpleTemporalNetwork(int variables)
{
    private readonly List<(int From, int To, double Weight)> _edges = new();

    /// <summary>Adds x[to] − x[from] ≤ bound; an infinite bound adds nothing.</summary>
    public void AtMost(int from, int to, double bound)
    {
        if (double.IsFinite(bound)) _edges.Add((from, to, bound));
    }

    /// <summary>Bellman–Ford from a virtual source joined to every variable with weight 0; null on a negative cycle.</summary>
    public double[]? Solve()
    {
        var d = new double[variables];
        for (int round = 0; round <= variables; round++)
        {
            bool changed = false;
            foreach (var (from, to, w) in _edges)
                if (d[from] + w < d[to] - 1e-9)
                {
                    d[to] = d[from] + w;
                    changed = true;
                }
            if (!changed) return d;
        }
        return null;
    }
}
