using DemandMobility.Optimization.Model;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// The simulator's own bookkeeping of one trip (independent of the engine's records): what the rider was
/// promised, when the vehicle picked up and dropped off, and how far it rode and with whom.
/// </summary>
internal sealed class TripState(int index, DemandTrip trip)
{
    public int Index { get; } = index;
    public DemandTrip Trip { get; } = trip;
    public string CallerId => Trip.Id;
    public bool IsParcel => Trip.Kind == TripKind.Parcel;
    public LoadVector Load => IsParcel ? new LoadVector(0, 0, Math.Max(1, Trip.ParcelUnits)) : new LoadVector(Trip.Passengers, Trip.WheelchairPlaces);

    public TripOutcome? Outcome { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? RequestedPickup { get; set; }
    /// <summary>The later departure time the rider accepted after a rejection (null: booked at the time first asked).</summary>
    public DateTimeOffset? AlternativeTime { get; set; }
    public string? SubjectId { get; set; }
    public string? VehicleId { get; set; }
    public DateTimeOffset? PromisedFrom { get; set; }
    public DateTimeOffset? PromisedUntil { get; set; }
    public DateTimeOffset? PickupTime { get; set; }
    public DateTimeOffset? DropoffTime { get; set; }
    public double? DirectSeconds { get; set; }
    public double? DirectKm { get; set; }
    public double? MaxRideSeconds { get; set; }
    public bool WillNoShow { get; set; }
    public bool Booked => SubjectId is not null && Outcome is null;
    public double RideMetres { get; set; }
    public double PooledMetres { get; set; }
    public double ParcelDelaySeconds { get; set; }
    public string? PickupVehicleId { get; set; }

    /// <summary>Every vehicle's <see cref="VehicleAgent.TrafficDelaySeconds"/> when the promise was made.</summary>
    public double[]? TrafficAtPromise { get; set; }

    /// <summary>Every vehicle's <see cref="VehicleAgent.DwellDelaySeconds"/> when the promise was made.</summary>
    public double[]? DwellAtPromise { get; set; }

    /// <summary>Seconds the boarding started after the promised window's end (0 when inside).</summary>
    public double? PickupLatenessSeconds { get; set; }

    /// <summary>The first promise broken (<c>pickup_late</c>, <c>arrival_late</c>, <c>ride_too_long</c>), or null.</summary>
    public string? BrokenPromise { get; set; }

    /// <summary>The incident that touched this trip (<c>breakdown</c>, <c>missed</c>), or null.</summary>
    public string? Incident { get; set; }

    /// <summary>Why it broke (<c>traffic</c>, <c>dwell</c>, <c>replanning</c>), or null.</summary>
    public string? BrokenCause { get; set; }
}
