using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Views;

/// <summary>The acknowledged stop event with the booking or parcel as it now stands.</summary>
public sealed record StopEventResult(StopEvent Event, DateTimeOffset RecordedAt, Booking? Booking, Parcel? Parcel);
