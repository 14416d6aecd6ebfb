using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.LocalSearch;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// Everything the operators of one search share: problem data, the scratch evaluators, the seeded random
/// source and the phase settings (which vehicles may be opened, what an unserved request costs).
/// Single-threaded by design; one context per search.
/// </summary>
internal sealed class SearchContext
{
    public SearchContext(ProblemData data, Random random)
    {
        Data = data;
        Random = random;
        Evaluator = new ScheduleEvaluator(data);
        Pairs = new PairInsertionEvaluator(data, Evaluator);
        SegmentCosts = new RouteCostEvaluator(data);
        VehicleOpen = new bool[data.VehicleCount];
        Array.Fill(VehicleOpen, true);
        Fixed = new bool[data.RequestCount];
        NoiseScale = EstimateArcScale(data);
    }

    public ProblemData Data { get; }
    public Random Random { get; }
    public ScheduleEvaluator Evaluator { get; }
    public PairInsertionEvaluator Pairs { get; }
    /// <summary>O(1) feasibility and cost of candidate routes given as segments (the local-search moves).</summary>
    public RouteCostEvaluator SegmentCosts { get; }
    /// <summary>Vehicles that may receive requests; the route-minimisation phase closes emptied ones.</summary>
    public bool[] VehicleOpen { get; }
    /// <summary>Requests the search may not move (on board, or with a locked stop).</summary>
    public bool[] Fixed { get; }
    /// <summary>When set (route minimisation), the cost of an unserved non-MustServe request.</summary>
    public double? BankPenalty { get; set; }
    /// <summary>Scale of the insertion noise (Ropke &amp; Pisinger 2006: η × largest arc cost).</summary>
    public double NoiseScale { get; }

    public double UnservedCost(int request) =>
        BankPenalty is double p && !Data.MustServe[request] ? p : Data.UnservedCost(request);

    private static double EstimateArcScale(ProblemData data)
    {
        // Largest arc among up to 200 request locations: enough for a noise scale, O(1) in problem size.
        var w = data.Weights;
        int n = Math.Min(200, data.RequestCount);
        double max = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                int la = data.Pickups[a].Location, lb = data.Deliveries[b].Location;
                double c = w.Distance * data.Matrix.Distance(la, lb) + w.TravelTime * data.Matrix.Duration(la, lb);
                if (c > max) max = c;
            }
        return max;
    }
}
