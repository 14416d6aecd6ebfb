using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// Asks for a trip. Returns an offer (promised pickup window, predicted drop-off, walking distances,
    /// expiry) or a rejection with alternative times; invalid input fails with a field-named error and
    /// changes nothing. A retry with the same <paramref name="idempotencyKey"/> returns the same answer while
    /// the offer can still be confirmed.
    /// </summary>
    /// <remarks>
    /// An offer is not a commitment, so it lives in memory only: no durable write per quote (a rejection is still
    /// stored, for the KPIs). The search runs under the reader lock, in parallel with other quotes; the writer
    /// lock is taken only to record the offer. After a restart, or once the offer has expired and been swept,
    /// confirming it fails with <see cref="DispatchErrorCode.NotFound"/> ("unknown or expired; ask for a new
    /// quote") and a retried key is quoted afresh. Confirming stores the whole booking with its offer.
    /// </remarks>
    public async Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(
        CallerIdentity caller, QuoteRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        string scope = Scope(caller, "RequestQuote");
        string? hash = null;
        if (idempotencyKey is not null)
        {
            if (InvalidKey(idempotencyKey) is { } keyError) return keyError;
            hash = Hash(request);
        }

        CommandOutcome<QuoteOutcome> outcome;
        await _lock.EnterReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (idempotencyKey is not null && _quoteReplies.Find(scope, idempotencyKey, hash!) is { } earlier) return earlier;
            outcome = Quote(caller, request);
        }
        finally
        {
            _lock.ExitRead();
        }
        if (!outcome.Result.IsSuccess) return outcome.Result;

        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A concurrent retry with the same key may have finished first: its answer wins.
            if (idempotencyKey is not null && _quoteReplies.Find(scope, idempotencyKey, hash!) is { } raced) return raced;
            var now = Now;
            if (outcome.Result.Value!.Offer is not null)
            {
                foreach (var e in outcome.Events) _state.Apply(e.Delta, now);
                if (now >= _nextSweep) SweepLocked();
            }
            else
            {
                await CommitLockedAsync(outcome.Events, null, cancellationToken).ConfigureAwait(false);
            }
            if (idempotencyKey is not null)
                _quoteReplies.Remember(scope, idempotencyKey, hash!, outcome.Result, now + _options.OfferExpiry);
            return outcome.Result;
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    /// <summary>
    /// Confirms an offer: re-checks that the promise still fits the plan, commits it and stores it before
    /// returning. Fails with <see cref="DispatchErrorCode.Expired"/> after the expiry (or
    /// <see cref="DispatchErrorCode.NotFound"/> once the expired offer has been dropped from memory, at most
    /// seconds later, or after a restart) and with <see cref="DispatchErrorCode.NoCapacity"/> when the plan moved
    /// on; confirming twice returns the booking.
    /// </summary>
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(
        CallerIdentity caller, string offerId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ConfirmOffer", idempotencyKey, offerId, () => Confirm(caller, offerId), cancellationToken);

    /// <summary>Cancels a booking before boarding and frees its place in the plan.</summary>
    public Task<DispatchResult<Booking>> CancelBookingAsync(
        CallerIdentity caller, string bookingId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "CancelBooking", idempotencyKey, bookingId, () => Cancel(caller, bookingId), cancellationToken);

    /// <summary>A booking with its forecast; another rider's booking is reported as not found.</summary>
    /// <remarks>A dispatcher also sees the traveller of a phone booking (<see cref="BookingView.Traveller"/>).</remarks>
    public Task<DispatchResult<BookingView>> GetBookingAsync(CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default) =>
        ReadAsync(() => _state.Bookings.TryGetValue(bookingId, out var b) && caller.CanSee(b.RiderId)
            ? DispatchResult<BookingView>.Ok(caller.Role == CallerRole.Dispatcher ? ViewOf(b) with { Traveller = TravellerOf(b) } : ViewOf(b))
            : DispatchError.NotFound("Booking", bookingId), cancellationToken);

    /// <summary>
    /// A confirmed (or later) booking with its forecast. An offer is not a booking: one not yet confirmed is
    /// reported as not found, exactly like an unknown id or another rider's booking.
    /// </summary>
    public Task<DispatchResult<BookingView>> GetConfirmedBookingAsync(CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default) =>
        ReadAsync(() => _state.Bookings.TryGetValue(bookingId, out var b) && caller.CanSee(b.RiderId) && IsBooking(b.Status)
            ? DispatchResult<BookingView>.Ok(caller.Role == CallerRole.Dispatcher ? ViewOf(b) with { Traveller = TravellerOf(b) } : ViewOf(b))
            : DispatchError.NotFound("Booking", bookingId), cancellationToken);

    /// <summary><see cref="WatchBookingAsync"/> of a confirmed (or later) booking; an offer is not found (see <see cref="GetConfirmedBookingAsync"/>).</summary>
    public async Task<DispatchResult<IAsyncEnumerable<BookingView>>> WatchConfirmedBookingAsync(
        CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default)
    {
        var first = await GetConfirmedBookingAsync(caller, bookingId, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess) return first.Error;
        return DispatchResult<IAsyncEnumerable<BookingView>>.Ok(WatchBookingStream(bookingId, cancellationToken));
    }

    /// <summary>The one place that says which states make a booking (rather than a request or an offer).</summary>
    private static bool IsBooking(BookingStatus status) => status is not (BookingStatus.Requested or BookingStatus.Offered);

    /// <summary>
    /// Erases personal data (dispatchers only): the traveller of booking <paramref name="subjectId"/>, or of every
    /// booking of rider <paramref name="subjectId"/>. The keys are deleted from the vault, so the ciphertext the event
    /// log keeps can no longer be read, and the bookings drop it; trips, times and statistics stay. Returns how many
    /// bookings held personal data.
    /// </summary>
    public Task<DispatchResult<int>> ErasePersonalDataAsync(CallerIdentity caller, string subjectId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ErasePersonalData", null, subjectId, () =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return CommandOutcome<int>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers erase personal data."));
            var erased = new List<Booking>();
            foreach (var b in _state.Bookings.Values)
                if ((b.Id == subjectId || b.RiderId == subjectId) && b.SealedTraveller is not null) erased.Add(b with { SealedTraveller = null });
            // Keys go first: should storing the event fail, the data is unreadable all the same.
            foreach (var b in erased) _options.PersonalData.Erase(b.Id);
            if (erased.Count == 0) return new CommandOutcome<int>(0, [], false);
            return new CommandOutcome<int>(erased.Count,
                [new PendingEvent(EventTypes.PersonalDataErased, "personal-data", new StateDelta(Bookings: [.. erased]))], false);
        }, cancellationToken);

    /// <summary>The traveller of a phone booking, decrypted; null when none, erased, or the key is not in this vault.</summary>
    private Traveller? TravellerOf(Booking b) =>
        b.SealedTraveller is { } sealedValue ? SealedTraveller.Open(sealedValue, _options.PersonalData.KeyFor(b.Id, create: false), b.Id) : null;

    /// <summary>
    /// A stream of the booking's status and ETAs: the current view first, then one per change, ending after
    /// drop-off, cancellation or no-show (or when <paramref name="cancellationToken"/> fires).
    /// </summary>
    public async Task<DispatchResult<IAsyncEnumerable<BookingView>>> WatchBookingAsync(
        CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default)
    {
        var first = await GetBookingAsync(caller, bookingId, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess) return first.Error;
        return DispatchResult<IAsyncEnumerable<BookingView>>.Ok(WatchBookingStream(bookingId, cancellationToken));
    }

    private async IAsyncEnumerable<BookingView> WatchBookingStream(string bookingId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BookingView? last = null;
        while (true)
        {
            long seen = _changes.Version;
            // An offer that expired unconfirmed is dropped from memory: its stream ends there.
            var view = await ReadAsync(() => _state.Bookings.TryGetValue(bookingId, out var b) ? ViewOf(b) : null, cancellationToken).ConfigureAwait(false);
            if (view is null) yield break;
            if (last is null || view != last)
            {
                last = view;
                yield return view;
            }
            if (BookingTransitions.IsTerminal(view.Booking.Status)) yield break;
            await _changes.WaitAsync(seen, cancellationToken).ConfigureAwait(false);
        }
    }

    private CommandOutcome<QuoteOutcome> Quote(CallerIdentity caller, QuoteRequest r)
    {
        if (caller.Role is not (CallerRole.Rider or CallerRole.Dispatcher))
            return CommandOutcome<QuoteOutcome>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, $"A {caller.Role} cannot book trips."));
        var now = Now;
        double nowS = EngineClock.ToSeconds(now);

        // A well-formed point outside the area is an expected answer to a rider, not a malformed request.
        if (OutsideArea(r.Origin) || OutsideArea(r.Destination))
            return Rejected(QuoteRejectionReason.OutsideServiceArea, "The trip starts or ends outside the service area.", []);

        var origin = ResolvePlace(r.Origin, "origin");
        if (!origin.IsSuccess) return CommandOutcome<QuoteOutcome>.Rejected(origin.Error);
        var destination = ResolvePlace(r.Destination, "destination");
        if (!destination.IsSuccess) return CommandOutcome<QuoteOutcome>.Rejected(destination.Error);
        if (origin.Value.Point == destination.Value.Point)
            return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid("destination", "The destination is the same stop as the origin."));

        if ((r.EarliestDeparture is null) == (r.LatestArrival is null))
            return CommandOutcome<QuoteOutcome>.Rejected(DispatchError.Invalid(
                r.EarliestDeparture is null ? "earliestDeparture" : "latestArrival", "Give exactly one of earliestDeparture and latestArrival."));
        var timeError = r.EarliestDeparture is { } dep ? CheckTime(dep, "earliestDeparture", now) : CheckTime(r.LatestArrival!.Value, "latestArrival", now);
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
        var tripError = CheckTripRules(r, origin.Value, destination.Value);
        if (tripError is not null) return CommandOutcome<QuoteOutcome>.Rejected(tripError);
        var capacityError = CheckFleetCanCarry(r.Passengers, r.WheelchairPlaces, 0, r.Luggage);
        if (capacityError is not null) return CommandOutcome<QuoteOutcome>.Rejected(capacityError);
        var groupError = CheckServiceGroup(r.ServiceGroup);
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
        var choice = TryInsert(firstTask.Value, nowS);
        string bookingId = NewId();
        if (choice is not null)
        {
            double w = _options.PromiseWindow.TotalSeconds;
            double windowStart = Math.Max(firstTask.Value.PickupWindow.Earliest, choice.PickupStart - w / 2);
            var offer = new Offer(NewId(), bookingId, origin.Value, destination.Value,
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
            if (shifted.IsSuccess && TryInsert(shifted.Value, nowS) is not null) alternatives.Add(t);
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
            [new PendingEvent(EventTypes.QuoteRejected, "quote/" + NewId(), new StateDelta(Kpi: new KpiDelta(Rejected: 1)))], true);

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
        double maxRide = RideTimeLimitOf(r, direct);
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
    private double RideTimeLimitOf(QuoteRequest r, double direct) =>
        r.MaxRideTime is { } limit
            ? limit.TotalSeconds
            : RideTimeLimit.FromDetourFactor(direct, _options.DetourFactor, _options.DetourConstant.TotalSeconds);

    private static RequestKind KindOf(QuoteRequest r) => r.RiderKind == RiderKind.Pupil ? RequestKind.Pupil : RequestKind.Passenger;

    /// <summary>The planner's view of a booking once offered: the promised windows are now hard.</summary>
    private TaskRecord PromiseTask(Booking b)
    {
        var offer = b.Offer!;
        var r = b.Request;
        double direct = _travel.Duration(offer.Pickup.Point, offer.Dropoff.Point);
        return new TaskRecord(b.Id, KindOf(r), offer.Pickup.Point, offer.Dropoff.Point,
            new LoadVector(r.Passengers, r.WheelchairPlaces, 0, r.Luggage),
            new TimeWindow(EngineClock.ToSeconds(offer.PromisedPickupStart), EngineClock.ToSeconds(offer.PromisedPickupEnd)),
            offer.LatestArrival is { } a ? new TimeWindow(double.NegativeInfinity, EngineClock.ToSeconds(a)) : TimeWindow.Unbounded,
            RideTimeLimitOf(r, direct),
            _options.BoardingTime.TotalSeconds, _options.AlightingTime.TotalSeconds, b.VehicleId ?? "", Group: r.ServiceGroup);
    }

    private CommandOutcome<Booking> Confirm(CallerIdentity caller, string offerId)
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
        var choice = TryInsert(task, EngineClock.ToSeconds(now));
        if (choice is null)
            return CommandOutcome<Booking>.Rejected(new DispatchError(DispatchErrorCode.NoCapacity,
                $"Offer '{offerId}' is no longer feasible: the plan changed since it was made. Please ask for a new quote."));
        var confirmed = b.Confirm(choice.VehicleId).Value!;
        var delta = new StateDelta(Bookings: [confirmed], Tasks: [task with { VehicleId = choice.VehicleId }],
            Routes: [new RouteChange(choice.VehicleId, choice.Route)]);
        return new(confirmed, [new PendingEvent(EventTypes.BookingConfirmed, "booking/" + b.Id, delta)], true);
    }

    private CommandOutcome<Booking> Cancel(CallerIdentity caller, string bookingId)
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
            var route = Reschedule(v, RouteWithout(v.Id, b.Id), EngineClock.ToSeconds(now));
            delta = new StateDelta(Bookings: [cancelled.Value], RemovedTasks: [b.Id], Routes: [new RouteChange(v.Id, route)],
                Markers: ClearMarkerIfAt(v.Id, b.Id), Kpi: new KpiDelta(Cancelled: 1));
        }
        else
        {
            delta = new StateDelta(Bookings: [cancelled.Value]);
        }
        return new(cancelled.Value, [new PendingEvent(EventTypes.BookingCancelled, "booking/" + b.Id, delta)], true);
    }

    private VehicleMarker[]? ClearMarkerIfAt(string vehicleId, string taskId) =>
        _state.ArrivedAt.TryGetValue(vehicleId, out var at) && at == taskId ? [new VehicleMarker(vehicleId, null)] : null;

    private BookingView ViewOf(Booking b)
    {
        DateTimeOffset? pickup = null, dropoff = null;
        double delay = 0;
        GeoPoint? position = null;
        FleetVehicle? vehicle = null;
        if (b.VehicleId is string vid && _state.Tasks.TryGetValue(b.Id, out var task) && _state.Vehicles.TryGetValue(vid, out var v))
        {
            position = v.LastPosition;
            vehicle = v;
            foreach (var s in LiveRoute(v, EngineClock.ToSeconds(Now)))
            {
                if (s.TaskId != b.Id) continue;
                if (s.Kind == StopKind.Pickup)
                {
                    pickup = EngineClock.FromSeconds(s.ServiceStart);
                    delay = Math.Max(delay, s.Arrival - task.PickupWindow.Latest);
                }
                else
                {
                    dropoff = EngineClock.FromSeconds(s.ServiceStart);
                    delay = Math.Max(delay, s.Arrival - task.DeliveryWindow.Latest);
                }
            }
        }
        return new BookingView(b, pickup, dropoff, delay, position,
            vehicle?.LastFixAt, vehicle?.LastHeading, vehicle?.LastSpeed, b.LateSince is not null);
    }
}
