using DemandMobility.Routing.Extract;

namespace DemandMobility.Routing.Tests.Query;

/// <summary>The embedded north-Bayreuth region, extracted and contracted once per test run.</summary>
internal static class RealRegion
{
    public static string PbfPath { get; } = Locate();

    private static readonly Lazy<Graph.RoadGraph> LazyGraph = new(() => GraphExtractor.Extract(PbfPath).Graph);
    private static readonly Lazy<RoadRouter> LazyRouter = new(() => RoadRouter.Build(LazyGraph.Value));
    private static readonly Lazy<RoadRouter> LazyNodeBased = new(() => RoadRouter.BuildNodeBased(LazyGraph.Value));

    /// <summary>The turn-aware router (the default engine).</summary>
    public static RoadRouter Router => LazyRouter.Value;

    /// <summary>The node-based router on the same graph (no turn costs).</summary>
    public static RoadRouter NodeBasedRouter => LazyNodeBased.Value;

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string p = Path.Combine(dir.FullName, "routing-data", "north-bayreuth.osm.pbf");
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("routing-data/north-bayreuth.osm.pbf not found above " + AppContext.BaseDirectory);
    }
}
