using System.Collections.Immutable;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Matching;

/// <summary>
/// Hidden-Markov map matching after Newson &amp; Krumm (2009, "Hidden Markov map matching through noise and
/// sparseness", ACM SIGSPATIAL GIS): the hidden states of a fix are its candidate road positions within a radius;
/// the emission probability is a zero-mean Gaussian of the GPS distance (σ); the transition probability between
/// candidates of consecutive fixes is an exponential of |great-circle distance − road route distance| (β); the
/// Viterbi algorithm finds the most likely sequence. As in the paper, a step with no possible transition breaks the
/// chain and matching restarts there. Fixes a vehicle barely moved between (&lt; 2σ) may move back a little on the
/// same edge (GPS jitter); elsewhere routes follow the one-way rules of the graph. Thread-safe: each call has its
/// own search state; the graph and index are immutable.
/// </summary>
public sealed class HmmMapMatcher
{
    private readonly RoadGraph _g;
    private readonly EdgeTopology _topology;
    private readonly EdgeCandidateIndex _index;
    private readonly MatchOptions _options;

    /// <summary>Builds the candidate index over <paramref name="graph"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message names each setting).</exception>
    public HmmMapMatcher(RoadGraph graph, MatchOptions? options = null)
    {
        _options = options ?? new MatchOptions();
        var errors = _options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid match options: " + string.Join(" ", errors), nameof(options));
        _g = graph;
        _topology = EdgeTopology.Build(graph);
        _index = new EdgeCandidateIndex(graph, _topology);
    }

    /// <summary>The graph matched onto.</summary>
    public RoadGraph Graph => _g;

    /// <summary>Matches a trace (fixes in time order).</summary>
    public MatchedTrace Match(IReadOnlyList<GpsFix> fixes)
    {
        int n = fixes.Count;
        var candidates = new List<EdgeCandidate>[n];
        for (int i = 0; i < n; i++)
            candidates[i] = _index.Within(fixes[i].Latitude, fixes[i].Longitude, _options.SearchRadiusMetres, _options.MaxCandidates);

        var search = new RouteDistanceSearch(_g);
        var score = new double[n][];
        var back = new int[n][];
        var chainStart = new bool[n];
        int breaks = 0, previous = -1;
        for (int i = 0; i < n; i++)
        {
            var cs = candidates[i];
            score[i] = new double[cs.Count];
            back[i] = new int[cs.Count];
            if (cs.Count == 0) continue;
            bool linked = false;
            if (previous >= 0)
            {
                Array.Fill(score[i], double.NegativeInfinity);
                Array.Fill(back[i], -1);
                double straight = Haversine(fixes[previous], fixes[i]);
                long boundDm = BoundDm(straight, fixes[i].Seconds - fixes[previous].Seconds);
                var pcs = candidates[previous];
                for (int a = 0; a < pcs.Count; a++)
                {
                    if (double.IsNegativeInfinity(score[previous][a])) continue;
                    search.Run(_g.EdgeTarget[pcs[a].Edge], boundDm);
                    for (int b = 0; b < cs.Count; b++)
                    {
                        double route = RouteMetres(pcs[a], cs[b], search, straight);
                        if (!double.IsFinite(route) || route * 10 > boundDm) continue;
                        double s = score[previous][a] + LogTransition(straight, route) + LogEmission(cs[b].DistanceMetres);
                        if (s > score[i][b]) { score[i][b] = s; back[i][b] = a; }
                    }
                }
                linked = Array.Exists(score[i], double.IsFinite);
                if (!linked) breaks++;
            }
            if (!linked)
            {
                chainStart[i] = true;
                for (int b = 0; b < cs.Count; b++) { score[i][b] = LogEmission(cs[b].DistanceMetres); back[i][b] = -1; }
            }
            previous = i;
        }

        // Back-trace each chain from its best final state.
        var chosen = new int[n];
        Array.Fill(chosen, -1);
        int next = -1;
        for (int i = n - 1; i >= 0; i--)
        {
            if (candidates[i].Count == 0) continue;
            if (next < 0 || chosen[next] < 0 || chainStart[next]) chosen[i] = ArgMax(score[i]);
            else chosen[i] = back[next][chosen[next]];
            next = i;
        }

        var matched = ImmutableArray.CreateBuilder<EdgeCandidate?>(n);
        for (int i = 0; i < n; i++) matched.Add(chosen[i] >= 0 ? candidates[i][chosen[i]] : null);
        var traversals = ImmutableArray.CreateBuilder<MatchedTraversal>();
        var edges = new List<int>();
        previous = -1;
        for (int i = 0; i < n; i++)
        {
            if (chosen[i] < 0) continue;
            if (previous >= 0 && !chainStart[i])
            {
                var from = candidates[previous][chosen[previous]];
                var to = candidates[i][chosen[i]];
                var pieces = Pieces(from, to, search, edges, Haversine(fixes[previous], fixes[i]), fixes[i].Seconds - fixes[previous].Seconds);
                if (!pieces.IsDefault) traversals.Add(new MatchedTraversal(previous, i, fixes[i].Seconds - fixes[previous].Seconds, pieces));
            }
            previous = i;
        }
        return new MatchedTrace(matched.MoveToImmutable(), traversals.ToImmutable(), breaks);
    }

