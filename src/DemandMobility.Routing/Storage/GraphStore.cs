using System.Diagnostics;
using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Profiles;

namespace DemandMobility.Routing.Storage;

/// <summary>
/// The pipeline's entry point for callers (CLI, service): returns an up-to-date graph for a PBF, reading
/// the graph file beside it when it is intact and current, and otherwise extracting + contracting and
/// writing a fresh file. A damaged file is never patched in place; it is replaced atomically.
/// </summary>
public static class GraphStore
{
    /// <summary>Graph file path used by default: the PBF path with <c>.osm.pbf</c> (or <c>.pbf</c>) replaced by <c>.dmg</c>.</summary>
    public static string DefaultGraphPath(string pbfPath)
    {
        string name = pbfPath;
        if (name.EndsWith(".osm.pbf", StringComparison.OrdinalIgnoreCase)) name = name[..^8];
        else if (name.EndsWith(".pbf", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        return name + ".dmg";
    }

    /// <summary>
    /// Identity string of a profile: its name plus a fingerprint of the routing code (module version id).
    /// The profile is code, so any change to it changes the fingerprint and marks older files stale.
    /// </summary>
    public static string ProfileId(VehicleProfile profile) =>
        $"{profile.Name}/{typeof(GraphStore).Module.ModuleVersionId:N}";

    /// <summary>Loads the graph file for the PBF, or (re)builds it when missing, stale or damaged.</summary>
    /// <param name="pbfPath">Source OSM PBF; may be absent if an intact graph file exists.</param>
    /// <param name="graphPath">Graph file; default <see cref="DefaultGraphPath"/>.</param>
    /// <param name="profile">Vehicle profile; default minibus.</param>
    /// <param name="contraction">Contraction settings for a build.</param>
    /// <exception cref="Pbf.PbfFormatException">The PBF had to be read and is malformed.</exception>
    public static GraphLoadOutcome LoadOrBuild(string pbfPath, string? graphPath = null, VehicleProfile? profile = null, ContractionOptions? contraction = null)
    {
        profile ??= VehicleProfiles.Minibus;
        graphPath ??= DefaultGraphPath(pbfPath);
        var timings = new Dictionary<string, TimeSpan>();
        var clock = Stopwatch.StartNew();
        bool havePbf = File.Exists(pbfPath);
        var expected = havePbf ? GraphSourceIdentity.Of(pbfPath, ProfileId(profile)) : null;
        timings["identity"] = clock.Elapsed;

        clock.Restart();
        var read = GraphFile.Read(graphPath, expected);
        timings["load"] = clock.Elapsed;
        if (read.IsOk) return new GraphLoadOutcome(read.Content, GraphLoadSource.LoadedFromFile, graphPath, read.Message, timings, null);
        if (!havePbf)
        {
            string why = read.Status == GraphFileStatus.Missing
                ? $"{pbfPath}: OSM PBF file not found and there is no graph file {graphPath}"
                : $"{read.Message}; cannot rebuild because the OSM PBF file {pbfPath} does not exist";
            return new GraphLoadOutcome(null, GraphLoadSource.LoadedFromFile, graphPath, why, timings, null);
        }

        var (content, stats) = Build(pbfPath, expected!, profile, contraction, timings);
        clock.Restart();
        GraphFile.Write(graphPath, content);
        timings["write"] = clock.Elapsed;
        var source = read.Status == GraphFileStatus.Missing ? GraphLoadSource.BuiltMissingFile : GraphLoadSource.RebuiltBadFile;
        string message = read.Status == GraphFileStatus.Missing ? $"{graphPath}: built from {pbfPath}" : $"{read.Message}; rebuilt from {pbfPath}";
        return new GraphLoadOutcome(content, source, graphPath, message, timings, stats);
    }

    /// <summary>Extracts and contracts without touching any graph file.</summary>
    public static (GraphFileContent Content, ExtractionStatistics Statistics) Build(
        string pbfPath, GraphSourceIdentity identity, VehicleProfile profile, ContractionOptions? contraction, IDictionary<string, TimeSpan> timings)
    {
        var clock = Stopwatch.StartNew();
        var extraction = GraphExtractor.Extract(pbfPath, profile);
        timings["extract"] = clock.Elapsed;
        clock.Restart();
        // The hierarchy of the turn-aware graph with the standard turn costs (what RoadRouter expects).
        var hierarchy = HierarchyBuilder.Build(Graph.TurnGraph.Build(extraction.Graph).SearchGraph(), contraction);
        timings["contract"] = clock.Elapsed;
        return (new GraphFileContent(identity, extraction.Graph, hierarchy), extraction.Statistics);
    }
}
