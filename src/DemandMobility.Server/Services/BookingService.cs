using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Services;

/// <summary>
/// <c>demandmobility.v1.BookingService</c>: validates the protobuf requests, maps them to engine commands and
/// the engine's results back. Riders act for themselves (token subject); dispatchers for anyone.
/// </summary>
public sealed class BookingService(DispatchEngine engine, IHostApplicationLifetime lifetime, StreamQuota streams) : Contracts.V1.BookingService.BookingServiceBase
{

    /// <summary>Quote → offer or rejection (idempotent per caller and key).</summary>
    public override async Task<RequestQuoteResponse> RequestQuote(RequestQuoteRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var quote = QuoteRequestMapping.From(request);
        string key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var outcome = RpcErrors.Unwrap(await engine.RequestQuoteAsync(RpcCaller.Engine(caller), quote, key, context.CancellationToken).ConfigureAwait(false));
        if (outcome.Offer is { } offer) return new RequestQuoteResponse { Offer = ProtoMapping.ToProto(offer) };
        var rejection = new Rejection { Reason = ProtoMapping.ToProto(outcome.Rejection?.Code ?? QuoteRejectionReason.NoCapacity), Message = outcome.Rejection?.Reason ?? "" };
        if (outcome.Rejection is { } r)
            foreach (var t in r.AlternativeTimes) rejection.AlternativeTimes.Add(ProtoMapping.ToTimestamp(t));
        return new RequestQuoteResponse { Rejection = rejection };
    }

    /// <summary>Offer → confirmed booking (idempotent per caller and key).</summary>
    public override async Task<Contracts.V1.Booking> ConfirmOffer(ConfirmOfferRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string offerId = RequestValidation.Id(request.OfferId, "offer_id");
        string key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var booking = RpcErrors.Unwrap(await engine.ConfirmOfferAsync(RpcCaller.Engine(caller), offerId, key, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(booking);
    }

    /// <summary>Cancels before boarding; a cancelled booking is returned unchanged.</summary>
    public override async Task<Contracts.V1.Booking> CancelBooking(CancelBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        RequestValidation.MaxLength(request.Reason, 500, "reason");
        var identity = RpcCaller.Engine(caller);
        var current = RpcErrors.Unwrap(await engine.GetConfirmedBookingAsync(identity, id, context.CancellationToken).ConfigureAwait(false));
        if (current.Booking.Status == Dispatch.Domain.BookingStatus.Cancelled) return ProtoMapping.ToProto(current.Booking);
        var booking = RpcErrors.Unwrap(await engine.CancelBookingAsync(identity, id, null, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(booking);
    }

    /// <summary>Reads a confirmed booking (offers not yet confirmed are not bookings: NOT_FOUND).</summary>
    public override async Task<Contracts.V1.Booking> GetBooking(GetBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        var view = RpcErrors.Unwrap(await engine.GetConfirmedBookingAsync(RpcCaller.Engine(caller), id, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(view.Booking, view.EstimatedDropoff);
    }

    /// <summary>Streams the booking until it is completed, cancelled or a no-show.</summary>
    public override async Task WatchBooking(WatchBookingRequest request, IServerStreamWriter<BookingUpdate> responses, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        using var slot = streams.Enter(caller, "WatchBooking");
        using var cts = ShutdownSignal.Link(context.CancellationToken, lifetime);
        var watch = RpcErrors.Unwrap(await engine.WatchConfirmedBookingAsync(RpcCaller.Engine(caller), id, cts.Token).ConfigureAwait(false));
        try
        {
            await foreach (var view in watch.WithCancellation(cts.Token).ConfigureAwait(false))
                await responses.WriteAsync(BookingUpdateMapping.ToProto(view), cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (ShutdownSignal.OnCancelled(lifetime) is { } unavailable) throw unavailable;
        }
    }
}
