using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Engines;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Server.Configuration;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Each area's <c>Cluster:Areas:i:Fleet</c>: registered and put on shift when the area activates, as the
/// single-process server does with <c>Fleet</c> at start (<see cref="DefaultFleetRegistration"/>), with shift
/// calendars up to the area's booking horizon (<c>Dispatch:BookingHorizonDays</c> or the area's <c>Rules</c>) (<see cref="DefaultFleetCalendar"/>), extended hourly.
/// </summary>
internal sealed class ConfiguredAreaFleet(IReadOnlyDictionary<string, FleetOptions> fleets, RegionOptions region,
    IReadOnlyDictionary<string, int> horizonDays, TimeProvider time)
    : IAreaFleetProvisioner
{
    public async Task ActivateAsync(ServiceAreaDefinition area, DispatchEngine engine, CancellationToken cancellationToken)
    {
        if (!fleets.TryGetValue(area.Id, out var fleet) || fleet.Vehicles.Count == 0) return;
        await DefaultFleetRegistration.RegisterAsync(engine, fleet, region, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await ExtendAsync(area, engine, cancellationToken).ConfigureAwait(false);
    }

    public async Task ExtendAsync(ServiceAreaDefinition area, DispatchEngine engine, CancellationToken cancellationToken)
    {
        if (!fleets.TryGetValue(area.Id, out var fleet) || fleet.Vehicles.Count == 0) return;
        await DefaultFleetCalendar.ExtendAsync(engine, fleet, region, horizonDays[area.Id], time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
