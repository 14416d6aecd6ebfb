using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using DemandMobility.Rpc;
using DemandMobility.Rpc.Server;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Services;

/// <summary>
/// <c>demandmobility.v1.BookingService</c>: validates the protobuf requests, maps them to engine commands and
/// the engine's results back. Riders act for themselves (token subject); dispatchers for anyone.
/// </summary>
public sealed class BookingService(DispatchEngine engine, IHostApplicationLifetime lifetime, StreamQuota streams)
{
    private static readonly string[] Callers = [Roles.Rider, Roles.Dispatcher];

    /// <summary>Quote → offer or rejection (idempotent per caller and key).</summary>
    public async Task<RequestQuoteResponse> RequestQuote(RequestQuoteRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Require(context, "RequestQuote", Callers);
        var origin = RequestValidation.Place(request.Origin, "origin");
        var destination = RequestValidation.Place(request.Destination, "destination");
        if (origin.Coordinate is { } o && destination.Coordinate is { } d && Dispatch.Geo.GeoMath.HaversineMetres(o, d) < 100)
            throw RpcErrors.Invalid("destination", "must be at least 100 m from the origin.");
        DateTimeOffset? departure = null, arrival = null;
        switch (request.TimeCase)
        {
            case RequestQuoteRequest.TimeOneofCase.EarliestDeparture:
                departure = RequestValidation.Time(request.EarliestDeparture, "earliest_departure");
                break;
            case RequestQuoteRequest.TimeOneofCase.LatestArrival:
                arrival = RequestValidation.Time(request.LatestArrival, "latest_arrival");
                break;
            default:
                throw RpcErrors.Invalid("earliest_departure", "exactly one of earliest_departure and latest_arrival is required.");
        }
        int passengers = RequestValidation.Range(request.Passengers, 1, 8, "passengers");
        int wheelchairs = RequestValidation.Range(request.WheelchairPlaces, 0, passengers, "wheelchair_places");
        int luggage = RequestValidation.Range(request.Luggage, 0, 4, "luggage");
        string key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        // The proto counts wheelchair users among the travellers; the engine counts seats and wheelchair places apart.
        var riderKind = request.RiderKind switch
        {
            Contracts.V1.RiderKind.Unspecified or Contracts.V1.RiderKind.Passenger => Dispatch.Domain.RiderKind.Passenger,
            Contracts.V1.RiderKind.Pupil => Dispatch.Domain.RiderKind.Pupil,
            _ => throw RpcErrors.Invalid("rider_kind", $"{(int)request.RiderKind} is not a known rider kind."),
        };
        var maxRide = RequestValidation.OptionalDuration(request.MaxRideTime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(3), "max_ride_time");
        string? group = RequestValidation.OptionalServiceGroup(request.ServiceGroup, "service_group");
        var traveller = request.TravellerName.Length + request.TravellerPhone.Length > 0
            ? new Dispatch.Domain.Traveller(NullIfEmpty(request.TravellerName), NullIfEmpty(request.TravellerPhone))
            : null;
        var quote = new QuoteRequest(origin, destination, departure, arrival, passengers - wheelchairs, wheelchairs, luggage,
            riderKind, maxRide, group, traveller);
        var outcome = RpcErrors.Unwrap(await engine.RequestQuoteAsync(RpcCaller.Engine(caller), quote, key, context.CancellationToken).ConfigureAwait(false));
        if (outcome.Offer is { } offer) return new RequestQuoteResponse { Offer = ProtoMapping.ToProto(offer) };
        var rejection = new Rejection { Reason = ProtoMapping.ToProto(outcome.Rejection?.Code ?? QuoteRejectionReason.NoCapacity), Message = outcome.Rejection?.Reason ?? "" };
        if (outcome.Rejection is { } r)
            foreach (var t in r.AlternativeTimes) rejection.AlternativeTimes.Add(ProtoMapping.ToTimestamp(t));
        return new RequestQuoteResponse { Rejection = rejection };
    }

