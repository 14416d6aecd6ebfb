using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using Google.Protobuf.WellKnownTypes;
using DomainGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;
using ProtoGeoPoint = DemandMobility.Contracts.V1.GeoPoint;
using TimeWindow = DemandMobility.Contracts.V1.TimeWindow;
using Vehicle = DemandMobility.Contracts.V1.Vehicle;

namespace DemandMobility.Server.Services;

/// <summary>Conversions between the engine's records and the protobuf messages of <c>demandmobility.v1</c>.</summary>
internal static class ProtoMapping
{
    public static Timestamp ToTimestamp(DateTimeOffset t) => Timestamp.FromDateTimeOffset(t);

    public static ProtoGeoPoint ToProto(DomainGeoPoint p) => new() { Lat = p.Latitude, Lon = p.Longitude };

    /// <summary>Stable id of a stop: the fixed stop's id, else a "v-" id derived from the point (about 1 m precision).</summary>
    public static string StopIdOf(DomainGeoPoint p, string? fixedStopId = null) =>
        fixedStopId ?? FormattableString.Invariant($"v-{p.Latitude:F5}_{p.Longitude:F5}");

    public static StopPoint ToProto(VirtualStop s) => new()
    {
        StopId = StopIdOf(s.Point, s.StopId),
        Position = ToProto(s.Point),
        WalkingDistanceM = (int)Math.Round(s.WalkingMetres),
        Name = s.Name ?? "",
    };

    public static Load ToProto(LoadVector l) => new() { Seats = l.Seats, WheelchairPlaces = l.Wheelchairs, ParcelUnits = l.ParcelUnits, Luggage = l.Extra };

    public static TimeWindow Window(DateTimeOffset start, DateTimeOffset end) => new() { Start = ToTimestamp(start), End = ToTimestamp(end) };

    public static Contracts.V1.Offer ToProto(Dispatch.Domain.Offer o) => new()
    {
        OfferId = o.OfferId,
        PromisedPickup = Window(o.PromisedPickupStart, o.PromisedPickupEnd),
        PredictedDropoff = ToTimestamp(o.PredictedDropoff),
        Pickup = ToProto(o.Pickup),
        Dropoff = ToProto(o.Dropoff),
        VehicleEta = ToTimestamp(o.PlannedPickup),
        ExpiresAt = ToTimestamp(o.ExpiresAt),
    };

    /// <summary>The engine's rejection reason as the booking proto's enum.</summary>
    public static RejectionReason ToProto(QuoteRejectionReason r) => r switch
    {
        QuoteRejectionReason.OutsideServiceArea => RejectionReason.OutsideServiceArea,
        QuoteRejectionReason.OutsideServiceHours => RejectionReason.OutsideServiceHours,
        _ => RejectionReason.NoCapacity,
    };

    public static Contracts.V1.BookingStatus ToProto(Dispatch.Domain.BookingStatus s) => s switch
    {
        Dispatch.Domain.BookingStatus.Confirmed => Contracts.V1.BookingStatus.Confirmed,
        Dispatch.Domain.BookingStatus.OnBoard => Contracts.V1.BookingStatus.OnBoard,
        Dispatch.Domain.BookingStatus.Completed => Contracts.V1.BookingStatus.Completed,
        Dispatch.Domain.BookingStatus.Cancelled => Contracts.V1.BookingStatus.Cancelled,
        Dispatch.Domain.BookingStatus.NoShow => Contracts.V1.BookingStatus.NoShow,
        Dispatch.Domain.BookingStatus.Disrupted => Contracts.V1.BookingStatus.Disrupted,
        Dispatch.Domain.BookingStatus.Missed => Contracts.V1.BookingStatus.Missed,
        // Requested and offered bookings are not bookings yet from the rider's point of view.
        _ => Contracts.V1.BookingStatus.Unspecified,
    };

    public static Contracts.V1.Booking ToProto(Dispatch.Domain.Booking b, DateTimeOffset? predictedDropoff = null)
    {
        var r = b.Request;
        var result = new Contracts.V1.Booking
        {
            BookingId = b.Id,
            RiderId = b.RiderId,
            Status = ToProto(b.Status),
            Load = new Load { Seats = r.Passengers, WheelchairPlaces = r.WheelchairPlaces, Luggage = r.Luggage },
            VehicleId = b.VehicleId ?? "",
            CreatedAt = ToTimestamp(b.CreatedAt),
        };
        if (b.Offer is { } o)
        {
            result.PromisedPickup = Window(o.PromisedPickupStart, o.PromisedPickupEnd);
            result.PredictedDropoff = ToTimestamp(predictedDropoff ?? o.PredictedDropoff);
            result.Pickup = ToProto(o.Pickup);
            result.Dropoff = ToProto(o.Dropoff);
        }
        if (b.Status == Dispatch.Domain.BookingStatus.Cancelled && b.FinishedAt is { } f) result.CancelledAt = ToTimestamp(f);
        if (b.Notice is { } notice) result.Notice = notice;
        if (b.LateSince is { } late) result.LateSince = ToTimestamp(late);
        return result;
    }

