using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Proto = DemandMobility.Contracts.V1;

namespace DemandMobility.Simulator.Engine;

/// <summary>Maps the simulator's domain calls to protobuf messages and the answers back, for <see cref="GrpcGateway"/>.</summary>
internal static class GrpcMapping
{
    public static Proto.GeoPoint ToProto(GeoPoint p) => new() { Lat = p.Latitude, Lon = p.Longitude };

    public static GeoPoint ToDomain(Proto.GeoPoint? p) => p is null ? default : new GeoPoint(p.Lat, p.Lon);

    public static Timestamp ToProto(DateTimeOffset t) => Timestamp.FromDateTimeOffset(t);

    public static DateTimeOffset? ToDomain(Timestamp? t) => t?.ToDateTimeOffset();

    public static Proto.Location ToProto(PlaceRef place) =>
        place.Coordinate is { } c ? new Proto.Location { Point = ToProto(c) } : new Proto.Location { StopId = place.StopId ?? "" };

    public static LoadVector ToDomain(Proto.Load? l) => l is null ? LoadVector.Zero : new LoadVector(l.Seats, l.WheelchairPlaces, l.ParcelUnits, l.Luggage);

    public static Proto.RequestQuoteRequest ToProto(QuoteRequest r, string idempotencyKey)
    {
        // The proto counts wheelchair users among the travellers; the engine counts seats and wheelchair places apart.
        var message = new Proto.RequestQuoteRequest
        {
            Origin = ToProto(r.Origin),
            Destination = ToProto(r.Destination),
            Passengers = r.Passengers + r.WheelchairPlaces,
            WheelchairPlaces = r.WheelchairPlaces,
            Luggage = r.Luggage,
            IdempotencyKey = idempotencyKey,
            RiderKind = r.RiderKind == RiderKind.Pupil ? Proto.RiderKind.Pupil : Proto.RiderKind.Passenger,
            ServiceGroup = r.ServiceGroup ?? "",
        };
        if (r.EarliestDeparture is { } departure) message.EarliestDeparture = ToProto(departure);
        else if (r.LatestArrival is { } arrival) message.LatestArrival = ToProto(arrival);
        if (r.MaxRideTime is { } maxRide) message.MaxRideTime = Duration.FromTimeSpan(maxRide);
        return message;
    }

    public static Proto.RegisterVehicleRequest ToProto(VehicleRegistration r) => new()
    {
        VehicleId = r.VehicleId,
        Capacity = new Proto.Capacity { Seats = r.Capacity.Seats, WheelchairPlaces = r.Capacity.Wheelchairs, ParcelUnits = r.Capacity.ParcelUnits, Luggage = r.Capacity.Extra },
        Depot = ToProto(r.Depot),
        Shift = new Proto.Shift { Start = ToProto(r.ShiftStart), End = ToProto(r.ShiftEnd) },
        ServiceGroup = r.ServiceGroup ?? "",
    };

    public static VirtualStop ToDomain(Proto.StopPoint? s) =>
        s is null ? new VirtualStop(default, 0) : new VirtualStop(ToDomain(s.Position), s.WalkingDistanceM, s.StopId is { Length: > 0 } id ? id : null);

    /// <summary>An offer as the engine made it, as far as the proto carries it (no vehicle: the booking names it after confirmation).</summary>
    public static Offer ToDomain(Proto.Offer o, DateTimeOffset? latestArrival) => new(
        o.OfferId, "", ToDomain(o.Pickup), ToDomain(o.Dropoff),
        ToDomain(o.PromisedPickup?.Start) ?? default, ToDomain(o.PromisedPickup?.End) ?? default,
        ToDomain(o.VehicleEta) ?? default, ToDomain(o.PredictedDropoff) ?? default, latestArrival,
        ToDomain(o.ExpiresAt) ?? default, "");

    public static QuoteRejection ToDomain(Proto.Rejection r) => new(
        r.Message, r.AlternativeTimes.Select(t => t.ToDateTimeOffset()).ToImmutableArray(),
        r.Reason switch
        {
            Proto.RejectionReason.OutsideServiceArea => QuoteRejectionReason.OutsideServiceArea,
            Proto.RejectionReason.OutsideServiceHours => QuoteRejectionReason.OutsideServiceHours,
            _ => QuoteRejectionReason.NoCapacity,
        });

