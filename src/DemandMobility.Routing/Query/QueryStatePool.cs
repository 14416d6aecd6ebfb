using System.Collections.Concurrent;
using DemandMobility.Routing.Contraction;

namespace DemandMobility.Routing.Query;

/// <summary>Thread-safe pool of <see cref="QueryState"/>: at most one state per concurrently running query.</summary>
internal sealed class QueryStatePool
{
    private readonly ContractionHierarchy _ch;
    private readonly ConcurrentBag<QueryState> _free = new();

    public QueryStatePool(ContractionHierarchy ch) => _ch = ch;

    public QueryState Rent() => _free.TryTake(out var s) ? s : new QueryState(_ch);

    public void Return(QueryState state) => _free.Add(state);
}
