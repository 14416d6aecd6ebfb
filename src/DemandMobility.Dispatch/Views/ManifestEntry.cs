using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Views;

/// <summary>One rider group or parcel on a driver's list.</summary>
/// <param name="SubjectId">Booking or parcel id.</param>
/// <param name="IsParcel">True for a parcel.</param>
/// <param name="OwnerId">Rider or shop id.</param>
/// <param name="Load">Seats, wheelchair places, parcel units and luggage it takes.</param>
/// <param name="PromisedFrom">Start of the window promised for this stop.</param>
/// <param name="PromisedUntil">End of the window promised for this stop.</param>
/// <param name="Traveller">Who travels on a phone booking (name, phone), for the driver; null when none or erased.</param>
public sealed record ManifestEntry(string SubjectId, bool IsParcel, string OwnerId, LoadVector Load, DateTimeOffset? PromisedFrom, DateTimeOffset? PromisedUntil,
    Domain.Traveller? Traveller = null);
