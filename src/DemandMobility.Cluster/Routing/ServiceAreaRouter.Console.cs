using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Grains;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Routing;

/// <summary>
/// What a control room over the whole region reads: every area's fleet, changes, booking log and acknowledgements,
/// with area-scoped ids; and the reset of learned travel times on every area.
/// </summary>
public sealed partial class ServiceAreaRouter
{
    /// <summary>Every area's change mark, by area id (activates areas not yet active).</summary>
    public async Task<IReadOnlyDictionary<string, AreaChangeMark>> GetChangeMarksAsync()
    {
        var ids = areas.Areas.Select(a => a.Id).ToList();
        var marks = await Task.WhenAll(ids.Select(id => Area(id).GetChangeMarkAsync())).ConfigureAwait(false);
        var result = new Dictionary<string, AreaChangeMark>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++) result[ids[i]] = marks[i];
        return result;
    }

    /// <summary>One area's changes since its journal <paramref name="position"/>, area-scoped.</summary>
    public async Task<DispatchResult<AreaChanges>> GetChangesSinceAsync(CallerIdentity caller, string areaId, long position)
    {
        if (areas.Find(areaId) is null) return DispatchError.NotFound("Service area", areaId);
        var result = await Area(areaId).GetChangesSinceAsync(Localise(caller), position).ConfigureAwait(false);
        if (!result.IsSuccess) return result;
        var c = result.Value!.Changes;
        return result.Value with
        {
            Changes = c with
            {
                Vehicles = [.. c.Vehicles.Select(v => Scope(areaId, v))],
                Bookings = [.. c.Bookings.Select(b => Scope(areaId, b))],
                GoneBookings = [.. c.GoneBookings.Select(id => AreaScopedId.Compose(areaId, id))],
            },
        };
    }

    /// <summary>The whole region's fleet now, vehicles area-scoped, areas in configuration order.</summary>
    public async Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller)
    {
        var ids = areas.Areas.Select(a => a.Id).ToList();
        var fleets = await Task.WhenAll(ids.Select(id => Area(id).GetFleetAsync(Localise(caller)))).ConfigureAwait(false);
        var views = new List<FleetView>(ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            if (!fleets[i].IsSuccess) return fleets[i].Error!;
            views.Add(Scope(ids[i], fleets[i].Value!));
        }
        return new FleetView(views.Count == 0 ? DateTimeOffset.MinValue : views.Max(v => v.At), [.. views.SelectMany(v => v.Vehicles)]);
    }

    /// <summary>
    /// Several bookings by area-scoped id, one grain call per area involved: the view (area-scoped) by id, null for an
    /// id no area knows (or that names no configured area).
    /// </summary>
    public async Task<DispatchResult<IReadOnlyDictionary<string, BookingView?>>> GetBookingsAsync(CallerIdentity caller, IReadOnlyList<string> bookingIds)
    {
        var result = new Dictionary<string, BookingView?>(bookingIds.Count, StringComparer.Ordinal);
        var byArea = new Dictionary<string, List<(string Scoped, string Local)>>(StringComparer.Ordinal);
        foreach (var id in bookingIds)
        {
            if (AreaScopedId.TryParse(id, out var area, out var local) && areas.Find(area) is not null)
            {
                if (!byArea.TryGetValue(area, out var list)) byArea[area] = list = [];
                list.Add((id, local));
            }
            else result[id] = null;
        }
        var areaIds = byArea.Keys.ToList();
        var reads = await Task.WhenAll(areaIds.Select(a => Area(a).GetBookingsAsync(Localise(caller), [.. byArea[a].Select(x => x.Local)]))).ConfigureAwait(false);
        for (int i = 0; i < areaIds.Count; i++)
        {
            if (!reads[i].IsSuccess) return reads[i].Error!;
            var asked = byArea[areaIds[i]];
            var views = reads[i].Value!;
            for (int k = 0; k < asked.Count; k++) result[asked[k].Scoped] = views[k] is { } v ? Scope(areaIds[i], v) : null;
        }
        return result;
    }

    /// <summary>Every area's acknowledgements of computed alerts since <paramref name="since"/>, oldest first.</summary>
    public async Task<DispatchResult<IReadOnlyList<AlertAcknowledgement>>> GetComputedAlertAcknowledgementsAsync(CallerIdentity caller, DateTimeOffset since)
    {
        var lists = await Task.WhenAll(areas.Areas.Select(a => Area(a.Id).GetComputedAlertAcknowledgementsAsync(Localise(caller), since))).ConfigureAwait(false);
        var merged = new List<AlertAcknowledgement>();
        foreach (var list in lists)
        {
            if (!list.IsSuccess) return list.Error!;
            merged.AddRange(list.Value!);
        }
        return merged.OrderBy(a => a.At).ThenBy(a => a.AlertId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Records a dispatcher's acknowledgement of an alert the console computed (<c>computed/kind/…</c>, built from
    /// area-scoped vehicle and booking ids): in the area the first such id names, else (a region-wide alert such as
    /// rejected quotes) in the first configured area. The id is stored whole, so the merged acknowledgements match the
    /// console's ids again.
    /// </summary>
    public Task<DispatchResult<AlertAcknowledgement>> AcknowledgeComputedAlertAsync(CallerIdentity caller, string alertId, string? note)
    {
        string? area = null;
        foreach (var part in alertId.Split('/'))
            if (AreaScopedId.TryParse(part, out var named, out _) && areas.Find(named) is not null) { area = named; break; }
        area ??= areas.Areas.First().Id;
        return Area(area).AcknowledgeComputedAlertAsync(Localise(caller), alertId, note);
    }

    /// <summary>A page of one area's booking log after <paramref name="afterSequence"/> (that area's own sequence), booking ids area-scoped.</summary>
    public async Task<DispatchResult<BookingLogPage>> ReadBookingLogAsync(CallerIdentity caller, string areaId, long afterSequence, int maxEvents)
    {
        if (areas.Find(areaId) is null) return DispatchError.NotFound("Service area", areaId);
        var page = await Area(areaId).ReadBookingLogAsync(Localise(caller), afterSequence, maxEvents).ConfigureAwait(false);
        return page.IsSuccess
            ? page.Value! with { BookingIds = [.. page.Value!.BookingIds.Select(id => AreaScopedId.Compose(areaId, id))] }
            : page;
    }

    /// <summary>
    /// Forgets the learned travel times of every area (dispatchers only); the first refusal is answered (e.g. an
    /// engine that does not learn), after the areas before it in configuration order have reset theirs.
    /// </summary>
    public async Task<DispatchResult<bool>> ResetLearnedTravelTimesAsync(CallerIdentity caller)
    {
        foreach (var area in areas.Areas)
        {
            var result = await Area(area.Id).ResetLearnedTravelTimesAsync(Localise(caller)).ConfigureAwait(false);
            if (!result.IsSuccess) return DispatchResult<bool>.Fail(result.Error! with { Message = $"Service area '{area.Id}': {result.Error!.Message}" });
        }
        return DispatchResult<bool>.Ok(true);
    }

    private static VehicleStatusView Scope(string area, VehicleStatusView v) =>
        v with { VehicleId = AreaScopedId.Compose(area, v.VehicleId), NextStops = [.. v.NextStops.Select(s => Scope(area, s))] };
}
