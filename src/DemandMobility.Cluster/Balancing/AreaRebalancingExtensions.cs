using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Cluster.Balancing;

/// <summary>Silo registration of <see cref="AreaRebalancer"/>.</summary>
public static class AreaRebalancingExtensions
{
    /// <summary>
    /// Spreads active areas over the silos by their measured load (after <c>AddServiceAreas</c>); an <see cref="AreaRebalancingOptions.Interval"/>
    /// of zero registers nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range (named under <c>Cluster:Rebalancing</c>).</exception>
    public static ISiloBuilder AddAreaRebalancing(this ISiloBuilder silo, AreaRebalancingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate("Cluster:Rebalancing");
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors));
        if (options.Interval == TimeSpan.Zero) return silo;
        silo.Services.AddSingleton(options);
        silo.Services.AddHostedService<AreaRebalancer>();
        return silo;
    }
}
