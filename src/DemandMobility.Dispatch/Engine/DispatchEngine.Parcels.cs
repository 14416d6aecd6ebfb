using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// Accepts a parcel and plans it. A parcel is an ordinary request with a wide window, inserted only
    /// where every passenger promise still holds; if no vehicle can take it the call fails with
    /// <see cref="DispatchErrorCode.NoCapacity"/> and nothing is stored.
    /// </summary>
    public Task<DispatchResult<Parcel>> SubmitParcelAsync(
        CallerIdentity caller, ParcelRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "SubmitParcel", idempotencyKey, request, () => _parcels.Submit(caller, request), cancellationToken);

    /// <summary>Cancels a parcel before pickup.</summary>
    public Task<DispatchResult<Parcel>> CancelParcelAsync(
        CallerIdentity caller, string parcelId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "CancelParcel", idempotencyKey, parcelId, () => _parcels.Cancel(caller, parcelId), cancellationToken);

    /// <summary>A parcel with its planned times; another shop's parcel is reported as not found.</summary>
    public Task<DispatchResult<ParcelView>> GetParcelAsync(CallerIdentity caller, string parcelId, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            if (!_state.Parcels.TryGetValue(parcelId, out var p) || !caller.CanSee(p.ShopId))
                return DispatchError.NotFound("Parcel", parcelId);
            DateTimeOffset? pickup = null, delivery = null;
            if (p.VehicleId is string vid)
                foreach (var s in _state.RouteOf(vid))
                    if (s.TaskId == p.Id)
                    {
                        if (s.Kind == StopKind.Pickup) pickup = EngineClock.FromSeconds(s.ServiceStart);
                        else delivery = EngineClock.FromSeconds(s.ServiceStart);
                    }
            return DispatchResult<ParcelView>.Ok(new ParcelView(p, pickup, delivery));
        }, cancellationToken);
}
