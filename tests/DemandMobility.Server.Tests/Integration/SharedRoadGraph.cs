using DemandMobility.Routing.Storage;
using DemandMobility.Server.Hosting;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// Builds the north-bayreuth graph once per test run into a temp file that every test host loads, so each host
/// start reads a file instead of extracting the PBF again.
/// </summary>
internal static class SharedRoadGraph
{
    private static readonly Lazy<string> Graph = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string PbfPath => RoadDataLocator.Find("routing-data/north-bayreuth.osm.pbf")
        ?? throw new FileNotFoundException("routing-data/north-bayreuth.osm.pbf not found above " + AppContext.BaseDirectory);

    public static string GraphPath => Graph.Value;

    private static string Build()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dm-server-it-{Environment.ProcessId}", "north-bayreuth.dmg");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Path.GetDirectoryName(path)!, recursive: true); }
            catch (IOException) { /* best effort: a temp folder */ }
        };
        var outcome = GraphStore.LoadOrBuild(PbfPath, path);
        if (!outcome.IsOk) throw new InvalidOperationException(outcome.Message);
        return path;
    }
}
