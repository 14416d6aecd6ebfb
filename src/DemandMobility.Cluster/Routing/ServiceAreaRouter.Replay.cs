using System.Collections.Immutable;
using DemandMobility.Cluster.Areas;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Routing;

/// <summary>The control room's replay over the whole region: every area's past state at one moment, merged.</summary>
public sealed partial class ServiceAreaRouter
{
    /// <summary>
    /// The region as it was at <paramref name="at"/> (dispatchers only): each area folds its own event log up to that
    /// moment (in parallel, read-only), and the answers are merged with area-scoped ids — vehicles in configuration
    /// order of their areas, bookings newest first, alerts oldest first. <c>Sequence</c> and <c>LogSequence</c> are
    /// sums over the areas' logs (how many events were applied and are stored), <c>LastEventAt</c> the latest event
    /// applied in any area. The first refusal (in configuration order) is the answer, naming its area.
    /// </summary>
    public async Task<DispatchResult<PastStateView>> GetStateAtAsync(CallerIdentity caller, DateTimeOffset at)
    {
        var ids = areas.Areas.Select(a => a.Id).ToList();
        var pasts = await Task.WhenAll(ids.Select(id => Area(id).GetStateAtAsync(Localise(caller), at))).ConfigureAwait(false);
        long sequence = 0, logSequence = 0;
        DateTimeOffset? lastAt = null;
        var vehicles = ImmutableArray.CreateBuilder<PastVehicleView>();
        var bookings = new List<PastBookingView>();
        var alerts = new List<DispatchAlert>();
        for (int i = 0; i < ids.Count; i++)
        {
            if (!pasts[i].IsSuccess)
                return DispatchResult<PastStateView>.Fail(pasts[i].Error! with { Message = $"Service area '{ids[i]}': {pasts[i].Error!.Message}" });
            var p = pasts[i].Value!;
            string area = ids[i];
            sequence += p.Sequence;
            logSequence += p.LogSequence;
            if (p.LastEventAt is { } t && (lastAt is null || t > lastAt)) lastAt = t;
            vehicles.AddRange(p.Vehicles.Select(v => Scope(area, v)));
            bookings.AddRange(p.Bookings.Select(b => b with
            {
                Id = AreaScopedId.Compose(area, b.Id),
                VehicleId = b.VehicleId is null ? null : AreaScopedId.Compose(area, b.VehicleId),
            }));
            alerts.AddRange(p.Alerts.Select(a => Scope(area, a)));
        }
        return new PastStateView(at, sequence, lastAt, logSequence, vehicles.ToImmutable(),
            [.. bookings.OrderByDescending(b => b.CreatedAt).ThenBy(b => b.Id, StringComparer.Ordinal)],
            [.. alerts.OrderBy(a => a.At)]);
    }

    private static PastVehicleView Scope(string area, PastVehicleView v) => v with
    {
        Id = AreaScopedId.Compose(area, v.Id),
        NextStops = [.. v.NextStops.Select(s => s with { TaskId = AreaScopedId.Compose(area, s.TaskId) })],
    };
}
