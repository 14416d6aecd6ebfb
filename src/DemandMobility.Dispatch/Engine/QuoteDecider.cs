using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Decides a quote: validates the request, searches a place in the committed plan and answers an offer (an in-memory
/// booking) or a rejection with alternative times. Runs under the engine's reader lock, in parallel with other quotes.
/// </summary>
internal sealed class QuoteDecider(EngineContext context, RoutePlanner planner, RequestRules rules)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;
    private readonly TravelCache _travel = context.Travel;

    private DateTimeOffset Now => context.Now;

    /// <summary>
    /// The answer to a quote request at the clock's now: an offer (with its in-memory booking as the event) or a
    /// rejection (stored for the KPIs) with alternative times; invalid input is rejected with a field-named error.
    /// </summary>
    internal CommandOutcome<QuoteOutcome> Quote(CallerIdentity caller, QuoteRequest r)
    {
        if (caller.Role is not (CallerRole.Rider or CallerRole.Dispatcher))
            return CommandOutcome<QuoteOutcome>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, $"A {caller.Role} cannot book trips."));
        var now = Now;
        double nowS = EngineClock.ToSeconds(now);

        // A well-formed point outside the area is an expected answer to a rider, not a malformed request.
        if (OutsideArea(r.Origin) || OutsideArea(r.Destination))
            return Rejected(QuoteRejectionReason.OutsideServiceArea, "The trip starts or ends outside the service area.", []);

        var origin = rules.ResolvePlace(r.Origin, "origin");
        if (!origin.IsSuccess) return CommandOutcome<QuoteOutcome>.Rejected(origin.Error);
        var destination = rules.ResolvePlace(r.Destination, "destination");
        if (!destination.IsSuccess) return CommandOutcome<QuoteOutcome>.Rejected(destination.Error);
        if (origin.Value.Point == destination.Value.Point)
            return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("destination", "The destination is the same stop as the origin."));

        if ((r.EarliestDeparture is null) == (r.LatestArrival is null))
            return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid(
                r.EarliestDeparture is null ? "earliestDeparture" : "latestArrival", "Give exactly one of earliestDeparture and latestArrival."));
        var timeError = r.EarliestDeparture is { } dep ? rules.CheckTime(dep, "earliestDeparture", now) : rules.CheckTime(r.LatestArrival!.Value, "latestArrival", now);
        if (timeError is not null) return CommandOutcome<QuoteOutcome>.Rejected(timeError);

        if (r.Traveller is { } who)
        {
            if (caller.Role != CallerRole.Dispatcher)
                return CommandOutcome<QuoteOutcome>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied,
                    "Only dispatchers record a traveller's name and phone.", "traveller"));
            if (string.IsNullOrWhiteSpace(who.Name) && string.IsNullOrWhiteSpace(who.Phone))
                return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("traveller", "Give the traveller's name or phone, or no traveller."));
            if (who.Name is { Length: > 200 })
                return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("traveller.name", "The traveller's name must be at most 200 characters."));
            if (who.Phone is { Length: > 50 })
                return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("traveller.phone", "The traveller's phone must be at most 50 characters."));
        }
        if (r.Passengers < 0) return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("passengers", "passengers must not be negative."));
        if (r.WheelchairPlaces < 0) return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("wheelchairPlaces", "wheelchairPlaces must not be negative."));
        if (r.Luggage < 0) return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("luggage", "luggage must not be negative."));
        if (r.Passengers + r.WheelchairPlaces == 0)
            return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("passengers", "A trip needs at least one passenger or wheelchair place."));
        var tripError = rules.CheckTripRules(r, origin.Value, destination.Value);
        if (tripError is not null) return CommandOutcome<QuoteOutcome>.Rejected(tripError);
        var capacityError = rules.CheckFleetCanCarry(r.Passengers, r.WheelchairPlaces, 0, r.Luggage);
        if (capacityError is not null) return CommandOutcome<QuoteOutcome>.Rejected(capacityError);
        var groupError = rules.CheckServiceGroup(r.ServiceGroup);
        if (groupError is not null) return CommandOutcome<QuoteOutcome>.Rejected(groupError);

        // Not through the cache: a quote's own pair is rarely asked again, and caching it grew memory per quote.
        double direct = _travel.Service.Table([origin.Value.Point], [destination.Value.Point]).Duration(0, 0);
        if (!double.IsFinite(direct))
            return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("destination", "The destination cannot be reached by road from the origin."));
        if (r.MaxRideTime is { } limit && limit.TotalSeconds < direct)
            return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("maxRideTime",
                $"maxRideTime ({limit.TotalMinutes:F0} min) is shorter than the direct trip ({direct / 60:F0} min)."));

        var firstTask = TripTask("new", r, origin.Value, destination.Value, direct, TimeSpan.Zero, nowS);
        if (!firstTask.IsSuccess) return CommandOutcome<QuoteOutcome>.Rejected(firstTask.Error);
        var choice = planner.TryInsert(firstTask.Value, nowS);
        string bookingId = context.NewId();
        if (choice is not null)
        {
            double w = _options.PromiseWindow.TotalSeconds;
            double windowStart = Math.Max(firstTask.Value.PickupWindow.Earliest, choice.PickupStart - w / 2);
            var offer = new Offer(context.NewId(), bookingId, origin.Value, destination.Value,
                EngineClock.FromSeconds(windowStart), EngineClock.FromSeconds(windowStart + w),
                EngineClock.FromSeconds(choice.PickupStart), EngineClock.FromSeconds(choice.DeliveryStart),
                r.LatestArrival, now + _options.OfferExpiry, choice.VehicleId);
            var booking = Booking.Create(bookingId, caller.Subject, r with { Traveller = null }, now).MakeOffer(offer).Value!;
            if (r.Traveller is { } traveller)
                booking = booking with { SealedTraveller = SealedTraveller.Seal(traveller, _options.PersonalData.KeyFor(bookingId, create: true)!, bookingId) };
            return new(new QuoteOutcome(offer, null),
                [new PendingEvent(EventTypes.OfferIssued, "booking/" + bookingId, new StateDelta(Bookings: [booking]))], true);
        }

        var alternatives = ImmutableArray.CreateBuilder<DateTimeOffset>();
        var requested = r.EarliestDeparture ?? r.LatestArrival!.Value;
        int tried = 0;
        foreach (var t in AlternativeCandidates(requested, r.EarliestDeparture is not null, direct, nowS))
        {
            if (alternatives.Count >= _options.MaxAlternatives || tried >= MaxAlternativeTrials) break;
            if (t < now || t > now + _options.BookingHorizon) continue;
            tried++;
            var shifted = TripTask("new", r, origin.Value, destination.Value, direct, t - requested, nowS);
            if (shifted.IsSuccess && planner.TryInsert(shifted.Value, nowS) is not null) alternatives.Add(t);
        }
        alternatives.Sort();
        return AnyShiftCovers(firstTask.Value.PickupWindow)
            ? Rejected(QuoteRejectionReason.NoCapacity, "No vehicle can serve this trip at the requested time without breaking a promise.", alternatives.ToImmutable())
            : Rejected(QuoteRejectionReason.OutsideServiceHours,
                _state.Vehicles.Count == 0 ? "No vehicle is registered." : "No vehicle is on shift at the requested time.", alternatives.ToImmutable());
    }

    /// <summary>At most this many alternative times are checked per rejected quote, so a rejection stays about as cheap as a few quotes.</summary>
    private const int MaxAlternativeTrials = 12;

    /// <summary>
    /// Times to check as alternatives to a rejected request, nearest first: the configured shifts around the requested
    /// time, and the edges of the service hours nearest to it (each usable duty's start and end, moved by the trip's
    /// direct time for an arrival time), so a request outside service hours is offered the first and last trips that
    /// fit instead of nothing. Each is checked by a full insertion before it is offered.
    /// </summary>
    private List<DateTimeOffset> AlternativeCandidates(DateTimeOffset requested, bool leaveAt, double direct, double now)
    {
        var set = new HashSet<DateTimeOffset>();
        foreach (var shift in _options.AlternativeShifts) set.Add(requested + shift);
        var ride = TimeSpan.FromSeconds(Math.Ceiling(direct + _options.BoardingTime.TotalSeconds + _options.AlightingTime.TotalSeconds));
        var margin = TimeSpan.FromMinutes(5);
        foreach (var id in _state.VehicleOrder)
            foreach (var d in DutyPlanner.Of(_state, _state.Vehicles[id], now, _options))
            {
                if (!d.Usable) continue;
                var start = EngineClock.FromSeconds(Math.Max(d.Start, now));
                var end = EngineClock.FromSeconds(d.End);
                if (leaveAt)
                {
                    set.Add(Minute(start + margin));
                    set.Add(Minute(end - ride - _options.MaxWait - margin - margin));
                }
                else
                {
                    set.Add(Minute(start + ride + _options.MaxWait + margin));
                    set.Add(Minute(end - margin - margin));
                }
            }
        var list = new List<DateTimeOffset>(set);
        list.Sort((a, b) => Math.Abs((a - requested).Ticks).CompareTo(Math.Abs((b - requested).Ticks)) is var c && c != 0 ? c : a.CompareTo(b));
        return list;
    }

    /// <summary>Rounds up to a whole minute, the resolution riders choose times in.</summary>
    private static DateTimeOffset Minute(DateTimeOffset t) =>
        new(t.UtcTicks + (TimeSpan.TicksPerMinute - t.UtcTicks % TimeSpan.TicksPerMinute) % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private CommandOutcome<QuoteOutcome> Rejected(QuoteRejectionReason code, string message, ImmutableArray<DateTimeOffset> alternatives) =>
        new(new QuoteOutcome(null, new QuoteRejection(message, alternatives, code)),
            [new PendingEvent(EventTypes.QuoteRejected, "quote/" + context.NewId(), new StateDelta(Kpi: new KpiDelta(Rejected: 1)))], true);

    private bool OutsideArea(PlaceRef? place) =>
        _options.ServiceArea is { } area && place?.Coordinate is { } c
        && double.IsFinite(c.Latitude) && c.Latitude is >= -90 and <= 90
        && double.IsFinite(c.Longitude) && c.Longitude is >= -180 and <= 180
        && !area.Contains(c);

    /// <summary>Whether some vehicle's shift overlaps the pickup window (engine seconds).</summary>
    private bool AnyShiftCovers(TimeWindow pickup)
    {
        var from = EngineClock.FromSeconds(pickup.Earliest);
        var to = EngineClock.FromSeconds(pickup.Latest);
        foreach (var v in _state.Vehicles.Values)
            if (v.ServesDuring(from, to)) return true;
        return false;
    }

    /// <summary>
    /// The planner's view of a trip request: pickup window [departure, departure + max wait], or for an
    /// arrival time the pickup window that reaches the destination in time with a hard delivery deadline;
    /// maximum ride time factor × direct + constant.
    /// </summary>
    private DispatchResult<TaskRecord> TripTask(string id, QuoteRequest r, VirtualStop pickup, VirtualStop dropoff, double direct, TimeSpan shift, double now)
    {
        double board = _options.BoardingTime.TotalSeconds, alight = _options.AlightingTime.TotalSeconds;
        double maxRide = RideTimeLimitOf(r, direct, _options);
        double maxWait = _options.MaxWait.TotalSeconds;
        var load = new LoadVector(r.Passengers, r.WheelchairPlaces, 0, r.Luggage);
        TimeWindow pickupWindow, deliveryWindow;
        if (r.EarliestDeparture is { } dep)
        {
            double t0 = Math.Max(now, EngineClock.ToSeconds(dep + shift));
            pickupWindow = new TimeWindow(t0, t0 + maxWait);
            deliveryWindow = TimeWindow.Unbounded;
        }
        else
        {
            double arrival = EngineClock.ToSeconds(r.LatestArrival!.Value + shift);
            double latestPickup = arrival - direct - board;
            if (latestPickup < now)
                return DispatchError.Invalid("latestArrival", "latestArrival is too soon: the direct trip alone takes longer.");
            pickupWindow = new TimeWindow(Math.Max(now, latestPickup - maxWait), latestPickup);
            deliveryWindow = new TimeWindow(double.NegativeInfinity, arrival);
        }
        return new TaskRecord(id, KindOf(r), pickup.Point, dropoff.Point, load, pickupWindow, deliveryWindow,
            maxRide, board, alight, VehicleId: "", Group: r.ServiceGroup);
    }

    /// <summary>A trip's own ride-time limit (pupils by age group) or the service's detour rule.</summary>
    internal static double RideTimeLimitOf(QuoteRequest r, double direct, DispatchOptions options) =>
        r.MaxRideTime is { } limit
            ? limit.TotalSeconds
            : RideTimeLimit.FromDetourFactor(direct, options.DetourFactor, options.DetourConstant.TotalSeconds);

    internal static RequestKind KindOf(QuoteRequest r) => r.RiderKind == RiderKind.Pupil ? RequestKind.Pupil : RequestKind.Passenger;
}
