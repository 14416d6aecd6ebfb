using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Routing.Storage;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Tests.Support;

/// <summary>
/// The real north-bayreuth road network, built once per test run into a temp graph file (never the shared one
/// beside the PBF, which other test projects may be writing) and shared by every test.
/// </summary>
internal static class TestRoadNetwork
{
    private static readonly Lazy<ITravelTimeService> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string PbfPath =>
        Path.Combine(RepositoryPaths.FindRoot(AppContext.BaseDirectory) ?? throw new DirectoryNotFoundException("DemandMobility.sln not found above " + AppContext.BaseDirectory),
            "routing-data", "north-bayreuth.osm.pbf");

    public static ITravelTimeService Travel => Shared.Value;

    private static ITravelTimeService Load()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"dm-sim-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { /* best effort: a temp folder */ }
        };
        var outcome = GraphStore.LoadOrBuild(PbfPath, Path.Combine(dir, "north-bayreuth.dmg"));
        if (!outcome.IsOk) throw new InvalidOperationException(outcome.Message);
        return new RoadRouterTravelTimeService(new RoadRouter(outcome.Content!.Graph, outcome.Content.Hierarchy));
    }
}
