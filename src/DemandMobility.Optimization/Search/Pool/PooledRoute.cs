using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Pool;

/// <summary>
/// One route kept in the <see cref="RoutePool"/>: the requests it serves (sorted), the cheapest stop sequence seen
/// for exactly that request set, and its cost. Mutable only through the pool (a cheaper sequence replaces it).
/// </summary>
internal sealed class PooledRoute
{
    public PooledRoute(int[] requests, StopNode[] stops, double cost)
    {
        Requests = requests;
        Stops = stops;
        Cost = cost;
    }

    /// <summary>Request indices served, ascending.</summary>
    public int[] Requests { get; }
    /// <summary>The stop sequence (breaks included).</summary>
    public StopNode[] Stops { get; internal set; }
    /// <summary>Route cost as computed by the schedule evaluator (<see cref="RouteMetrics.Cost"/>).</summary>
    public double Cost { get; internal set; }
}
