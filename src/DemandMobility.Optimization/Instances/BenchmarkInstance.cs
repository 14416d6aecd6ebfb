using System.Collections.Immutable;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Instances;

/// <summary>
/// A benchmark instance read from file: the <see cref="Model.Problem"/> to solve plus the mapping back to
/// the file's node ids, so that results can be written with the numbering anyone else uses.
/// </summary>
/// <param name="Name">File name without extension, e.g. <c>a2-16</c> or <c>lr101</c>.</param>
/// <param name="Family">Benchmark set, deciding the comparison rule.</param>
/// <param name="Problem">The problem; matrix location k is the file's node <c>LocationNodeIds[k]</c>.</param>
/// <param name="PickupNodeIds">File node id of each request's pickup (indexed like <see cref="Problem.Requests"/>).</param>
/// <param name="DeliveryNodeIds">File node id of each request's delivery.</param>
/// <param name="StartDepotNodeId">File node id of the start depot (0 in both formats).</param>
/// <param name="EndDepotNodeId">File node id of the end depot (2n+1 for DARP, 0 for Li &amp; Lim).</param>
/// <param name="LocationNodeIds">File node id of every matrix location.</param>
public sealed record BenchmarkInstance(
    string Name,
    BenchmarkFamily Family,
    Problem Problem,
    ImmutableArray<int> PickupNodeIds,
    ImmutableArray<int> DeliveryNodeIds,
    int StartDepotNodeId,
    int EndDepotNodeId,
    ImmutableArray<int> LocationNodeIds)
{
    /// <summary>File node id of a scheduled pickup or delivery stop; -1 for a break.</summary>
    public int NodeId(ScheduledStop stop) => stop.Kind switch
    {
        StopKind.Pickup => PickupNodeIds[stop.Request],
        StopKind.Delivery => DeliveryNodeIds[stop.Request],
        _ => -1,
    };
}
