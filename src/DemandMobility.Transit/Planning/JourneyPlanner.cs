using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Transit.Realtime;
using DemandMobility.Transit.Search;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Planning;

/// <summary>
/// Plans door-to-door itineraries that combine walking, the on-demand bus and the timetable: walk → train/bus →
/// walk, on-demand → train/bus → walk, walk → train/bus → on-demand and on-demand at both ends. Access and egress
/// legs are computed first (walking: straight line × detour factor; on-demand: driving time on the road
/// network to stops inside the service area, plus an allowance and the transfer buffer) and handed to the
/// connection scan, which never touches the road network. Each on-demand leg of a found journey is then
/// quoted by the dispatch engine with the connection guarantee (<see cref="ConnectionGuarantee"/>); when a
/// feeder cannot be promised, the next departure is tried. The offers in the result are ordinary offers:
/// <see cref="ConfirmAsync"/> books all legs of an itinerary together.
/// </summary>
public sealed class JourneyPlanner(Timetable timetable, IOnDemandTrips engine, ITravelTimeService travel, JourneyPlannerOptions? options = null)
{
    /// <summary>A planner whose on-demand legs go to one engine.</summary>
    public JourneyPlanner(Timetable timetable, DispatchEngine engine, ITravelTimeService travel, JourneyPlannerOptions? options = null)
        : this(timetable, new EngineOnDemandTrips(engine), travel, options)
    {
    }

    private readonly JourneyPlannerOptions _o = options ?? new JourneyPlannerOptions();
    private readonly ConnectionScan _scan = new(timetable);
    private readonly ServiceClock _clock = ServiceClock.For(timetable.TimeZone);

    private enum End { Walk, OnDemand }

    /// <summary>The clock of the timetable's zone.</summary>
    public ServiceClock Clock => _clock;

    /// <summary>The timetable planned on.</summary>
    public Timetable Timetable => timetable;

    /// <summary>
    /// Real-time data used by every plan (replaced whole by the feed poller): cancelled trips are not offered, a journey
    /// whose transfer the delays break is not offered, and each on-demand leg is anchored to the train's real time and
    /// tied to it (<see cref="TrainConnection"/>), so that later delays move the booking.
    /// </summary>
    public DelayOverlay Delays
    {
        get => _scan.Overlay;
        set => _scan.Overlay = value ?? DelayOverlay.Empty;
    }

    /// <summary>Plans itineraries for a request; never throws for an unreachable destination (empty plan with notes).</summary>
    public async Task<JourneyPlan> PlanAsync(JourneyRequest r, CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        var found = new List<Itinerary>();
        var walkAccess = WalkLegs(r.From);
        var walkEgress = WalkLegs(r.To);
        var demandAccess = OnDemandLegs(r.From, toStops: true, notes);
        var demandEgress = OnDemandLegs(r.To, toStops: false, notes);

        foreach (var (a, e) in new[] { (End.Walk, End.Walk), (End.OnDemand, End.Walk), (End.Walk, End.OnDemand), (End.OnDemand, End.OnDemand) })
        {
            var access = a == End.Walk ? walkAccess : demandAccess;
            var egress = e == End.Walk ? walkEgress : demandEgress;
            if (access.IsEmpty || egress.IsEmpty) continue;
            var itinerary = await RealiseAsync(r, access, egress, a, e, notes, cancellationToken).ConfigureAwait(false);
            if (itinerary is not null) found.Add(itinerary);
        }
        double direct = Geo.Metres(r.From.Latitude, r.From.Longitude, r.To.Latitude, r.To.Longitude);
        if (direct <= _o.WalkOnlyMetres)
        {
            var walk = TimeSpan.FromSeconds(_o.WalkSeconds(direct));
            var start = r.ArriveBy ? r.Time - walk : r.Time;
            found.Add(new Itinerary([new ItineraryLeg(LegMode.Walk, Origin(r.From), Destination(r.To), start, start + walk)]));
        }
        var unique = found.GroupBy(Signature).Select(g => g.First());
        var ordered = r.ArriveBy
            ? unique.OrderByDescending(i => i.Departure).ThenBy(i => i.Legs.Length)
            : unique.OrderBy(i => i.Arrival).ThenByDescending(i => i.Departure).ThenBy(i => i.Legs.Length);
        return new JourneyPlan([.. ordered], [.. notes]);
    }

