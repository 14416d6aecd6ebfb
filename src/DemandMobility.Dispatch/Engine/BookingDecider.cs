using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>Decides confirmations and cancellations of bookings, and erasure of personal data.</summary>
internal sealed class BookingDecider(EngineContext context, RoutePlanner planner)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;
    private readonly TravelCache _travel = context.Travel;

    private DateTimeOffset Now => context.Now;

    /// <summary>The planner's view of a booking once offered: the promised windows are now hard.</summary>
    private TaskRecord PromiseTask(Booking b)
    {
        var offer = b.Offer!;
        var r = b.Request;
        double direct = _travel.Duration(offer.Pickup.Point, offer.Dropoff.Point);
        return new TaskRecord(b.Id, QuoteDecider.KindOf(r), offer.Pickup.Point, offer.Dropoff.Point,
            new LoadVector(r.Passengers, r.WheelchairPlaces, 0, r.Luggage),
            new TimeWindow(EngineClock.ToSeconds(offer.PromisedPickupStart), EngineClock.ToSeconds(offer.PromisedPickupEnd)),
            offer.LatestArrival is { } a ? new TimeWindow(double.NegativeInfinity, EngineClock.ToSeconds(a)) : TimeWindow.Unbounded,
            QuoteDecider.RideTimeLimitOf(r, direct, _options),
            _options.BoardingTime.TotalSeconds, _options.AlightingTime.TotalSeconds, b.VehicleId ?? "", Group: r.ServiceGroup);
    }

    /// <summary>Confirms an offer if its promise still fits the plan of this moment (see <see cref="DispatchEngine.ConfirmOfferAsync"/>).</summary>
    internal CommandOutcome<Booking> Confirm(CallerIdentity caller, string offerId)
    {
        if (!_state.Offers.TryGetValue(offerId, out var bookingId) || !_state.Bookings.TryGetValue(bookingId, out var b)
            || b.Offer?.OfferId != offerId || !caller.CanSee(b.RiderId))
            return CommandOutcome<Booking>.Rejected(new DispatchError(DispatchErrorCode.NotFound,
                $"Offer '{offerId}' is unknown or expired; please ask for a new quote."));
        // A retry with the same idempotency key is answered from the idempotency record before this runs; reaching
        // here, the offer was confirmed by another request, which the caller must not mistake for its own.
        if (b.Status is BookingStatus.Confirmed or BookingStatus.OnBoard or BookingStatus.Completed)
            return CommandOutcome<Booking>.Rejected(DispatchError.Precondition(
                $"Offer '{offerId}' was already confirmed as booking '{b.Id}' by another request; read it with GetBooking."));
        if (b.Status != BookingStatus.Offered)
            return CommandOutcome<Booking>.Rejected(DispatchError.Precondition($"Offer '{offerId}' cannot be confirmed: the booking is {b.Status}."));
        var now = Now;
        if (now > b.Offer!.ExpiresAt)
            return CommandOutcome<Booking>.Rejected(new DispatchError(DispatchErrorCode.Expired, $"Offer '{offerId}' expired at {b.Offer.ExpiresAt:O}."));

        var task = PromiseTask(b);
        var choice = planner.TryInsert(task, EngineClock.ToSeconds(now));
        if (choice is null)
            return CommandOutcome<Booking>.Rejected(new DispatchError(DispatchErrorCode.NoCapacity,
                $"Offer '{offerId}' is no longer feasible: the plan changed since it was made. Please ask for a new quote."));
        var confirmed = b.Confirm(choice.VehicleId).Value!;
        var delta = new StateDelta(Bookings: [confirmed], Tasks: [task with { VehicleId = choice.VehicleId }],
            Routes: [new RouteChange(choice.VehicleId, choice.Route)]);
        return new(confirmed, [new PendingEvent(EventTypes.BookingConfirmed, "booking/" + b.Id, delta)], true);
    }

    /// <summary>Cancels a booking before boarding and re-times its vehicle's route without it; cancelling twice answers the booking.</summary>
    internal CommandOutcome<Booking> Cancel(CallerIdentity caller, string bookingId)
    {
        if (!_state.Bookings.TryGetValue(bookingId, out var b) || !caller.CanSee(b.RiderId))
            return CommandOutcome<Booking>.Rejected(DispatchError.NotFound("Booking", bookingId));
        if (b.Status == BookingStatus.Cancelled) return new(b, [], false);
        var now = Now;
        var cancelled = b.Cancel(now);
        if (!cancelled.IsSuccess) return CommandOutcome<Booking>.Rejected(cancelled.Error);

        StateDelta delta;
        if (_state.Tasks.TryGetValue(b.Id, out var task))
        {
            var v = _state.Vehicles[task.VehicleId];
            var route = planner.Reschedule(v, planner.RouteWithout(v.Id, b.Id), EngineClock.ToSeconds(now));
            delta = new StateDelta(Bookings: [cancelled.Value], RemovedTasks: [b.Id], Routes: [new RouteChange(v.Id, route)],
                Markers: planner.ClearMarkerIfAt(v.Id, b.Id), Kpi: new KpiDelta(Cancelled: 1));
        }
        else
        {
            delta = new StateDelta(Bookings: [cancelled.Value]);
        }
        return new(cancelled.Value, [new PendingEvent(EventTypes.BookingCancelled, "booking/" + b.Id, delta)], true);
    }

    /// <summary>
    /// Erases the traveller of booking <paramref name="subjectId"/>, or of every booking of rider <paramref name="subjectId"/>
    /// (dispatchers only). The keys go from the vault first: should storing the event fail, the data is unreadable all the same.
    /// </summary>
    internal CommandOutcome<int> ErasePersonalData(CallerIdentity caller, string subjectId)
    {
        if (caller.Role != CallerRole.Dispatcher)
            return CommandOutcome<int>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers erase personal data."));
        var erased = new List<Booking>();
        foreach (var b in _state.Bookings.Values)
            if ((b.Id == subjectId || b.RiderId == subjectId) && b.SealedTraveller is not null) erased.Add(b with { SealedTraveller = null });
        foreach (var b in erased) _options.PersonalData.Erase(b.Id);
        if (erased.Count == 0) return new CommandOutcome<int>(0, [], false);
        return new CommandOutcome<int>(erased.Count,
            [new PendingEvent(EventTypes.PersonalDataErased, "personal-data", new StateDelta(Bookings: [.. erased]))], false);
    }
}
