using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>Decides what a reported stop event does: arrival, boarding, drop-off, no-show, parcel pickup and hand-over.</summary>
internal sealed class StopEventDecider(EngineContext context, RoutePlanner planner, RequestRules rules)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;
    private readonly TravelCache _travel = context.Travel;

    private DateTimeOffset Now => context.Now;

    /// <summary>The outcome of a stop event reported for <paramref name="e"/>'s vehicle (drivers only for their own).</summary>
    internal CommandOutcome<StopEventResult> Decide(CallerIdentity caller, StopEvent e)
    {
        var found = rules.VehicleFor(caller, e.VehicleId);
        if (!found.IsSuccess) return CommandOutcome<StopEventResult>.Rejected(found.Error);
        var v = found.Value;
        if (v.State != VehicleShiftState.OnShift)
            return CommandOutcome<StopEventResult>.Rejected(DispatchError.Precondition($"Vehicle '{v.Id}' is off shift; start the shift first."));
        // The vehicle stands at a stop: no learned drive may span it.
        context.Learning?.Cut(v.Id);
        if (!_state.Tasks.TryGetValue(e.SubjectId, out var task) || task.VehicleId != v.Id)
            return CommandOutcome<StopEventResult>.Rejected(DispatchError.NotFound("Planned stop for", e.SubjectId));
        bool isParcel = task.Kind == RequestKind.Parcel;
        bool parcelEvent = e.Kind is StopEventKind.ParcelPickedUp or StopEventKind.ParcelHandedOver;
        if (e.Kind != StopEventKind.Arrived && parcelEvent != isParcel)
            return CommandOutcome<StopEventResult>.Rejected(DispatchError.Invalid("kind",
                $"{e.Kind} does not apply to a {(isParcel ? "parcel" : "booking")}."));

        var now = Now;
        double nowS = EngineClock.ToSeconds(now);
        var load = planner.LoadOnBoard(v.Id);
        Booking? booking = isParcel ? null : _state.Bookings[e.SubjectId];
        Parcel? parcel = isParcel ? _state.Parcels[e.SubjectId] : null;
        var clear = new[] { new VehicleMarker(v.Id, null) };
        StateDelta delta;

        switch (e.Kind)
        {
            case StopEventKind.Arrived:
            {
                var first = planner.FirstStopOf(v.Id, task.Id);
                var (moved, kpi) = planner.Move(v, first == StopKind.Pickup ? task.Pickup : task.Delivery, now, load);
                delta = new StateDelta(Vehicles: [moved], Routes: planner.RescheduledRoute(moved, nowS), Kpi: kpi,
                    Markers: [new VehicleMarker(v.Id, task.Id)]);
                break;
            }
            case StopEventKind.Boarded or StopEventKind.ParcelPickedUp:
            {
                DispatchError? error;
                if (booking is not null)
                {
                    var next = booking.Board(now);
                    error = next.Error;
                    booking = next.Value;
                }
                else
                {
                    var next = parcel!.PickUp(now);
                    error = next.Error;
                    parcel = next.Value;
                }
                if (error is not null) return CommandOutcome<StopEventResult>.Rejected(error);
                var (moved, kpi) = planner.Move(v, task.Pickup, now, load);
                double wait = booking?.Offer is { } offer ? Math.Max(0, (now - offer.PromisedPickupStart).TotalSeconds) : 0;
                if (booking is not null) kpi = kpi.Plus(new KpiDelta(Boardings: 1, WaitSeconds: wait));
                delta = new StateDelta(
                    Bookings: booking is null ? null : [booking], Parcels: parcel is null ? null : [parcel],
                    Tasks: [task with { PickedUpAt = nowS }], Vehicles: [moved],
                    Routes: planner.RescheduledRoute(moved, nowS, null, planner.RouteWithout(v.Id, task.Id, StopKind.Pickup)), Kpi: kpi, Markers: clear);
                break;
            }
            case StopEventKind.DroppedOff or StopEventKind.ParcelHandedOver:
            {
                DispatchError? error;
                KpiDelta done;
                if (booking is not null)
                {
                    var next = booking.Complete(now);
                    error = next.Error;
                    booking = next.Value;
                    double direct = booking?.Offer is { } o ? _travel.Duration(o.Pickup.Point, o.Dropoff.Point) : 0;
                    done = new KpiDelta(Served: 1, RideSeconds: booking?.BoardedAt is { } boarded ? (now - boarded).TotalSeconds : 0,
                        DirectSeconds: double.IsFinite(direct) ? direct : 0);
                }
                else
                {
                    var next = parcel!.HandOver(now);
                    error = next.Error;
                    parcel = next.Value;
                    done = parcel?.Status == ParcelStatus.DeliveredLate ? new KpiDelta(ParcelsLate: 1) : new KpiDelta(ParcelsDelivered: 1);
                }
                if (error is not null) return CommandOutcome<StopEventResult>.Rejected(error);
                var (moved, kpi) = planner.Move(v, task.Delivery, now, load);
                delta = new StateDelta(
                    Bookings: booking is null ? null : [booking], Parcels: parcel is null ? null : [parcel],
                    RemovedTasks: [task.Id], Vehicles: [moved],
                    Routes: planner.RescheduledRoute(moved, nowS, null, planner.RouteWithout(v.Id, task.Id)), Kpi: kpi.Plus(done), Markers: clear);
                break;
            }
            case StopEventKind.NoShow:
            {
                var next = booking!.MarkNoShow(now);
                if (!next.IsSuccess) return CommandOutcome<StopEventResult>.Rejected(next.Error);
                booking = next.Value;
                var (moved, kpi) = planner.Move(v, task.Pickup, now, load);
                delta = new StateDelta(Bookings: [booking], RemovedTasks: [task.Id], Vehicles: [moved],
                    Routes: planner.RescheduledRoute(moved, nowS, null, planner.RouteWithout(v.Id, task.Id)),
                    Kpi: kpi.Plus(new KpiDelta(NoShows: 1)), Markers: clear);
                break;
            }
            default:
                return CommandOutcome<StopEventResult>.Rejected(DispatchError.Invalid("kind", $"Unknown stop event kind {e.Kind}."));
        }

        var result = new StopEventResult(e, now, booking, parcel);
        return new(result, [new PendingEvent(EventTypes.StopEventRecorded, "vehicle/" + v.Id, delta)], true);
    }
}
