using System.Diagnostics;
using DemandMobility.Routing.Profiles;

namespace DemandMobility.Routing.Extract;

/// <summary>
/// The extract stage: OSM PBF file + vehicle profile → <see cref="Graph.RoadGraph"/>. Reads the file once
/// (streaming, block by block), keeps all node positions and the drivable ways, detects built-up areas
/// (<see cref="BuiltUpAreas"/>, which decide urban or rural speed per road segment), splits ways into edges at
/// junctions and way ends (inner points become edge shape), computes haversine lengths and profile
/// durations, applies via-node turn restrictions by node splitting, numbers nodes along a Hilbert curve
/// and marks the largest strongly connected component.
/// </summary>
public static class GraphExtractor
{
    /// <summary>Extracts the road graph of <paramref name="pbfPath"/> for <paramref name="profile"/> (default: minibus).</summary>
    /// <exception cref="Pbf.PbfFormatException">The file is not valid OSM PBF.</exception>
    public static ExtractionResult Extract(string pbfPath, VehicleProfile? profile = null)
    {
        profile ??= VehicleProfiles.Minibus;
        var clock = Stopwatch.StartNew();
        var data = RoadDataReader.Read(pbfPath, profile);
        var parseTime = clock.Elapsed;
        int routableWays = data.WayCount;
        var builtUp = BuiltUpAreas.FromRoadData(data);
        var builder = new GraphBuilder(data, builtUp);
        var graph = builder.Build();
        var buildTime = clock.Elapsed - parseTime;

        int main = 0;
        foreach (bool b in graph.InMainComponent)
            if (b) main++;
        var stats = new ExtractionStatistics(
            data.OsmNodes, data.OsmWays, data.OsmRelations, routableWays, builder.MissingRefs,
            graph.NodeCount, graph.EdgeCount, data.RestrictionsRead, builder.RestrictionsApplied,
            builder.ViaWayRestrictionsInvalid, data.RestrictionsInvalid + builder.RestrictionsInvalid,
            builder.SplitNodesAdded, main, parseTime, buildTime, builder.BarriersOnRoads,
            builder.ViaWayRestrictionsApplied, builtUp.CircleCount, builtUp.PolygonCount,
            builder.Segments == 0 ? 0 : (double)builder.UrbanSegments / builder.Segments);
        return new ExtractionResult(graph, stats);
    }
}
