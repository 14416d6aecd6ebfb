using DemandMobility.Cluster.Routing;
using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using Grpc.Core;
using Parcel = DemandMobility.Dispatch.Domain.Parcel;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// <c>ParcelService</c> in cluster mode: the same validation and mapping as <see cref="ParcelService"/>; a parcel
/// goes to the area of its pickup place (its delivery place must lie in that area or an allowed neighbour), and is
/// then read and cancelled by its area-scoped id.
/// </summary>
public sealed class ClusterParcelService(ServiceAreaRouter router) : Contracts.V1.ParcelService.ParcelServiceBase
{
    /// <summary>Accepts and plans a parcel, or answers with a rejection when no vehicle of the area has room.</summary>
    public override async Task<SubmitParcelResponse> SubmitParcel(SubmitParcelRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        var parcelRequest = ParcelRequestMapping.From(request);
        // A refusal for lack of room is an answer, not an error: wrapped so AreaCall does not turn it into a status.
        var result = await AreaCall.RunAsync(async () => DispatchResult<DispatchResult<Parcel>>.Ok(
            await router.SubmitParcelAsync(caller, parcelRequest.Request, parcelRequest.IdempotencyKey).ConfigureAwait(false))).ConfigureAwait(false);
        if (!result.IsSuccess && result.Error.Code == DispatchErrorCode.NoCapacity)
            return new SubmitParcelResponse { Rejection = new ParcelRejection { Reason = ParcelRejectionReason.NoCapacity, Message = result.Error.Message } };
        var parcel = RpcErrors.Unwrap(result);
        var view = await AreaCall.RunAsync(() => router.GetParcelAsync(caller, parcel.Id)).ConfigureAwait(false);
        var reply = ProtoMapping.ToProto(view.Parcel, view.EstimatedPickup, view.EstimatedDelivery);
        reply.SenderReference = parcelRequest.SenderReference;
        return new SubmitParcelResponse { Parcel = reply };
    }

    /// <summary>Cancels before pickup; FAILED_PRECONDITION afterwards.</summary>
    public override async Task<Contracts.V1.Parcel> CancelParcel(CancelParcelRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string id = RequestValidation.Id(request.ParcelId, "parcel_id");
        return ProtoMapping.ToProto(await AreaCall.RunAsync(() => router.CancelParcelAsync(caller, id)).ConfigureAwait(false));
    }

    /// <summary>Reads a parcel with its planned times.</summary>
    public override async Task<Contracts.V1.Parcel> GetParcel(GetParcelRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string id = RequestValidation.Id(request.ParcelId, "parcel_id");
        var view = await AreaCall.RunAsync(() => router.GetParcelAsync(caller, id)).ConfigureAwait(false);
        return ProtoMapping.ToProto(view.Parcel, view.EstimatedPickup, view.EstimatedDelivery);
    }
}
