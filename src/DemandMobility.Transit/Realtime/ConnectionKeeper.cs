using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Views;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Realtime;

/// <summary>
/// Hands real-time delays to the dispatcher and re-plans what they break. Each call: the overlay becomes the planner's
/// (journey searches skip cancelled trips and anchor on-demand legs to real times); the trains that confirmed bookings
/// are tied to (<see cref="DispatchEngine.TrainConnectionsAsync"/>) are looked up in the overlay and their status
/// applied (<see cref="DispatchEngine.ApplyTrainStatusAsync"/>: the engine moves feeder deadlines and ride-home pickup
/// windows and alerts on lost connections); for every lost connection the rider is offered the next one — a feeder
/// re-planned to the next train of the whole journey (held with <c>hold</c>, e.g. for <c>ConfirmJourney</c>), or a ride
/// home after the next arrival of the same route — and the booking ends showing that offer
/// (<see cref="DispatchEngine.ReplaceConnectionAsync"/>). Trains the overlay says nothing about keep their last status.
/// </summary>
/// <param name="planner">The journey planner (its engine and timetable).</param>
/// <param name="engine">The dispatch engine the bookings live in.</param>
/// <param name="clock">Now (the engine's clock).</param>
/// <param name="hold">Holds a replacement itinerary for the rider and returns its id; null keeps none.</param>
public sealed class ConnectionKeeper(JourneyPlanner planner, DispatchEngine engine, TimeProvider clock, Func<string, Itinerary, string?>? hold = null)
{
    private static readonly CallerIdentity RealTime = CallerIdentity.Dispatcher("gtfs-realtime");

    /// <summary>Applies an overlay; returns what happened to each affected booking (empty when nothing changed).</summary>
    public async Task<IReadOnlyList<ConnectionUpdate>> ApplyAsync(DelayOverlay overlay, CancellationToken cancellationToken = default)
    {
        planner.Delays = overlay;
        var tt = planner.Timetable;
        var statuses = new List<TrainStatus>();
        foreach (var t in await engine.TrainConnectionsAsync(cancellationToken).ConfigureAwait(false))
            if (StatusOf(tt, overlay, t) is { } s) statuses.Add(s);
        if (statuses.Count == 0) return [];
        var applied = await engine.ApplyTrainStatusAsync(RealTime, statuses, cancellationToken).ConfigureAwait(false);
        if (!applied.IsSuccess) throw new InvalidOperationException(applied.Error!.Message);
        var updates = new List<ConnectionUpdate>();
        foreach (var o in applied.Value!)
        {
            if (o.Kind != ConnectionOutcomeKind.Broken)
            {
                updates.Add(new ConnectionUpdate(o, null));
                continue;
            }
            var offered = await ReplanAsync(o, cancellationToken).ConfigureAwait(false);
            var replaced = await engine.ReplaceConnectionAsync(RealTime, o.BookingId, o.Reason, offered, cancellationToken).ConfigureAwait(false);
            if (!replaced.IsSuccess) throw new InvalidOperationException(replaced.Error!.Message);
            updates.Add(new ConnectionUpdate(o, offered));
        }
        return updates;
    }

    /// <summary>The train's status at the connection's stop, or null when the overlay has nothing on the trip.</summary>
    public static TrainStatus? StatusOf(Timetable tt, DelayOverlay overlay, TrainConnection t)
    {
        int trip = tt.TripIndex(t.TripId);
        if (trip < 0 || !overlay.Covers(trip, t.ServiceDate)) return null;
        if (overlay.IsCancelled(trip, t.ServiceDate)) return new TrainStatus(t.TripId, t.ServiceDate, t.StopId, TimeSpan.Zero, Cancelled: true);
        for (int st = tt.TripStart(trip); st < tt.TripEnd(trip); st++)
        {
            if (tt.StopId(tt.StopTimeStop(st)) != t.StopId) continue;
            int delay = t.Kind == TrainConnectionKind.Feeder
                ? overlay.DepartureDelay(tt, trip, t.ServiceDate, st)
                : overlay.ArrivalDelay(tt, trip, t.ServiceDate, st);
            return new TrainStatus(t.TripId, t.ServiceDate, t.StopId, TimeSpan.FromSeconds(delay));
        }
        return null;
    }