    public static Contracts.V1.ParcelStatus ToProto(Dispatch.Domain.ParcelStatus s) => s switch
    {
        Dispatch.Domain.ParcelStatus.Submitted or Dispatch.Domain.ParcelStatus.Planned => Contracts.V1.ParcelStatus.Accepted,
        Dispatch.Domain.ParcelStatus.PickedUp => Contracts.V1.ParcelStatus.PickedUp,
        Dispatch.Domain.ParcelStatus.Delivered or Dispatch.Domain.ParcelStatus.DeliveredLate => Contracts.V1.ParcelStatus.Delivered,
        Dispatch.Domain.ParcelStatus.Cancelled => Contracts.V1.ParcelStatus.Cancelled,
        _ => Contracts.V1.ParcelStatus.Unspecified,
    };

    public static Contracts.V1.Parcel ToProto(Dispatch.Domain.Parcel p, DateTimeOffset? plannedPickup = null, DateTimeOffset? plannedDelivery = null)
    {
        var result = new Contracts.V1.Parcel
        {
            ParcelId = p.Id,
            Status = ToProto(p.Status),
            From = ToProto(p.Pickup),
            To = ToProto(p.Dropoff),
            SizeUnits = p.Request.Units,
            DeliveryWindow = Window(p.Request.ReadyAt, p.Request.DeliverBy),
            VehicleId = p.VehicleId ?? "",
        };
        if (plannedPickup is { } pu) result.PlannedPickup = ToTimestamp(pu);
        if (plannedDelivery is { } pd) result.PlannedDelivery = ToTimestamp(pd);
        return result;
    }

    public static Vehicle ToProto(FleetVehicle v, string displayName = "") => new()
    {
        VehicleId = v.Id,
        DisplayName = displayName,
        Capacity = new Capacity { Seats = v.Capacity.Seats, WheelchairPlaces = v.Capacity.Wheelchairs, ParcelUnits = v.Capacity.ParcelUnits, Luggage = v.Capacity.Extra },
        Depot = ToProto(v.Depot),
        Shift = new Shift { Start = ToTimestamp(v.ShiftStart), End = ToTimestamp(v.ShiftEnd) },
        Status = v.State switch
        {
            VehicleShiftState.OnShift => VehicleStatus.InService,
            VehicleShiftState.OutOfService => VehicleStatus.OutOfService,
            _ => VehicleStatus.OffShift,
        },
        ServiceGroup = v.ServiceGroup ?? "",
    };

    public static ManifestPassenger ToPassenger(ManifestEntry e) => new()
    {
        BookingId = e.SubjectId, RiderName = e.Traveller?.Name ?? e.OwnerId, Load = ToProto(e.Load), TravellerPhone = e.Traveller?.Phone ?? "",
    };

    public static ManifestParcel ToParcel(ManifestEntry e) => new() { ParcelId = e.SubjectId, SizeUnits = e.Load.ParcelUnits };

    /// <summary>The manifest message; <paramref name="maxStops"/> limits the stops sent.</summary>
    public static Manifest ToProto(ManifestView view, long version, int maxStops)
    {
        var manifest = new Manifest { VehicleId = view.VehicleId, Version = version, OnBoard = ToProto(OnBoard(view)) };
        for (int i = 0; i < view.Stops.Length && i < maxStops; i++)
        {
            var s = view.Stops[i];
            var stop = new Contracts.V1.ManifestStop
            {
                Index = i,
                Stop = new StopPoint { StopId = StopIdOf(s.Point), Position = ToProto(s.Point), Name = s.Name ?? "" },
                PlannedArrival = ToTimestamp(s.PlannedArrival),
                EarliestDeparture = ToTimestamp(EarliestDeparture(s)),
            };
            if (s.BoardingStart is { } boarding) stop.BoardingStart = ToTimestamp(boarding);
            foreach (var e in s.Board)
                if (e.IsParcel) stop.ParcelsLoading.Add(ToParcel(e)); else stop.Boarding.Add(ToPassenger(e));
            foreach (var e in s.Alight)
                if (e.IsParcel) stop.ParcelsUnloading.Add(ToParcel(e)); else stop.Alighting.Add(ToPassenger(e));
            manifest.Stops.Add(stop);
        }
        return manifest;
    }

    /// <summary>Whatever alights later but does not board on the remaining route is on board now.</summary>
    public static LoadVector OnBoard(ManifestView view)
    {
        var boarding = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in view.Stops)
            foreach (var e in s.Board) boarding.Add(e.SubjectId);
        var load = LoadVector.Zero;
        foreach (var s in view.Stops)
            foreach (var e in s.Alight)
                if (!boarding.Contains(e.SubjectId)) load += e.Load;
        return load;
    }

    private static DateTimeOffset EarliestDeparture(Dispatch.Views.ManifestStop s)
    {
        var earliest = s.PlannedArrival;
        foreach (var e in s.Board)
            if (e.PromisedFrom is { } from && from > earliest) earliest = from;
        return earliest;
    }

    public static Duration ToDuration(double seconds) => Duration.FromTimeSpan(TimeSpan.FromSeconds(double.IsFinite(seconds) ? seconds : 0));
}
