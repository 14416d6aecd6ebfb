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
        var parcelRequest = ParcelRequestMapping.From(request);
        var result = await engine.SubmitParcelAsync(RpcCaller.Engine(caller), parcelRequest.Request, parcelRequest.IdempotencyKey, context.CancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess && result.Error.Code == DispatchErrorCode.NoCapacity)
            return new SubmitParcelResponse { Rejection = new ParcelRejection { Reason = ParcelRejectionReason.NoCapacity, Message = result.Error.Message } };
        var parcel = RpcErrors.Unwrap(result);
        var view = RpcErrors.Unwrap(await engine.GetParcelAsync(RpcCaller.Engine(caller), parcel.Id, context.CancellationToken).ConfigureAwait(false));
        var reply = ProtoMapping.ToProto(view.Parcel, view.EstimatedPickup, view.EstimatedDelivery);
        reply.SenderReference = parcelRequest.SenderReference;
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
