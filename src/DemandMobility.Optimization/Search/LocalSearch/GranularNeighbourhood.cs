using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// Whether the pair local searches (relocate, exchange) of one run work on a granular neighbourhood, and their
/// neighbour lists, built once per problem: the routes passing near a request's stops (<see cref="StopNeighbours"/>)
/// for relocate, the requests nearest in space and time (<see cref="RequestNeighbours.SpaceTime"/>) for exchange.
/// Below <see cref="From"/> requests (the published benchmark sets) they search their full neighbourhoods, as before.
/// </summary>
/// <remarks>
/// On a whole day of a large service, relocate over every route re-evaluates each request against about a hundred
/// routes of a hundred-odd stops, most of them hours away: one pass over 6,000 requests outlasted a 3-minute limit.
/// Restricted to the routes passing near a request's stops at about the right time (Toth &amp; Vigo 2003), a pass costs
/// a few route evaluations per request.
/// </remarks>
internal sealed class GranularNeighbourhood(int from, int neighbours)
{
    private RequestNeighbours? _lists;
    private Routes.ProblemData? _for;
    private StopNeighbours? _passing;
    private Routes.ProblemData? _passingFor;

    /// <summary>Requests from which the neighbourhoods are granular.</summary>
    public int From { get; } = from;

    /// <summary>Whether the neighbourhoods of <paramref name="ctx"/>'s problem are granular.</summary>
    public bool Applies(SearchContext ctx) => ctx.Data.RequestCount >= From;

    /// <summary>The space-time neighbour lists of <paramref name="ctx"/>'s problem (built on first use).</summary>
    public RequestNeighbours Lists(SearchContext ctx)
    {
        if (_lists is null || !ReferenceEquals(_for, ctx.Data))
        {
            _lists = RequestNeighbours.SpaceTime(ctx.Data, neighbours);
            _for = ctx.Data;
        }
        return _lists;
    }

    /// <summary>The stop neighbour lists of <paramref name="ctx"/>'s problem (built on first use).</summary>
    public StopNeighbours Passing(SearchContext ctx)
    {
        if (_passing is null || !ReferenceEquals(_passingFor, ctx.Data))
        {
            _passing = StopNeighbours.Build(ctx.Data, neighbours);
            _passingFor = ctx.Data;
        }
        return _passing;
    }
}
