using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Server.Services;

/// <summary>A validated <c>SubmitParcel</c> request, shared by the single-process and the cluster parcel services.</summary>
/// <param name="Request">The parcel for the engine.</param>
/// <param name="SenderReference">The shop's own reference, echoed on the reply.</param>
/// <param name="IdempotencyKey">The caller's key for retries.</param>
internal sealed record ParcelRequestMapping(ParcelRequest Request, string SenderReference, string IdempotencyKey)
{
    /// <summary>Validates every field; throws <c>INVALID_ARGUMENT</c> naming the first bad one.</summary>
    public static ParcelRequestMapping From(SubmitParcelRequest request)
    {
        var from = RequestValidation.Place(request.From, "from");
        var to = RequestValidation.Place(request.To, "to");
        int units = RequestValidation.Range(request.SizeUnits, 1, 4, "size_units");
        if (request.DeliveryWindow is null) throw RpcErrors.Invalid("delivery_window", "is required.");
        var start = RequestValidation.Time(request.DeliveryWindow.Start, "delivery_window.start");
        var end = RequestValidation.Time(request.DeliveryWindow.End, "delivery_window.end");
        if (end <= start) throw RpcErrors.Invalid("delivery_window.end", "must be after delivery_window.start.");
        string reference = RequestValidation.MaxLength(request.SenderReference, 64, "sender_reference");
        string key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        return new ParcelRequestMapping(new ParcelRequest(from, to, units, start, end), reference, key);
    }
}
