using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Routing.Profiles;
using DemandMobility.Routing.Storage;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>Registers the road router and the dispatcher's <see cref="ITravelTimeService"/> over it.</summary>
public static class RoutingHostExtensions
{
    /// <summary>
    /// Registers <see cref="RoadRouter"/> (loaded from the graph file, or built from <c>Routing:PbfPath</c> and
    /// written to <c>Routing:GraphFile</c>, default <c>&lt;DataDirectory&gt;/&lt;name&gt;.dmg</c>) and
    /// <see cref="ITravelTimeService"/> as <see cref="RoadRouterTravelTimeService"/>. There is no silent
    /// fallback: when no graph can be obtained, resolving the router throws <see cref="RoadNetworkException"/>.
    /// </summary>
    public static IHostApplicationBuilder AddRoadRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => Load(
            sp.GetRequiredService<IOptions<RoutingOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RoutingHostExtensions).FullName!)));
        builder.Services.AddSingleton<ITravelTimeService>(sp => new RoadRouterTravelTimeService(sp.GetRequiredService<RoadRouter>()));
        builder.Services.AddSingleton(sp => LoadPlaces(
            sp.GetRequiredService<IOptions<RoutingOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RoutingHostExtensions).FullName!)));
        return builder;
    }

    /// <summary>
    /// The place index of the extract (stop names), built once and cached next to the graph file
    /// (<c>&lt;DataDirectory&gt;/&lt;name&gt;.places</c>); without an extract stops stay unnamed.
    /// </summary>
    private static RegionPlaces LoadPlaces(RoutingOptions routing, StorageOptions storage, ILogger logger)
    {
        string? pbf = string.IsNullOrWhiteSpace(routing.PbfPath) ? null : RoadDataLocator.Find(routing.PbfPath);
        if (pbf is null || !File.Exists(pbf)) return new RegionPlaces(null);
        string cache = Path.Combine(storage.ResolvedDataDirectory, Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(pbf)) + ".places");
        try
        {
            Directory.CreateDirectory(storage.ResolvedDataDirectory);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var index = Routing.Places.PlaceIndexFile.LoadOrBuild(pbf, cache);
            logger.LogInformation("Stop names: {Points} named places, {Segments} street segments ({Seconds:F1} s, {Cache})",
                index.Size.Points, index.Size.StreetSegments, started.Elapsed.TotalSeconds, cache);
            return new RegionPlaces(new PlaceIndexStopNamer(index), index);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Routing.Pbf.PbfFormatException or InvalidDataException)
        {
            throw new RoadNetworkException($"Cannot build the stop names from '{pbf}' (cache {cache}): {ex.Message}", ex);
        }
    }

    /// <summary>The OSM extract and the graph file the server loads (full paths; the graph defaults to the data folder).</summary>
    internal static (string PbfPath, string GraphPath) RoadDataPaths(RoutingOptions routing, StorageOptions storage)
    {
        string? pbf = string.IsNullOrWhiteSpace(routing.PbfPath) ? null : RoadDataLocator.Find(routing.PbfPath);
        string pbfPath = pbf ?? Path.GetFullPath(routing.PbfPath ?? "");
        string graphPath = !string.IsNullOrWhiteSpace(routing.GraphFile)
            ? Path.GetFullPath(routing.GraphFile)
            : Path.Combine(storage.ResolvedDataDirectory, Path.GetFileName(GraphStore.DefaultGraphPath(pbfPath)));
        return (pbfPath, graphPath);
    }

    private static RoadRouter Load(RoutingOptions routing, StorageOptions storage, ILogger logger)
    {
        var profile = routing.Profile switch
        {
            "minibus" => VehicleProfiles.Minibus,
            "bus" => VehicleProfiles.Bus,
            _ => throw new RoadNetworkException($"Routing:Profile '{routing.Profile}' is unknown; use 'minibus' or 'bus'."),
        };
        var (pbfPath, graphPath) = RoadDataPaths(routing, storage);
        Directory.CreateDirectory(Path.GetDirectoryName(graphPath)!);
        GraphLoadOutcome outcome;
        try
        {
            outcome = GraphStore.LoadOrBuild(pbfPath, graphPath, profile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Routing.Pbf.PbfFormatException or GraphStoreException)
        {
            throw new RoadNetworkException($"Cannot load or build the road graph (Routing:PbfPath '{routing.PbfPath}', graph file {graphPath}): {ex.Message}", ex);
        }
        if (!outcome.IsOk)
            throw new RoadNetworkException($"Cannot load or build the road graph: {outcome.Message}. Set Routing:PbfPath to an OSM extract or Routing:GraphFile to a graph file.");
        logger.LogInformation("Road graph {Source}: {Message} ({Nodes} nodes, {Seconds:F1} s)",
            outcome.Source, outcome.Message, outcome.Content!.Graph.NodeCount, outcome.Timings.Values.Sum(t => t.TotalSeconds));
        return new RoadRouter(outcome.Content.Graph, outcome.Content.Hierarchy);
    }
}
