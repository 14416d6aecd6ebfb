using DemandMobility.Routing;
using DemandMobility.Routing.Extract;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// The embedded north-Bayreuth road network (around <see cref="Harness.Origin"/>), extracted and contracted once per test
/// run; snapping reaches 3 km, so the harness's random depots find a road.
/// </summary>
internal static class RoadRegion
{
    private static readonly Lazy<RoadRouter> LazyRouter = new(() => RoadRouter.Build(GraphExtractor.Extract(Locate()).Graph, new RouterOptions(MaxSnapDistanceMetres: 3000)));

    public static RoadRouter Router => LazyRouter.Value;

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
