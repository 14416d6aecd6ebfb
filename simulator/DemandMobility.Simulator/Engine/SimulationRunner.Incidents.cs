using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Engine;

public sealed partial class SimulationRunner
{
    private readonly List<IncidentAlert> _alerts = [];

    /// <summary>Breakdowns as events; silent periods are looked up whenever a vehicle would send a fix.</summary>
    private void ScheduleIncidents()
    {
        foreach (var incident in _scenario.Incidents)
            if (incident.Kind == IncidentKind.Breakdown && _vehicleById.TryGetValue(incident.VehicleId, out int i))
                _queue.Add(new SimEvent(Math.Max(_startTicks, incident.Start.UtcTicks), SimEventKind.Breakdown, i));
        // Without re-optimisation rounds (which supervise first) the dispatcher is still supervised on a fixed beat.
        if (ReoptimisationInterval <= 0) _queue.Add(new SimEvent(_startTicks + SuperviseInterval, SimEventKind.Supervise, 0));
    }

    private static long SuperviseInterval => TimeSpan.FromMinutes(5).Ticks;

    /// <summary>Whether the vehicle's tracker is silent now (no GPS fixes reach the dispatcher).</summary>
    private bool IsSilent(VehicleAgent v)
    {
        foreach (var incident in _scenario.Incidents)
            if (incident.Kind == IncidentKind.Silent && incident.VehicleId == v.Id && incident.Start.UtcTicks <= _now && _now < incident.End.UtcTicks)
                return true;
        return false;
    }

    /// <summary>
    /// The vehicle stops where it is for the rest of the day and the dispatcher is told (out of service). Riders on
    /// board are stranded (disrupted); the bookings it was to pick up are the dispatcher's to re-plan: those it moves
    /// to another duty are served by that vehicle, those it gives up come back as alerts and are counted disrupted.
    /// </summary>
    private async Task BreakDownAsync(VehicleAgent v)
    {
        if (v.BrokenDownTicks is not null) return;
        var before = v.OnShift ? await _gateway.GetManifestAsync(v.Id, _ct).ConfigureAwait(false) : null;
        v.BrokenDownTicks = _now;
        if (v.Moving) StopLeg(v);
        v.Version++; // abandons its scheduled arrival, boarding and service events
        v.Work.Clear();
        v.PendingStop = null;
        v.TargetKey = null;
        if (v.OnShift) v.ShiftEndedTicks = _now;
        v.Mode = VehicleMode.Done;
        foreach (int i in v.OnBoard.ToArray())
        {
            var t = _trips[i];
            Unload(v, t);
            t.Incident = "breakdown";
            Finish(t, TripOutcome.Disrupted, "breakdown_on_board");
        }
        if (before is { IsSuccess: true })
            foreach (var stop in before.Value!.Stops)
                foreach (var entry in stop.Board)
                    if (_tripBySubject.TryGetValue(entry.SubjectId, out int i) && _trips[i].Booked) _trips[i].Incident = "breakdown";
        var r = await _gateway.TakeOutOfServiceAsync(v.Id, _ct).ConfigureAwait(false);
        if (!r.IsSuccess) Problem($"{v.Id} out of service", r.Error);
        await SyncAlertsAsync().ConfigureAwait(false);
        await RefreshAllAsync().ConfigureAwait(false);
    }

    /// <summary>A supervision round when no re-optimisation rounds run.</summary>
    private async Task SuperviseAsync()
    {
        await _gateway.SuperviseAsync(_ct).ConfigureAwait(false);
        if (await SyncAlertsAsync().ConfigureAwait(false)) await RefreshAllAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the alerts raised since the last look (the engine's log only grows) and applies what they mean for the
    /// riders: a promise not kept or a missed pickup ends the trip as disrupted (its bus will not come), a late pickup
    /// marks it. True when there were new alerts (manifests may have changed).
    /// </summary>
    private async Task<bool> SyncAlertsAsync()
    {
        var r = await _gateway.GetAlertsAsync(DateTimeOffset.MinValue, _ct).ConfigureAwait(false);
        if (!r.IsSuccess)
        {
            Problem("alerts", r.Error);
            return false;
        }
        var list = r.Value!;
        if (list.Count <= _alerts.Count) return false;
        for (int k = _alerts.Count; k < list.Count; k++)
        {
            var a = list[k];
            TripState? t = a.BookingId is { } b && _tripBySubject.TryGetValue(b, out int i) ? _trips[i] : null;
            _alerts.Add(new IncidentAlert(a.At, Snake(a.Kind.ToString()), a.VehicleId, a.BookingId, t?.Trip.Id, a.Message));
            if (t is null || t.Outcome is not null) continue;
            switch (a.Kind)
            {
                case DispatchAlertKind.PromiseNotKept:
                    t.Incident ??= "replanning";
                    Finish(t, TripOutcome.Disrupted, "promise_not_kept");
                    break;
                case DispatchAlertKind.PickupMissed:
                    t.Incident = "missed";
                    Finish(t, TripOutcome.Disrupted, "pickup_missed");
                    break;
                case DispatchAlertKind.PickupLate:
                    t.Incident ??= "late";
                    break;
            }
        }
        return true;
    }
}