    private double EdgeMetres(int e) => _g.EdgeDistanceDm[e] / 10.0;

    /// <summary>Road distance from candidate <paramref name="a"/> to <paramref name="b"/>; the search must have run from a's edge target.</summary>
    private double RouteMetres(EdgeCandidate a, EdgeCandidate b, RouteDistanceSearch search, double straight)
    {
        if (a.Edge == b.Edge)
        {
            double along = (b.Fraction - a.Fraction) * EdgeMetres(a.Edge);
            if (along >= 0) return along;
            // Standing still, the fix jitters backwards: allow what the GPS error explains.
            if (-along <= 2 * _options.SigmaMetres && straight <= 2 * _options.SigmaMetres) return -along;
        }
        long mid = search.DistanceDm(_topology.EdgeSource[b.Edge]);
        if (mid == long.MaxValue) return double.PositiveInfinity;
        return (1 - a.Fraction) * EdgeMetres(a.Edge) + mid / 10.0 + b.Fraction * EdgeMetres(b.Edge);
    }

    /// <summary>The longest route possible between two fixes, decimetres.</summary>
    private long BoundDm(double straight, double seconds) =>
        (long)(Math.Min(straight * _options.MaxRouteFactor, Math.Max(0, seconds) * _options.MaxSpeedMetresPerSecond) * 10 + _options.RouteSlackMetres * 10);

    private ImmutableArray<EdgePiece> Pieces(EdgeCandidate a, EdgeCandidate b, RouteDistanceSearch search, List<int> edges, double straight, double seconds)
    {
        if (a.Edge == b.Edge && (b.Fraction >= a.Fraction || (a.Fraction - b.Fraction) * EdgeMetres(a.Edge) <= 2 * _options.SigmaMetres && straight <= 2 * _options.SigmaMetres))
            return [new EdgePiece(a.Edge, Math.Min(a.Fraction, b.Fraction), Math.Max(a.Fraction, b.Fraction))];
        search.Run(_g.EdgeTarget[a.Edge], BoundDm(straight, seconds));
        int target = _topology.EdgeSource[b.Edge];
        if (search.DistanceDm(target) == long.MaxValue) return default;
        edges.Clear();
        search.PathTo(target, edges, _topology.EdgeSource);
        var pieces = ImmutableArray.CreateBuilder<EdgePiece>(edges.Count + 2);
        pieces.Add(new EdgePiece(a.Edge, a.Fraction, 1));
        foreach (int e in edges) pieces.Add(new EdgePiece(e, 0, 1));
        pieces.Add(new EdgePiece(b.Edge, 0, b.Fraction));
        return pieces.MoveToImmutable();
    }

    /// <summary>log of the Gaussian emission density (Newson &amp; Krumm eq. 1); the constant is kept so chains compare.</summary>
    private double LogEmission(double metres)
    {
        double z = metres / _options.SigmaMetres;
        return -0.5 * z * z - Math.Log(Math.Sqrt(2 * Math.PI) * _options.SigmaMetres);
    }

    /// <summary>log of the exponential transition density (Newson &amp; Krumm eq. 2).</summary>
    private double LogTransition(double straight, double route) =>
        -Math.Abs(straight - route) / _options.BetaMetres - Math.Log(_options.BetaMetres);

    private static double Haversine(GpsFix a, GpsFix b) =>
        GeoMath.HaversineMetres(a.Latitude, a.Longitude, b.Latitude, b.Longitude);

    private static int ArgMax(double[] values)
    {
        int best = -1;
        for (int i = 0; i < values.Length; i++)
            if (double.IsFinite(values[i]) && (best < 0 || values[i] > values[best])) best = i;
        return best;
    }
}
