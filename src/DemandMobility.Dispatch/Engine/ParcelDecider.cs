using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>Decides parcel submissions (planned only where every passenger promise holds) and cancellations.</summary>
internal sealed class ParcelDecider(EngineContext context, RoutePlanner planner, RequestRules rules)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;
    private readonly TravelCache _travel = context.Travel;

    private DateTimeOffset Now => context.Now;

    /// <summary>A parcel placed where every passenger promise holds, or <see cref="DispatchErrorCode.NoCapacity"/>.</summary>
    internal CommandOutcome<Parcel> Submit(CallerIdentity caller, ParcelRequest r)
    {
        if (caller.Role is not (CallerRole.Shop or CallerRole.Dispatcher))
            return CommandOutcome<Parcel>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, $"A {caller.Role} cannot submit parcels."));
        var from = rules.ResolvePlace(r.From, "from");
        if (!from.IsSuccess) return CommandOutcome<Parcel>.Rejected(from.Error);
        var to = rules.ResolvePlace(r.To, "to");
        if (!to.IsSuccess) return CommandOutcome<Parcel>.Rejected(to.Error);
        if (from.Value.Point == to.Value.Point)
            return CommandOutcome<Parcel>.Rejected(DispatchError.Invalid("to", "The destination is the same stop as the origin."));
        if (r.Units < 1) return CommandOutcome<Parcel>.Rejected(DispatchError.Invalid("units", "units must be at least 1."));
        var capacityError = rules.CheckFleetCanCarry(0, 0, r.Units, 0);
        if (capacityError is not null) return CommandOutcome<Parcel>.Rejected(capacityError);
        var now = Now;
        if (r.DeliverBy <= r.ReadyAt) return CommandOutcome<Parcel>.Rejected(DispatchError.Invalid("deliverBy", "deliverBy must be after readyAt."));
        var timeError = rules.CheckTime(r.DeliverBy, "deliverBy", now);
        if (timeError is not null) return CommandOutcome<Parcel>.Rejected(timeError);
        if (r.ReadyAt > now + _options.BookingHorizon)
            return CommandOutcome<Parcel>.Rejected(DispatchError.Invalid("readyAt", "readyAt is beyond the booking horizon."));

        double nowS = EngineClock.ToSeconds(now);
        double ready = Math.Max(nowS, EngineClock.ToSeconds(r.ReadyAt)), deadline = EngineClock.ToSeconds(r.DeliverBy);
        double handling = _options.ParcelHandlingTime.TotalSeconds;
        var task = new TaskRecord("new", RequestKind.Parcel, from.Value.Point, to.Value.Point, new LoadVector(0, 0, r.Units),
            new TimeWindow(ready, deadline), new TimeWindow(ready, deadline), double.PositiveInfinity, handling, handling, "");
        var choice = planner.TryInsert(task, nowS);
        if (choice is null)
            return new(new DispatchError(DispatchErrorCode.NoCapacity, "No vehicle can carry the parcel within its window without breaking a passenger promise."), [], true);

        string id = context.NewId();
        var route = new PlannedStop[choice.Route.Length];
        for (int i = 0; i < route.Length; i++)
            route[i] = choice.Route[i].TaskId == "new" ? choice.Route[i] with { TaskId = id } : choice.Route[i];
        var parcel = new Parcel(id, caller.Subject, ParcelStatus.Submitted, r, from.Value, to.Value, now).Plan(choice.VehicleId).Value!;
        var delta = new StateDelta(Parcels: [parcel], Tasks: [task with { Id = id, VehicleId = choice.VehicleId }],
            Routes: [new RouteChange(choice.VehicleId, route)]);
        return new(parcel, [new PendingEvent(EventTypes.ParcelPlanned, "parcel/" + id, delta)], true);
    }

    /// <summary>Cancels a parcel before pickup and re-times its vehicle's route without it.</summary>
    internal CommandOutcome<Parcel> Cancel(CallerIdentity caller, string parcelId)
    {
        if (!_state.Parcels.TryGetValue(parcelId, out var p) || !caller.CanSee(p.ShopId))
            return CommandOutcome<Parcel>.Rejected(DispatchError.NotFound("Parcel", parcelId));
        if (p.Status == ParcelStatus.Cancelled) return new(p, [], false);
        var now = Now;
        var cancelled = p.Cancel(now);
        if (!cancelled.IsSuccess) return CommandOutcome<Parcel>.Rejected(cancelled.Error);
        StateDelta delta = new(Parcels: [cancelled.Value]);
        if (_state.Tasks.TryGetValue(p.Id, out var task))
        {
            var v = _state.Vehicles[task.VehicleId];
            delta = delta with
            {
                RemovedTasks = [p.Id],
                Routes = [new RouteChange(v.Id, planner.Reschedule(v, planner.RouteWithout(v.Id, p.Id), EngineClock.ToSeconds(now)))],
                Markers = planner.ClearMarkerIfAt(v.Id, p.Id),
            };
        }
        return new(cancelled.Value, [new PendingEvent(EventTypes.ParcelCancelled, "parcel/" + p.Id, delta)], true);
    }
}
