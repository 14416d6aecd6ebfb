using DemandMobility.Cluster.Areas;
using DemandMobility.Dispatch.Engine;

namespace DemandMobility.Cluster.Engines;

/// <summary>
/// Brings an area's configured fleet into its engine: called when the area activates (register the vehicles the
/// log does not know yet, start the shifts running now, fill the shift calendars up to the booking horizon) and
/// then hourly from the area's round (extend the calendars as the date moves). Must be idempotent: it runs again
/// at every activation on whichever silo.
/// </summary>
public interface IAreaFleetProvisioner
{
    /// <summary>Registers and schedules the area's configured fleet at activation.</summary>
    Task ActivateAsync(ServiceAreaDefinition area, DispatchEngine engine, CancellationToken cancellationToken);

    /// <summary>Extends the configured fleet's shift calendars (hourly).</summary>
    Task ExtendAsync(ServiceAreaDefinition area, DispatchEngine engine, CancellationToken cancellationToken);
}

/// <summary>No configured fleet: vehicles come by RPC only.</summary>
public sealed class NoAreaFleet : IAreaFleetProvisioner
{
    /// <summary>The one instance.</summary>
    public static readonly NoAreaFleet Instance = new();

    /// <inheritdoc />
    public Task ActivateAsync(ServiceAreaDefinition area, DispatchEngine engine, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ExtendAsync(ServiceAreaDefinition area, DispatchEngine engine, CancellationToken cancellationToken) => Task.CompletedTask;
}
