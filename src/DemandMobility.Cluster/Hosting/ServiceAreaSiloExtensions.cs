using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DemandMobility.Cluster.Hosting;

/// <summary>Silo registration of the service-area grains.</summary>
public static class ServiceAreaSiloExtensions
{
    /// <summary>
    /// Hosts service-area grains on this silo: the region's areas (validated here, so a bad configuration stops
    /// the silo with the problem named), where their stores live and how their engines are built.
    /// </summary>
    public static ISiloBuilder AddServiceAreas(this ISiloBuilder silo, IReadOnlyList<ServiceAreaDefinition> areas,
        IAreaStoreProvider stores, IAreaEngineFactory engines)
    {
        var map = ServiceAreaMap.Create(areas);
        silo.Services.AddSingleton(map);
        silo.Services.AddSingleton(stores);
        silo.Services.AddSingleton(engines);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IAreaFleetProvisioner>(NoAreaFleet.Instance);
        silo.Services.TryAddSingleton(Simulation.ClusterSimulation.Off);
        silo.Services.TryAddSingleton(sp => new Simulation.AreaClocks(sp.GetRequiredService<Simulation.ClusterSimulation>(), sp.GetRequiredService<TimeProvider>()));
        silo.Services.AddSingleton(sp => new ServiceAreaRouter(sp.GetRequiredService<IGrainFactory>(), map));
        silo.Services.AddDispatchSerialization();
        return silo;
    }
}