    /// <summary>Offer → confirmed booking (idempotent per caller and key).</summary>
    public async Task<Contracts.V1.Booking> ConfirmOffer(ConfirmOfferRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Require(context, "ConfirmOffer", Callers);
        string offerId = RequestValidation.Id(request.OfferId, "offer_id");
        string key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var booking = RpcErrors.Unwrap(await engine.ConfirmOfferAsync(RpcCaller.Engine(caller), offerId, key, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(booking);
    }

    /// <summary>Cancels before boarding; a cancelled booking is returned unchanged.</summary>
    public async Task<Contracts.V1.Booking> CancelBooking(CancelBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Require(context, "CancelBooking", Callers);
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        RequestValidation.MaxLength(request.Reason, 500, "reason");
        var identity = RpcCaller.Engine(caller);
        var current = RpcErrors.Unwrap(await engine.GetBookingAsync(identity, id, context.CancellationToken).ConfigureAwait(false));
        if (current.Booking.Status == Dispatch.Domain.BookingStatus.Cancelled) return ProtoMapping.ToProto(current.Booking);
        if (current.Booking.Status is Dispatch.Domain.BookingStatus.Requested or Dispatch.Domain.BookingStatus.Offered)
            throw RpcErrors.NotFound($"Booking '{id}' not found.");
        var booking = RpcErrors.Unwrap(await engine.CancelBookingAsync(identity, id, null, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(booking);
    }

    /// <summary>Reads a confirmed booking (offers not yet confirmed are not bookings: NOT_FOUND).</summary>
    public async Task<Contracts.V1.Booking> GetBooking(GetBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Require(context, "GetBooking", Callers);
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        var view = RpcErrors.Unwrap(await engine.GetBookingAsync(RpcCaller.Engine(caller), id, context.CancellationToken).ConfigureAwait(false));
        if (view.Booking.Status is Dispatch.Domain.BookingStatus.Requested or Dispatch.Domain.BookingStatus.Offered)
            throw RpcErrors.NotFound($"Booking '{id}' not found.");
        return ProtoMapping.ToProto(view.Booking, view.EstimatedDropoff);
    }

    /// <summary>Streams the booking until it is completed, cancelled or a no-show.</summary>
    public async Task WatchBooking(WatchBookingRequest request, IServerStreamWriter<BookingUpdate> responses, ServerCallContext context)
    {
        var caller = RpcCaller.Require(context, "WatchBooking", Callers);
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        using var slot = streams.Enter(caller, "WatchBooking");
        using var cts = ShutdownSignal.Link(context.CancellationToken, lifetime);
        var watch = RpcErrors.Unwrap(await engine.WatchBookingAsync(RpcCaller.Engine(caller), id, cts.Token).ConfigureAwait(false));
        try
        {
            await foreach (var view in watch.WithCancellation(cts.Token).ConfigureAwait(false))
            {
                if (view.Booking.Status is Dispatch.Domain.BookingStatus.Requested or Dispatch.Domain.BookingStatus.Offered)
                    throw RpcErrors.NotFound($"Booking '{id}' not found.");
                var update = new BookingUpdate
                {
                    Booking = ProtoMapping.ToProto(view.Booking, view.EstimatedDropoff),
                    Delay = ProtoMapping.ToDuration(Math.Max(0, view.DelaySeconds)),
                };
                if (view.VehiclePosition is { } p && view.Booking.VehicleId is { } vehicle)
                {
                    update.Vehicle = new VehiclePosition
                    {
                        VehicleId = vehicle, Position = ProtoMapping.ToProto(p),
                        HeadingDeg = view.HeadingDegrees ?? -1, SpeedMps = view.SpeedMetresPerSecond ?? 0,
                    };
                    if (view.PositionAt is { } at) update.Vehicle.RecordedAt = ProtoMapping.ToTimestamp(at);
                }
                var eta = view.Booking.Status == Dispatch.Domain.BookingStatus.OnBoard ? view.EstimatedDropoff : view.EstimatedPickup;
                if (eta is { } e) update.Eta = ProtoMapping.ToTimestamp(e);
                await responses.WriteAsync(update, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (ShutdownSignal.OnCancelled(lifetime) is { } unavailable) throw unavailable;
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
