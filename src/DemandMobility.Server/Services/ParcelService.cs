using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Services;

/// <summary><c>demandmobility.v1.ParcelService</c> (KombiBUS): shops see only their own parcels, dispatchers all.</summary>
public sealed class ParcelService(DispatchEngine engine) : Contracts.V1.ParcelService.ParcelServiceBase
{

    /// <summary>Accepts and plans a parcel, or answers with a rejection when no vehicle has room.</summary>
    public override async Task<SubmitParcelResponse> SubmitParcel(SubmitParcelRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var from = RequestValidation.Place(request.From, "from");
        var to = RequestValidation.Place(request.To, "to");
        int units = RequestValidation.Range(request.SizeUnits, 1, 4, "size_units");
        if (request.DeliveryWindow is null) throw RpcErrors.Invalid("delivery_window", "is required.");
        var start = RequestValidation.Time(request.DeliveryWindow.Start, "delivery_window.start");
        var end = RequestValidation.Time(request.DeliveryWindow.End, "delivery_window.end");
        if (end <= start) throw RpcErrors.Invalid("delivery_window.end", "must be after delivery_window.start.");
        string reference = RequestValidation.MaxLength(request.SenderReference, 64, "sender_reference");
        string key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var result = await engine.SubmitParcelAsync(RpcCaller.Engine(caller), new ParcelRequest(from, to, units, start, end), key, context.CancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess && result.Error.Code == DispatchErrorCode.NoCapacity)
            return new SubmitParcelResponse { Rejection = new ParcelRejection { Reason = ParcelRejectionReason.NoCapacity, Message = result.Error.Message } };
        var parcel = RpcErrors.Unwrap(result);
        var view = RpcErrors.Unwrap(await engine.GetParcelAsync(RpcCaller.Engine(caller), parcel.Id, context.CancellationToken).ConfigureAwait(false));
        var reply = ProtoMapping.ToProto(view.Parcel, view.EstimatedPickup, view.EstimatedDelivery);
        reply.SenderReference = reference;
        return new SubmitParcelResponse { Parcel = reply };
    }

    /// <summary>Cancels before pickup; FAILED_PRECONDITION afterwards.</summary>
    public override async Task<Contracts.V1.Parcel> CancelParcel(CancelParcelRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.Id(request.ParcelId, "parcel_id");
        var parcel = RpcErrors.Unwrap(await engine.CancelParcelAsync(RpcCaller.Engine(caller), id, null, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(parcel);
    }

    /// <summary>Reads a parcel with its planned times.</summary>
    public override async Task<Contracts.V1.Parcel> GetParcel(GetParcelRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.Id(request.ParcelId, "parcel_id");
        var view = RpcErrors.Unwrap(await engine.GetParcelAsync(RpcCaller.Engine(caller), id, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(view.Parcel, view.EstimatedPickup, view.EstimatedDelivery);
    }
}
