using DemandMobility.Cluster.Routing;
using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Views;
using Grpc.Core;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// <c>BookingService</c> in cluster mode: the same validation and mapping as <see cref="BookingService"/>, each call
/// routed by <see cref="ServiceAreaRouter"/> to its area's grain (quotes by origin, the rest by the area-scoped id).
/// A booking's watch follows its area when the area moves to another silo.
/// </summary>
public sealed partial class ClusterBookingService(ServiceAreaRouter router, TimeProvider time, IHostApplicationLifetime lifetime, StreamQuota streams)
    : Contracts.V1.BookingService.BookingServiceBase
{
    /// <summary>Quote in the area of the origin → offer (area-scoped ids) or rejection.</summary>
    public override async Task<RequestQuoteResponse> RequestQuote(RequestQuoteRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        var quote = QuoteRequestMapping.From(request);
        string key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var outcome = await AreaCall.RunAsync(() => router.RequestQuoteAsync(caller, quote, key)).ConfigureAwait(false);
        if (outcome.Offer is { } offer) return new RequestQuoteResponse { Offer = ProtoMapping.ToProto(offer) };
        var rejection = new Rejection { Reason = ProtoMapping.ToProto(outcome.Rejection?.Code ?? QuoteRejectionReason.NoCapacity), Message = outcome.Rejection?.Reason ?? "" };
        if (outcome.Rejection is { } r)
            foreach (var t in r.AlternativeTimes) rejection.AlternativeTimes.Add(ProtoMapping.ToTimestamp(t));
        return new RequestQuoteResponse { Rejection = rejection };
    }

    /// <summary>Offer → confirmed booking, in the area the offer id names.</summary>
    public override async Task<Contracts.V1.Booking> ConfirmOffer(ConfirmOfferRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string offerId = RequestValidation.Id(request.OfferId, "offer_id");
        string key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        return ProtoMapping.ToProto(await AreaCall.RunAsync(() => router.ConfirmOfferAsync(caller, offerId, key)).ConfigureAwait(false));
    }

    /// <summary>Cancels before boarding; a cancelled booking is returned unchanged.</summary>
    public override async Task<Contracts.V1.Booking> CancelBooking(CancelBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        RequestValidation.MaxLength(request.Reason, 500, "reason");
        var current = await AreaCall.RunAsync(() => router.GetBookingAsync(caller, id)).ConfigureAwait(false);
        if (current.Booking.Status == Dispatch.Domain.BookingStatus.Cancelled) return ProtoMapping.ToProto(current.Booking);
        return ProtoMapping.ToProto(await AreaCall.RunAsync(() => router.CancelBookingAsync(caller, id)).ConfigureAwait(false));
    }

    /// <summary>Reads a confirmed booking from the area its id names.</summary>
    public override async Task<Contracts.V1.Booking> GetBooking(GetBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string id = RequestValidation.Id(request.BookingId, "booking_id");
        var view = await AreaCall.RunAsync(() => router.GetBookingAsync(caller, id)).ConfigureAwait(false);
        return ProtoMapping.ToProto(view.Booking, view.EstimatedDropoff);
    }
}
