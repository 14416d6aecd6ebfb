using DemandMobility.Dispatch.Results;

namespace DemandMobility.Dispatch.Domain;

/// <summary>
/// A rider's booking. Immutable: every state change returns a new instance or a failure naming the
/// forbidden transition (<see cref="BookingTransitions"/>).
/// </summary>
/// <param name="Id">Booking id (GUID string).</param>
/// <param name="RiderId">The rider who owns it.</param>
/// <param name="Status">Current status.</param>
/// <param name="Request">The trip as requested.</param>
/// <param name="Offer">The offer made; null while requested.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="BoardedAt">When the rider boarded.</param>
/// <param name="FinishedAt">When it was completed, cancelled or marked no-show.</param>
/// <param name="VehicleId">The vehicle currently planned to serve it.</param>
/// <param name="Notice">What the rider is told about a change to the promise (re-planned, late, missed, disrupted); null when nothing happened.</param>
/// <param name="LateSince">When the promised pickup window ended without the rider boarding; null while on time.</param>
/// <param name="SealedTraveller">The traveller (name, phone) of a phone booking, encrypted under the booking's key in the
/// personal-data vault; null when none was given or it was erased.</param>
/// <param name="TrainDelay">The delay of the tied train (<see cref="QuoteRequest.Train"/>) that the promise now reflects; null: as quoted.</param>
public sealed record Booking(
    string Id,
    string RiderId,
    BookingStatus Status,
    QuoteRequest Request,
    Offer? Offer,
    DateTimeOffset CreatedAt,
    DateTimeOffset? BoardedAt = null,
    DateTimeOffset? FinishedAt = null,
    string? VehicleId = null,
    string? Notice = null,
    DateTimeOffset? LateSince = null,
    string? SealedTraveller = null,
    TimeSpan? TrainDelay = null)
{
    /// <summary>A new booking in status Requested.</summary>
    public static Booking Create(string id, string riderId, QuoteRequest request, DateTimeOffset at) =>
        new(id, riderId, BookingStatus.Requested, request, null, at);

    /// <summary>Requested → Offered.</summary>
    public DispatchResult<Booking> MakeOffer(Offer offer) =>
        Move(BookingStatus.Offered, b => b with { Offer = offer, VehicleId = offer.VehicleId });

    /// <summary>Offered → Confirmed, on the given vehicle.</summary>
    public DispatchResult<Booking> Confirm(string vehicleId) =>
        Move(BookingStatus.Confirmed, b => b with { VehicleId = vehicleId });

    /// <summary>Confirmed → OnBoard.</summary>
    public DispatchResult<Booking> Board(DateTimeOffset at) => Move(BookingStatus.OnBoard, b => b with { BoardedAt = at });

    /// <summary>OnBoard → Completed.</summary>
    public DispatchResult<Booking> Complete(DateTimeOffset at) => Move(BookingStatus.Completed, b => b with { FinishedAt = at });

    /// <summary>Requested, Offered or Confirmed → Cancelled.</summary>
    public DispatchResult<Booking> Cancel(DateTimeOffset at) => Move(BookingStatus.Cancelled, b => b with { FinishedAt = at });

    /// <summary>Confirmed → NoShow.</summary>
    public DispatchResult<Booking> MarkNoShow(DateTimeOffset at) => Move(BookingStatus.NoShow, b => b with { FinishedAt = at });

    /// <summary>Confirmed or OnBoard → Disrupted: the promise cannot be kept; <paramref name="notice"/> tells the rider why.</summary>
    public DispatchResult<Booking> Disrupt(DateTimeOffset at, string notice) =>
        Move(BookingStatus.Disrupted, b => b with { FinishedAt = at, Notice = notice });

    /// <summary>Confirmed → Missed: the pickup window ended without boarding.</summary>
    public DispatchResult<Booking> MarkMissed(DateTimeOffset at, string notice) =>
        Move(BookingStatus.Missed, b => b with { FinishedAt = at, Notice = notice });

    /// <summary>Marks a confirmed booking late (its window ended without boarding); the status does not change.</summary>
    internal Booking MarkLate(DateTimeOffset at, string notice) => this with { LateSince = at, Notice = notice };

    /// <summary>Moves the booking to another vehicle after its own left service; the status does not change.</summary>
    internal Booking Replanned(string vehicleId, string notice) => this with { VehicleId = vehicleId, Notice = notice };

    /// <summary>Reassigns the planned vehicle (re-optimisation); the status does not change.</summary>
    internal Booking OnVehicle(string vehicleId) => this with { VehicleId = vehicleId };

    private DispatchResult<Booking> Move(BookingStatus next, Func<Booking, Booking> change) =>
        BookingTransitions.IsAllowed(Status, next)
            ? DispatchResult<Booking>.Ok(change(this with { Status = next }))
            : DispatchError.Precondition($"Booking '{Id}' cannot go from {Status} to {next}.");
}
