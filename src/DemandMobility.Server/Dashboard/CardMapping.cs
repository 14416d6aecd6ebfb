using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Dashboard;

/// <summary>Maps the engine's views to the dashboard's JSON cards.</summary>
internal static class CardMapping
{
    public static StopCard ToCard(ManifestStop s) =>
        new(s.Point.Latitude, s.Point.Longitude, s.PlannedArrival, s.PlannedDeparture, s.DelaySeconds, Entries(s.Board), Entries(s.Alight), s.Name);

    public static ManifestCard ToCard(ManifestView m)
    {
        var stops = new List<StopCard>(m.Stops.Length);
        foreach (var s in m.Stops) stops.Add(ToCard(s));
        return new ManifestCard(m.VehicleId, ShiftState(m.State), stops);
    }

    public static string ShiftState(VehicleShiftState state) => state == VehicleShiftState.OnShift ? "on-shift" : "off-shift";

    /// <summary>The booking status as the page names it; an offer past its expiry is "expired".</summary>
    public static string Status(Booking b, DateTimeOffset now) =>
        b.Status == BookingStatus.Offered && b.Offer is { } o && o.ExpiresAt < now ? "expired" : b.Status switch
        {
            BookingStatus.Requested => "requested",
            BookingStatus.Offered => "offered",
            BookingStatus.Confirmed => "confirmed",
            BookingStatus.OnBoard => "onBoard",
            BookingStatus.Completed => "completed",
            BookingStatus.Cancelled => "cancelled",
            BookingStatus.NoShow => "noShow",
            _ => b.Status.ToString(),
        };

    /// <summary>The card of a booking; null for one without an offer (the engine never stores those).</summary>
    public static BookingCard? ToCard(BookingView view, DateTimeOffset now)
    {
        var b = view.Booking;
        if (b.Offer is not { } o) return null;
        return new BookingCard(b.Id, Status(b, now), b.RiderId, b.VehicleId, b.Request.Passengers, b.Request.WheelchairPlaces,
            o.Pickup.Point.Latitude, o.Pickup.Point.Longitude, o.Dropoff.Point.Latitude, o.Dropoff.Point.Longitude,
            o.PromisedPickupStart, o.PromisedPickupEnd, view.EstimatedPickup, view.EstimatedDropoff, b.BoardedAt, b.FinishedAt,
            view.DelaySeconds, b.CreatedAt, o.Pickup.Name, o.Dropoff.Name);
    }

    private static List<ManifestEntryCard> Entries(System.Collections.Immutable.ImmutableArray<ManifestEntry> entries)
    {
        var list = new List<ManifestEntryCard>(entries.Length);
        foreach (var e in entries)
            list.Add(new ManifestEntryCard(e.SubjectId, e.IsParcel ? "parcel" : "trip", e.OwnerId, e.Load.Seats, e.Load.Wheelchairs,
                e.Load.ParcelUnits, e.Load.Extra, e.PromisedFrom, e.PromisedUntil));
        return list;
    }
}
