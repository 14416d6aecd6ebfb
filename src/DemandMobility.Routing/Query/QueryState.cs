using DemandMobility.Routing.Contraction;

namespace DemandMobility.Routing.Query;

/// <summary>
/// Per-thread reusable search state (both directions plus scratch lists). Rent one from a
/// <see cref="QueryStatePool"/> per query so that queries allocate nothing proportional to the graph.
/// </summary>
internal sealed class QueryState
{
    public QueryState(ContractionHierarchy ch)
    {
        Forward = new UpwardSearch(ch, forward: true);
        Backward = new UpwardSearch(ch, forward: false);
    }

    public UpwardSearch Forward { get; }
    public UpwardSearch Backward { get; }
    public Stack<(int From, int To, int Info)> UnpackStack { get; } = new();
    public List<(int From, int To, int Info)> Arcs { get; } = new();
    public List<TurnSeed> SourceSeeds { get; } = new();
    public List<TurnSeed> TargetSeeds { get; } = new();
}
