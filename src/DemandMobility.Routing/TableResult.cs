using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing;

/// <summary>
/// Result of <see cref="RoadRouter.Table"/>: one row per requested source and one column per requested
/// destination, in request order, so the index map from request to matrix is the identity. A cell is
/// <see cref="Unreachable"/> (never 0) when either point did not snap or no path exists; the per-point
/// snap outcomes say which. <see cref="SnappedSources"/>/<see cref="SnappedDestinations"/> list the request
/// indices that did snap, for callers that want to drop the others.
/// </summary>
public sealed record TableResult(
    int SourceCount,
    int DestinationCount,
    long[] DurationsMs,
    long[] DistancesDm,
    SnappedPoint[] SourceSnaps,
    SnappedPoint[] DestinationSnaps,
    int[] SnappedSources,
    int[] SnappedDestinations)
{
    /// <summary>Marker for cells without a route.</summary>
    public const long Unreachable = -1;

    /// <summary>True if the cell has a route.</summary>
    public bool IsReachable(int source, int destination) => DurationsMs[(long)source * DestinationCount + destination] != Unreachable;

    /// <summary>Travel time in seconds, or null when unreachable.</summary>
    public double? DurationSeconds(int source, int destination)
    {
        long v = DurationsMs[(long)source * DestinationCount + destination];
        return v == Unreachable ? null : v / 1000.0;
    }

    /// <summary>Length of the fastest path in metres, or null when unreachable.</summary>
    public double? DistanceMetres(int source, int destination)
    {
        long v = DistancesDm[(long)source * DestinationCount + destination];
        return v == Unreachable ? null : v / 10.0;
    }

    /// <summary>Number of cells without a route (including those of unsnapped points).</summary>
    public int UnreachableCount
    {
        get
        {
            int c = 0;
            foreach (long v in DurationsMs) if (v == Unreachable) c++;
            return c;
        }
    }
}
