using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// For each request, the <see cref="Count"/> nearest other requests by pickup-to-pickup plus delivery-to-delivery
/// travel time: the partners exchange tries (as the granular neighbourhoods of Toth &amp; Vigo 2003).
/// </summary>
internal sealed class RequestNeighbours
{
    public RequestNeighbours(ProblemData data, int count)
    {
        int n = data.RequestCount;
        Count = Math.Max(0, Math.Min(count, n - 1));
        Near = new int[n * Count];
        if (Count == 0) return;
        var keys = new double[n];
        var items = new int[n];
        var m = data.Matrix;
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                items[b] = b;
                keys[b] = b == a ? double.PositiveInfinity
                    : m.Duration(data.Pickups[a].Location, data.Pickups[b].Location) + m.Duration(data.Deliveries[a].Location, data.Deliveries[b].Location);
            }
            Array.Sort(keys, items);
            Array.Copy(items, 0, Near, a * Count, Count);
        }
    }

    /// <summary>Neighbours per request.</summary>
    public int Count { get; }
    /// <summary>Request a's neighbours, nearest first, at Near[a * Count .. a * Count + Count).</summary>
    public int[] Near { get; }
}