    /// <summary>What the rider is offered instead of a lost connection, as one phrase; null when nothing could be planned.</summary>
    private async Task<string?> ReplanAsync(ConnectionOutcome lost, CancellationToken ct)
    {
        var got = await engine.GetBookingAsync(RealTime, lost.BookingId, ct).ConfigureAwait(false);
        if (!got.IsSuccess || got.Value!.Booking is not { Offer: { } offer } b) return null;
        var origin = offer.Pickup.Point;
        var destination = offer.Dropoff.Point;
        return lost.Train.Kind == TrainConnectionKind.Feeder
            ? await NextFeederAsync(b, origin, lost.Train.JourneyEnd ?? destination, offer.PromisedPickupStart, ct).ConfigureAwait(false)
            : await NextRideHomeAsync(b, lost, destination, ct).ConfigureAwait(false);
    }

    private async Task<string?> NextFeederAsync(Booking b, GeoPoint from, GeoPoint to, DateTimeOffset notBefore, CancellationToken ct)
    {
        var at = notBefore > clock.GetUtcNow() ? notBefore : clock.GetUtcNow();
        var plan = await planner.PlanAsync(new JourneyRequest(from, to, at, RiderId: b.RiderId, Passengers: Math.Max(1, b.Request.Passengers)), ct)
            .ConfigureAwait(false);
        var next = plan.Itineraries.FirstOrDefault(i => i.Legs.Any(l => l.Mode is LegMode.Rail or LegMode.Bus));
        if (next is null) return null;
        var ride = next.Legs.First(l => l.Mode is LegMode.Rail or LegMode.Bus);
        var feeder = next.Legs.FirstOrDefault(l => l.Offer is not null && l.LatestDropoff is not null);
        string id = hold?.Invoke(b.RiderId, next) is { } held ? $" (journey {held})" : "";
        return feeder is null
            ? $"{ride.Route} {ride.Departure:HH:mm} UTC from {ride.From.Name}{id}"
            : $"{ride.Route} {ride.Departure:HH:mm} UTC from {ride.From.Name} with an on-demand pickup " +
              $"{feeder.Offer!.PromisedPickupStart:HH:mm}–{feeder.Offer.PromisedPickupEnd:HH:mm} UTC{id}";
    }

    private async Task<string?> NextRideHomeAsync(Booking b, ConnectionOutcome lost, GeoPoint home, CancellationToken ct)
    {
        var tt = planner.Timetable;
        var train = lost.Train;
        // A late train: the ride after its real arrival. A cancelled one: after the next arrival of the same route at the stop.
        TrainConnection? next = train with { Delay = lost.Delay };
        if (TrainLookup.IsCancelled(tt, planner.Delays, train))
            next = TrainLookup.NextArrival(tt, planner.Clock, planner.Delays, train);
        if (next is null) return null;
        var station = b.Offer!.Pickup.Point;
        var quote = await engine.RequestQuoteAsync(CallerIdentity.Rider(b.RiderId),
            new QuoteRequest(new PlaceRef(station), new PlaceRef(home), next.Scheduled + next.Delay + next.Buffer, null,
                Math.Max(1, b.Request.Passengers), b.Request.WheelchairPlaces, b.Request.Luggage, Train: next), null, ct).ConfigureAwait(false);
        if (!quote.IsSuccess || quote.Value!.Offer is not { } offer) return null;
        return $"an on-demand pickup {offer.PromisedPickupStart:HH:mm}–{offer.PromisedPickupEnd:HH:mm} UTC after {next.Route} " +
               $"arriving {next.Scheduled + next.Delay:HH:mm} UTC (offer {offer.OfferId})";
    }
}