    /// <summary>
    /// Confirms every on-demand offer of an itinerary; if one fails, the legs already confirmed are cancelled,
    /// so the rider holds either the whole chain or nothing. Returns the booking ids, or the error.
    /// </summary>
    public async Task<(ImmutableArray<string> BookingIds, string? Error)> ConfirmAsync(string riderId, Itinerary itinerary, CancellationToken cancellationToken = default)
    {
        var caller = CallerIdentity.Rider(riderId);
        var booked = new List<string>();
        foreach (var leg in itinerary.Legs)
        {
            if (leg.Offer is null) continue;
            var r = await engine.ConfirmOfferAsync(caller, leg.Offer.OfferId, cancellationToken).ConfigureAwait(false);
            if (!r.IsSuccess)
            {
                foreach (var id in booked) await engine.CancelBookingAsync(caller, id, cancellationToken).ConfigureAwait(false);
                return ([], r.Error!.Message);
            }
            booked.Add(r.Value!.Id);
        }
        return ([.. booked], null);
    }

    /// <summary>Cancels every booking of a confirmed chain.</summary>
    public async Task CancelAsync(string riderId, IEnumerable<string> bookingIds, CancellationToken cancellationToken = default)
    {
        foreach (var id in bookingIds)
            await engine.CancelBookingAsync(CallerIdentity.Rider(riderId), id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Itinerary?> RealiseAsync(JourneyRequest r, ImmutableArray<StopAccess> access, ImmutableArray<StopAccess> egress,
        End a, End e, List<string> notes, CancellationToken ct)
    {
        var (date, seconds) = _clock.ToService(r.Time);
        int departure = seconds, arriveBy = seconds;
        for (int attempt = 0; attempt < _o.MaxConnectionAttempts; attempt++)
        {
            var journey = r.ArriveBy ? LatestJourney(date, arriveBy, access, egress) : _scan.EarliestArrival(new TransitQuery(date, departure, access, egress));
            if (journey is null) return null;
            var firstRide = journey.Legs.First(l => l.Kind == JourneyLegKind.Ride);
            var lastRide = journey.Legs.Last(l => l.Kind == JourneyLegKind.Ride);
            var legs = new List<ItineraryLeg>();
            string? failure = BrokenTransfer(journey);
            if (failure is null && a == End.OnDemand)
            {
                var (leg, why) = await FeederAsync(r, date, firstRide, ct).ConfigureAwait(false);
                if (leg is null) failure = why; else legs.Add(leg);
            }
            else if (failure is null)
            {
                legs.Add(WalkLeg(Origin(r.From), StopPlace(firstRide.FromStop), date, firstRide.Departure, access, firstRide.FromStop, toStop: true));
            }
            foreach (var l in journey.Legs)
            {
                if (l.Kind == JourneyLegKind.Ride) legs.Add(RideLeg(date, l));
                else if (l.Kind == JourneyLegKind.Transfer)
                    legs.Add(new ItineraryLeg(LegMode.Walk, StopPlace(l.FromStop), StopPlace(l.ToStop), _clock.ToInstant(date, l.Departure), _clock.ToInstant(date, l.Arrival)));
            }
            if (failure is null && e == End.OnDemand)
            {
                var (leg, why) = await DistributorAsync(r, date, lastRide, ct).ConfigureAwait(false);
                if (leg is null) failure = why; else legs.Add(leg);
            }
            else if (failure is null)
            {
                legs.Add(WalkLeg(StopPlace(lastRide.ToStop), Destination(r.To), date, lastRide.Arrival, egress, lastRide.ToStop, toStop: false));
            }
            if (failure is null) return new Itinerary([.. legs]);
            notes.Add($"{timetable.RouteName(timetable.TripRoute(firstRide.Trip))} {_clock.ToInstant(date, firstRide.Departure):HH:mm} from {timetable.StopName(firstRide.FromStop)}: {failure}");
            // Try the next connection: leave later (or, arriving by a time, arrive earlier).
            if (r.ArriveBy) arriveBy = journey.Arrival - 60;
            else departure = journey.Departure + 60;
        }
        return null;
    }

    private Journey? LatestJourney(DateOnly date, int arriveBy, ImmutableArray<StopAccess> access, ImmutableArray<StopAccess> egress)
    {
        int window = (int)_o.ArriveByWindow.TotalSeconds;
        var q = new TransitQuery(date, arriveBy - window, access, egress, window, MaxDuration: window);
        var best = _scan.Profile(q).Where(p => p.Arrival <= arriveBy).OrderByDescending(p => p.Departure).FirstOrDefault();
        if (best == default) return null;
        var j = _scan.EarliestArrival(q with { Departure = best.Departure, Window = 0 });
        return j is not null && j.Arrival <= arriveBy ? j : null;
    }

    private async Task<(ItineraryLeg? Leg, string Why)> FeederAsync(JourneyRequest r, DateOnly date, JourneyLeg firstRide, CancellationToken ct)
    {
        var scheduled = _clock.ToInstant(date, firstRide.Departure);
        var delay = TimeSpan.FromSeconds(Delays.DepartureDelay(timetable, firstRide.Trip, firstRide.ServiceDate, firstRide.BoardStopTime));
        var buffer = ConnectionGuarantee.Buffer(timetable, firstRide.FromStop, _o.DefaultTransferBuffer);
        var latest = ConnectionGuarantee.LatestDropoff(scheduled + delay, buffer);
        var stop = StopPoint(firstRide.FromStop);
        var train = new TrainConnection(TrainConnectionKind.Feeder, timetable.TripId(firstRide.Trip), firstRide.ServiceDate,
            timetable.StopId(firstRide.FromStop), scheduled, buffer, timetable.RouteName(timetable.TripRoute(firstRide.Trip)), delay, r.To);
        var quote = await engine.RequestQuoteAsync(CallerIdentity.Rider(r.RiderId),
            new QuoteRequest(new PlaceRef(r.From), new PlaceRef(stop), null, latest, r.Passengers, Train: train), ct).ConfigureAwait(false);
        if (!quote.IsSuccess) return (null, quote.Error!.Message);
        if (quote.Value!.Offer is not { } offer) return (null, "on-demand bus: " + quote.Value.Rejection!.Reason);
        if (!r.ArriveBy && offer.PlannedPickup < r.Time)
            return (null, $"on-demand bus would have to pick up at {offer.PlannedPickup:HH:mm}, before the requested time");
        return (new ItineraryLeg(LegMode.OnDemand, Origin(r.From), StopPlace(firstRide.FromStop), offer.PlannedPickup, offer.PredictedDropoff,
            Offer: offer, LatestDropoff: latest), "");
    }

    private async Task<(ItineraryLeg? Leg, string Why)> DistributorAsync(JourneyRequest r, DateOnly date, JourneyLeg lastRide, CancellationToken ct)
    {
        var scheduled = _clock.ToInstant(date, lastRide.Arrival);
        var delay = TimeSpan.FromSeconds(Delays.ArrivalDelay(timetable, lastRide.Trip, lastRide.ServiceDate, lastRide.AlightStopTime));
        var buffer = ConnectionGuarantee.Buffer(timetable, lastRide.ToStop, _o.DefaultTransferBuffer);
        var earliest = ConnectionGuarantee.EarliestPickup(scheduled + delay, buffer);
        var train = new TrainConnection(TrainConnectionKind.RideHome, timetable.TripId(lastRide.Trip), lastRide.ServiceDate,
            timetable.StopId(lastRide.ToStop), scheduled, buffer, timetable.RouteName(timetable.TripRoute(lastRide.Trip)), delay, r.From);
        var quote = await engine.RequestQuoteAsync(CallerIdentity.Rider(r.RiderId),
            new QuoteRequest(new PlaceRef(StopPoint(lastRide.ToStop)), new PlaceRef(r.To), earliest, null, r.Passengers, Train: train), ct).ConfigureAwait(false);
        if (!quote.IsSuccess) return (null, quote.Error!.Message);
        if (quote.Value!.Offer is not { } offer) return (null, "on-demand bus: " + quote.Value.Rejection!.Reason);
        if (r.ArriveBy && offer.PredictedDropoff > r.Time)
            return (null, $"on-demand bus would arrive at {offer.PredictedDropoff:HH:mm}, after the requested time");
        return (new ItineraryLeg(LegMode.OnDemand, StopPlace(lastRide.ToStop), Destination(r.To), offer.PlannedPickup, offer.PredictedDropoff,
            Offer: offer, EarliestPickup: earliest), "");
    }

    /// <summary>
    /// Why a journey's transfer between two rides no longer works with the real-time delays (the earlier ride's real
    /// arrival plus the change time or walk after the later one's real departure); null when every transfer holds.
    /// </summary>
    private string? BrokenTransfer(Journey journey)
    {
        var overlay = Delays;
        if (overlay.TripCount == 0) return null;
        JourneyLeg? previous = null;
        int walk = 0;
        foreach (var l in journey.Legs)
        {
            if (l.Kind == JourneyLegKind.Transfer) { walk = l.Arrival - l.Departure; continue; }
            if (l.Kind != JourneyLegKind.Ride) continue;
            if (previous is { } p)
            {
                int ready = p.Arrival + overlay.ArrivalDelay(timetable, p.Trip, p.ServiceDate, p.AlightStopTime)
                            + (walk > 0 ? walk : timetable.MinChangeSeconds(l.FromStop));
                int leaves = l.Departure + overlay.DepartureDelay(timetable, l.Trip, l.ServiceDate, l.BoardStopTime);
                if (ready > leaves)
                    return $"the change at {timetable.StopName(l.FromStop)} no longer works with today's delays";
            }
            previous = l;
            walk = 0;
        }
        return null;
    }

    private ItineraryLeg RideLeg(DateOnly date, JourneyLeg l)
    {
        int route = timetable.TripRoute(l.Trip);
        return new ItineraryLeg(IsRail(timetable.RouteType(route)) ? LegMode.Rail : LegMode.Bus, StopPlace(l.FromStop), StopPlace(l.ToStop),
            _clock.ToInstant(date, l.Departure), _clock.ToInstant(date, l.Arrival),
            timetable.RouteName(route), timetable.TripId(l.Trip), timetable.TripHeadsign(l.Trip), l.ServiceDate);
    }

    private ItineraryLeg WalkLeg(Place from, Place to, DateOnly date, int stopTime, ImmutableArray<StopAccess> legs, int stop, bool toStop)
    {
        int walk = legs.Where(x => x.Stop == stop).Min(x => x.Seconds);
        var at = _clock.ToInstant(date, stopTime);
        return toStop
            ? new ItineraryLeg(LegMode.Walk, from, to, at.AddSeconds(-walk), at)
            : new ItineraryLeg(LegMode.Walk, from, to, at, at.AddSeconds(walk));
    }

    /// <summary>GTFS route types of trains: 1 subway, 2 rail, 12 monorail; extended 100–199 railway, 400–499 urban rail.</summary>
    public static bool IsRail(int routeType) => routeType is 1 or 2 or 12 or >= 100 and < 200 or >= 400 and < 500;

    private ImmutableArray<StopAccess> WalkLegs(GeoPoint p) =>
        [.. timetable.StopsNear(p.Latitude, p.Longitude, _o.MaxWalkMetres).Select(s => new StopAccess(s.Stop, _o.WalkSeconds(s.Metres)))];

    /// <summary>
    /// On-demand legs between a point and the nearest stops (by driving time) the on-demand service can link it with;
    /// the duration covers driving, the allowance and the transfer buffer, so the scan only proposes trains a
    /// feeder can plausibly reach; the quote afterwards decides.
    /// </summary>
    private ImmutableArray<StopAccess> OnDemandLegs(GeoPoint p, bool toStops, List<string> notes)
    {
        // A feeder starts at p, a ride home ends there; in a cluster the trip belongs to the area of its start.
        var candidates = timetable.StopsNear(p.Latitude, p.Longitude, _o.MaxOnDemandMetres)
            .Where(s => toStops ? engine.Serves(p, StopPoint(s.Stop)) : engine.Serves(StopPoint(s.Stop), p))
            .Where(s => s.Metres > _o.MaxWalkMetres / 2) // next door: walking is offered anyway
            .ToList();
        if (candidates.Count == 0) return [];
        var points = candidates.Select(s => StopPoint(s.Stop)).ToList();
        var table = toStops ? travel.Table([p], points) : travel.Table(points, [p]);
        var legs = new List<(int Stop, double Drive)>();
        for (int i = 0; i < candidates.Count; i++)
        {
            double d = toStops ? table.Duration(0, i) : table.Duration(i, 0);
            if (double.IsFinite(d)) legs.Add((candidates[i].Stop, d));
        }
        if (legs.Count == 0) notes.Add($"no stop inside the on-demand area is reachable by road from {p}");
        return [.. legs.OrderBy(x => x.Drive).Take(_o.OnDemandStopCandidates).Select(x =>
        {
            var buffer = ConnectionGuarantee.Buffer(timetable, x.Stop, _o.DefaultTransferBuffer);
            return new StopAccess(x.Stop, (int)Math.Ceiling(x.Drive + _o.OnDemandAllowance.TotalSeconds + buffer.TotalSeconds));
        })];
    }

    private GeoPoint StopPoint(int stop) => new(timetable.StopLatitude(stop), timetable.StopLongitude(stop));

    private Place StopPlace(int stop) => new(timetable.StopName(stop), timetable.StopLatitude(stop), timetable.StopLongitude(stop), timetable.StopId(stop));

    private static Place Origin(GeoPoint p) => new("origin", p.Latitude, p.Longitude);

    private static Place Destination(GeoPoint p) => new("destination", p.Latitude, p.Longitude);

    private static string Signature(Itinerary i) => string.Join("|", i.Legs.Select(l => $"{l.Mode}:{l.TripId}:{l.From.StopId}:{l.To.StopId}"));
}
