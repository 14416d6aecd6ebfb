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
        return builder;
    }

    private static RoadRouter Load(RoutingOptions routing, StorageOptions storage, ILogger logger)
    {
        var profile = routing.Profile switch
        {
            "minibus" => VehicleProfiles.Minibus,
            "bus" => VehicleProfiles.Bus,
            _ => throw new RoadNetworkException($"Routing:Profile '{routing.Profile}' is unknown; use 'minibus' or 'bus'."),
        };
        string? pbf = string.IsNullOrWhiteSpace(routing.PbfPath) ? null : RoadDataLocator.Find(routing.PbfPath);
        string pbfPath = pbf ?? Path.GetFullPath(routing.PbfPath ?? "");
        string graphPath = !string.IsNullOrWhiteSpace(routing.GraphFile)
            ? Path.GetFullPath(routing.GraphFile)
            : Path.Combine(storage.ResolvedDataDirectory, Path.GetFileName(GraphStore.DefaultGraphPath(pbfPath)));
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
