using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>Builds the solver's working state for a problem so that single operators can be tested on their own.</summary>
internal static class SearchStateFixture
{
    /// <summary>The search context and state for <paramref name="plan"/> (null: every request unassigned).</summary>
    public static (SearchContext Ctx, SearchState State) Build(Problem p, Solution? plan, int seed)
    {
        var data = new ProblemData(p);
        var ctx = new SearchContext(data, new Random(seed));
        var routes = RouteFactory.Build(data, plan, ctx.Evaluator, new bool[data.RequestCount]);
        var state = new SearchState(routes, data.RequestCount);
        for (int r = 0; r < data.RequestCount; r++)
            if (state.RouteOf[r] < 0) state.Unassigned.Add(r);
        return (ctx, state);
    }
}
