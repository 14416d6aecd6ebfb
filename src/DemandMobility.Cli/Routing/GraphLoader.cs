using DemandMobility.Routing;
using DemandMobility.Routing.Storage;

namespace DemandMobility.Cli.Routing;

/// <summary>Resolves --pbf/--graph to a router, building the graph file on first use.</summary>
internal static class GraphLoader
{
    /// <summary>Returns the router or null with a message on <paramref name="error"/>.</summary>
    public static RoadRouter? Load(string? pbf, string? graph, TextWriter error, out GraphLoadOutcome? outcome)
    {
        outcome = null;
        pbf ??= graph is null ? RegionFiles.FindDefaultPbf() : null;
        if (pbf is null && graph is null)
        {
            error.WriteLine($"error: default region {RegionFiles.DefaultRelativePbf} not found from {Environment.CurrentDirectory}; pass --pbf FILE.osm.pbf or --graph FILE.dmg");
            return null;
        }
        if (pbf is null)
        {
            // Only a graph file: use it as it is (no PBF to check staleness against or to rebuild from).
            var read = GraphFile.Read(graph!);
            if (!read.IsOk) { error.WriteLine($"error: {read.Message}"); return null; }
            return new RoadRouter(read.Content!.Graph, read.Content.Hierarchy);
        }
        try
        {
            outcome = GraphStore.LoadOrBuild(pbf, graph);
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
        if (!outcome.IsOk) { error.WriteLine($"error: {outcome.Message}"); return null; }
        if (outcome.Source != GraphLoadSource.LoadedFromFile) error.WriteLine($"note: {outcome.Message}");
        return new RoadRouter(outcome.Content!.Graph, outcome.Content.Hierarchy);
    }
}
