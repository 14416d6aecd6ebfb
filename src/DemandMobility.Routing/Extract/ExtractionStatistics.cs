namespace DemandMobility.Routing.Extract;

/// <summary>Counts and timings of one graph extraction.</summary>
/// <param name="OsmNodes">Nodes read from the file.</param>
/// <param name="OsmWays">Ways read from the file.</param>
/// <param name="OsmRelations">Relations read from the file.</param>
/// <param name="RoutableWays">Ways the profile found drivable (in at least one direction).</param>
/// <param name="MissingNodeRefs">Way references to nodes absent from the file (clipped extracts); the way is cut there.</param>
/// <param name="GraphNodes">Nodes of the resulting graph (including split copies).</param>
/// <param name="GraphEdges">Directed edges of the resulting graph.</param>
/// <param name="RestrictionsRead">Turn-restriction relations relevant to the profile.</param>
/// <param name="RestrictionsApplied">Via-node restrictions applied by node splitting.</param>
/// <param name="ViaWayRestrictionsIgnored">Restrictions with a via way that could not be applied (several via ways or via edges, ways not meeting).</param>
/// <param name="RestrictionsInvalid">Restrictions that could not be matched to the graph (missing members, non-drivable ways, from/to not at via).</param>
/// <param name="SplitNodesAdded">Extra graph nodes created by splitting restricted via nodes.</param>
/// <param name="MainComponentNodes">Nodes in the largest strongly connected component.</param>
/// <param name="ParseTime">Time to read and decode the PBF and apply the profile.</param>
/// <param name="BuildTime">Time to build the graph (splitting, restrictions, SCC, ordering).</param>
/// <param name="BlockingBarriers">Barrier nodes on drivable ways that cut the way (bollards etc.).</param>
/// <param name="ViaWayRestrictionsApplied">Via-way restrictions matched to edges (applied by the turn-aware graph).</param>
/// <param name="BuiltUpCircles">Settlement circles from place nodes (built-up-area stage).</param>
/// <param name="BuiltUpPolygons">Settlement polygons from landuse ways (built-up-area stage).</param>
/// <param name="UrbanSegmentShare">Share of road segments (between way nodes) inside built-up areas.</param>
public sealed record ExtractionStatistics(
    long OsmNodes,
    long OsmWays,
    long OsmRelations,
    int RoutableWays,
    int MissingNodeRefs,
    int GraphNodes,
    int GraphEdges,
    int RestrictionsRead,
    int RestrictionsApplied,
    int ViaWayRestrictionsIgnored,
    int RestrictionsInvalid,
    int SplitNodesAdded,
    int MainComponentNodes,
    TimeSpan ParseTime,
    TimeSpan BuildTime,
    int BlockingBarriers = 0,
    int ViaWayRestrictionsApplied = 0,
    int BuiltUpCircles = 0,
    int BuiltUpPolygons = 0,
    double UrbanSegmentShare = 0)
{
    /// <summary>Total extraction time.</summary>
    public TimeSpan TotalTime => ParseTime + BuildTime;
}
