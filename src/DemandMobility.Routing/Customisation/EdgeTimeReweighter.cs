using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Customisation;

/// <summary>
/// A router over the same roads with other travel times per edge (learned from the fleet): the graph's arrays are
/// shared, only the durations are new, and the hierarchy is contracted again from scratch. Re-contraction of a
/// county-sized region takes about a second; large regions would use a customisable hierarchy instead
/// (metric-independent order, fast customisation: Dibbelt, Strasser &amp; Wagner 2014).
/// </summary>
public static class EdgeTimeReweighter
{
    /// <summary>A new router whose edge e takes <paramref name="secondsPerRoadEdge"/>[e] seconds (indexed by RoadGraph edge).</summary>
    /// <exception cref="ArgumentException">Wrong length, or a time that is not a positive finite number (names the edge).</exception>
    public static RoadRouter WithEdgeTravelTimes(RoadRouter router, ReadOnlySpan<float> secondsPerRoadEdge, ContractionOptions? contraction = null)
    {
        var g = router.Graph;
        if (secondsPerRoadEdge.Length != g.EdgeCount)
            throw new ArgumentException($"{secondsPerRoadEdge.Length} travel times for a graph of {g.EdgeCount} edges.", nameof(secondsPerRoadEdge));
        var durations = new int[g.EdgeCount];
        for (int e = 0; e < durations.Length; e++)
        {
            float s = secondsPerRoadEdge[e];
            if (!float.IsFinite(s) || s <= 0 || s > 86_400)
                throw new ArgumentException($"Edge {e}: travel time {s} s is not a positive number of seconds up to a day.", nameof(secondsPerRoadEdge));
            durations[e] = Math.Max(1, (int)Math.Round(s * 1000.0));
        }
        var reweighted = new RoadGraph(g.LatitudesE7, g.LongitudesE7, g.FirstEdge, g.EdgeTarget, durations, g.EdgeDistanceDm, g.EdgeRoadClass,
            g.EdgeShapeStart, g.ShapeLatitudesE7, g.ShapeLongitudesE7, g.InMainComponent);
        return new RoadRouter(reweighted, HierarchyBuilder.Build(reweighted, contraction), router.Options);
    }
}
