namespace DemandMobility.Optimization.Search.Alns;

/// <summary>A repair operator of the large neighbourhood search: inserts unassigned requests where they fit.</summary>
internal interface IRecreateOperator
{
    string Name { get; }
    void Recreate(SearchContext ctx, SearchState state);
}