    public static Booking ToDomain(Proto.Booking b, QuoteRequest request, Offer? offer)
    {
        var promised = offer is null ? null : offer with
        {
            BookingId = b.BookingId,
            Pickup = ToDomain(b.Pickup),
            Dropoff = ToDomain(b.Dropoff),
            PromisedPickupStart = ToDomain(b.PromisedPickup?.Start) ?? offer.PromisedPickupStart,
            PromisedPickupEnd = ToDomain(b.PromisedPickup?.End) ?? offer.PromisedPickupEnd,
            VehicleId = b.VehicleId,
        };
        var status = b.Status switch
        {
            Proto.BookingStatus.Confirmed or Proto.BookingStatus.VehicleApproaching or Proto.BookingStatus.VehicleArrived => BookingStatus.Confirmed,
            Proto.BookingStatus.OnBoard => BookingStatus.OnBoard,
            Proto.BookingStatus.Completed => BookingStatus.Completed,
            Proto.BookingStatus.Cancelled => BookingStatus.Cancelled,
            Proto.BookingStatus.NoShow => BookingStatus.NoShow,
            _ => BookingStatus.Requested,
        };
        return new Booking(b.BookingId, b.RiderId, status, request, promised, ToDomain(b.CreatedAt) ?? default,
            FinishedAt: ToDomain(b.CancelledAt), VehicleId: b.VehicleId is { Length: > 0 } v ? v : null);
    }

    public static Parcel ToDomain(Proto.Parcel p, string shopId, ParcelRequest request) => new(
        p.ParcelId, shopId, p.Status == Proto.ParcelStatus.PickedUp ? ParcelStatus.PickedUp : ParcelStatus.Planned, request,
        ToDomain(p.From), ToDomain(p.To), default, p.VehicleId is { Length: > 0 } v ? v : null);

    public static FleetVehicle ToDomain(Proto.Vehicle v) => new(
        v.VehicleId,
        v.Capacity is { } c ? new LoadVector(c.Seats, c.WheelchairPlaces, c.ParcelUnits, c.Luggage) : LoadVector.Zero,
        ToDomain(v.Depot), ToDomain(v.Shift?.Start) ?? default, ToDomain(v.Shift?.End) ?? default,
        v.Status == Proto.VehicleStatus.InService ? VehicleShiftState.OnShift : VehicleShiftState.OffShift,
        ServiceGroup: v.ServiceGroup is { Length: > 0 } g ? g : null);

    public static ManifestView ToDomain(Proto.SimulationManifest m)
    {
        var stops = ImmutableArray.CreateBuilder<ManifestStop>(m.Stops.Count);
        foreach (var s in m.Stops)
            stops.Add(new ManifestStop(ToDomain(s.Point), ToDomain(s.PlannedArrival) ?? default, ToDomain(s.PlannedDeparture) ?? default,
                s.DelaySeconds, s.Board.Select(ToDomain).ToImmutableArray(), s.Alight.Select(ToDomain).ToImmutableArray())
            {
                BoardingStart = ToDomain(s.BoardingStart),
            });
        return new ManifestView(m.VehicleId, m.OnShift ? VehicleShiftState.OnShift : VehicleShiftState.OffShift, stops.MoveToImmutable());
    }

    private static ManifestEntry ToDomain(Proto.SimulationManifestEntry e) =>
        new(e.SubjectId, e.IsParcel, e.OwnerId, ToDomain(e.Load), ToDomain(e.WindowStart), ToDomain(e.WindowEnd));

    public static Proto.StopEventKind ToProto(StopEventKind kind) => kind switch
    {
        StopEventKind.Arrived => Proto.StopEventKind.Arrived,
        StopEventKind.Boarded => Proto.StopEventKind.Boarded,
        StopEventKind.DroppedOff => Proto.StopEventKind.DroppedOff,
        StopEventKind.NoShow => Proto.StopEventKind.NoShow,
        StopEventKind.ParcelPickedUp => Proto.StopEventKind.ParcelPickedUp,
        StopEventKind.ParcelHandedOver => Proto.StopEventKind.ParcelHandedOver,
        _ => Proto.StopEventKind.Unspecified,
    };

    /// <summary>
    /// The engine error an RPC status stands for. The server reports engine errors as
    /// INVALID_ARGUMENT ("field: message"), NOT_FOUND, PERMISSION_DENIED, ALREADY_EXISTS or FAILED_PRECONDITION;
    /// other codes (transport, authentication) are not answers of the dispatcher and return null.
    /// </summary>
    public static DispatchError? ToDomain(RpcException e)
    {
        string detail = e.Status.Detail;
        switch (e.StatusCode)
        {
            case StatusCode.InvalidArgument:
                int colon = detail.IndexOf(": ", StringComparison.Ordinal);
                return colon > 0 && !detail[..colon].Contains(' ', StringComparison.Ordinal)
                    ? new DispatchError(DispatchErrorCode.InvalidArgument, detail[(colon + 2)..], detail[..colon])
                    : new DispatchError(DispatchErrorCode.InvalidArgument, detail);
            case StatusCode.NotFound: return new DispatchError(DispatchErrorCode.NotFound, detail);
            case StatusCode.PermissionDenied: return new DispatchError(DispatchErrorCode.PermissionDenied, detail);
            case StatusCode.AlreadyExists: return new DispatchError(DispatchErrorCode.AlreadyExists, detail);
            case StatusCode.FailedPrecondition: return new DispatchError(DispatchErrorCode.FailedPrecondition, detail);
            default: return null;
        }
    }
}
