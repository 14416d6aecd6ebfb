using System.Collections.Immutable;

namespace DemandMobility.Simulator.Engine;

/// <summary>Figures only the event loop knows (who rode with whom, parcel stops on board), handed to the KPI calculation.</summary>
/// <param name="ServedRideKm">Kilometres ridden by served riders (one per booking).</param>
/// <param name="PooledRideKm">Of those, kilometres ridden with another booking on board.</param>
/// <param name="ParcelDelayMeanSeconds">Mean per served rider of the time driven to parcel-only stops while on board.</param>
/// <param name="CapacityViolations">Boardings after which a vehicle was over capacity (must be 0).</param>
/// <param name="SchoolVehicles">Vehicles that carried at least one pupil.</param>
internal sealed record KpiExtras(
    double ServedRideKm, double PooledRideKm, double ParcelDelayMeanSeconds, int CapacityViolations, ImmutableHashSet<string> SchoolVehicles);
