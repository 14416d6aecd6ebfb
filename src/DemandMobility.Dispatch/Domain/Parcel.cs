using DemandMobility.Dispatch.Results;

namespace DemandMobility.Dispatch.Domain;

/// <summary>A parcel and its guarded life cycle (see <see cref="ParcelStatus"/>).</summary>
/// <param name="Id">Parcel id (GUID string).</param>
/// <param name="ShopId">The shop that submitted it.</param>
/// <param name="Status">Current status.</param>
/// <param name="Request">The request as submitted.</param>
/// <param name="Pickup">Where it is collected.</param>
/// <param name="Dropoff">Where it is handed over.</param>
/// <param name="CreatedAt">Submission time.</param>
/// <param name="VehicleId">Planned vehicle.</param>
/// <param name="PickedUpAt">Collection time.</param>
/// <param name="FinishedAt">Delivery or cancellation time.</param>
public sealed record Parcel(
    string Id,
    string ShopId,
    ParcelStatus Status,
    ParcelRequest Request,
    VirtualStop Pickup,
    VirtualStop Dropoff,
    DateTimeOffset CreatedAt,
    string? VehicleId = null,
    DateTimeOffset? PickedUpAt = null,
    DateTimeOffset? FinishedAt = null)
{
    /// <summary>True when a parcel may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(ParcelStatus from, ParcelStatus to) => (from, to) switch
    {
        (ParcelStatus.Submitted, ParcelStatus.Planned) => true,
        (ParcelStatus.Submitted, ParcelStatus.Cancelled) => true,
        (ParcelStatus.Planned, ParcelStatus.PickedUp) => true,
        (ParcelStatus.Planned, ParcelStatus.Cancelled) => true,
        (ParcelStatus.PickedUp, ParcelStatus.Delivered) => true,
        (ParcelStatus.PickedUp, ParcelStatus.DeliveredLate) => true,
        _ => false,
    };

    /// <summary>Submitted → Planned on a vehicle.</summary>
    public DispatchResult<Parcel> Plan(string vehicleId) => Move(ParcelStatus.Planned, p => p with { VehicleId = vehicleId });

    /// <summary>Planned → PickedUp.</summary>
    public DispatchResult<Parcel> PickUp(DateTimeOffset at) => Move(ParcelStatus.PickedUp, p => p with { PickedUpAt = at });

    /// <summary>PickedUp → Delivered, or DeliveredLate when after <see cref="ParcelRequest.DeliverBy"/>.</summary>
    public DispatchResult<Parcel> HandOver(DateTimeOffset at) =>
        Move(at > Request.DeliverBy ? ParcelStatus.DeliveredLate : ParcelStatus.Delivered, p => p with { FinishedAt = at });

    /// <summary>Submitted or Planned → Cancelled.</summary>
    public DispatchResult<Parcel> Cancel(DateTimeOffset at) => Move(ParcelStatus.Cancelled, p => p with { FinishedAt = at });

    /// <summary>Reassigns the planned vehicle (re-optimisation).</summary>
    internal Parcel OnVehicle(string vehicleId) => this with { VehicleId = vehicleId };

    private DispatchResult<Parcel> Move(ParcelStatus next, Func<Parcel, Parcel> change) =>
        IsAllowed(Status, next)
            ? DispatchResult<Parcel>.Ok(change(this with { Status = next }))
            : DispatchError.Precondition($"Parcel '{Id}' cannot go from {Status} to {next}.");
}
