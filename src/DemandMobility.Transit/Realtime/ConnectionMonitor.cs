using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Realtime;

/// <summary>
/// Applies a <see cref="DelayOverlay"/> to the connections of an itinerary: a late departing train relaxes the
/// feeder's deadline by the delay; a late arriving train moves the ride home's pickup by the delay; a cancelled
/// train, or a feeder predicted to arrive after the train has left, breaks the connection — the dispatcher is
/// alerted and the rider is offered the next train (<see cref="JourneyPlanner.PlanAsync"/> from the transfer stop).
/// </summary>
public sealed class ConnectionMonitor(Timetable timetable)
{
    /// <summary>Checks every on-demand leg of an itinerary against the overlay; one verdict per connection.</summary>
    public IReadOnlyList<ConnectionCheck> Check(Itinerary itinerary, DelayOverlay overlay)
    {
        var result = new List<ConnectionCheck>();
        var legs = itinerary.Legs;
        for (int i = 0; i < legs.Length; i++)
        {
            var leg = legs[i];
            if (leg.Mode != LegMode.OnDemand) continue;
            if (leg.LatestDropoff is { } deadline && NextRide(legs, i + 1) is { } train)
                result.Add(Feeder(leg, deadline, train, overlay));
            if (leg.EarliestPickup is { } pickup && PreviousRide(legs, i - 1) is { } arriving)
                result.Add(Distributor(pickup, arriving, overlay));
        }
        return result;
    }

    private ConnectionCheck Feeder(ItineraryLeg feeder, DateTimeOffset deadline, ItineraryLeg train, DelayOverlay overlay)
    {
        var (trip, st) = Locate(train, boarding: true);
        if (trip < 0) return new(ConnectionState.OnTime, train.Departure, deadline, "no real-time data for this train");
        var date = train.ServiceDate!.Value;
        if (overlay.IsCancelled(trip, date))
            return new(ConnectionState.Broken, train.Departure, deadline, $"{train.Route} {train.Departure:HH:mm} is cancelled");
        int delay = overlay.DepartureDelay(timetable, trip, date, st);
        var departs = train.Departure.AddSeconds(delay);
        if (delay > 0)
            return new(ConnectionState.DeadlineRelaxed, departs, deadline.AddSeconds(delay), $"{train.Route} leaves {delay / 60} min late");
        if (delay < 0 && feeder.Arrival > departs - (train.Departure - deadline))
            return new(ConnectionState.Broken, departs, deadline, $"{train.Route} leaves {-delay / 60} min early, before the feeder arrives");
        return new(ConnectionState.OnTime, departs, deadline, "on time");
    }

    private ConnectionCheck Distributor(DateTimeOffset pickup, ItineraryLeg train, DelayOverlay overlay)
    {
        var (trip, st) = Locate(train, boarding: false);
        if (trip < 0) return new(ConnectionState.OnTime, train.Arrival, pickup, "no real-time data for this train");
        var date = train.ServiceDate!.Value;
        if (overlay.IsCancelled(trip, date))
            return new(ConnectionState.Broken, train.Arrival, pickup, $"{train.Route} arriving {train.Arrival:HH:mm} is cancelled");
        int delay = overlay.ArrivalDelay(timetable, trip, date, st);
        return delay > 0
            ? new(ConnectionState.PickupMoved, train.Arrival.AddSeconds(delay), pickup.AddSeconds(delay), $"{train.Route} arrives {delay / 60} min late")
            : new(ConnectionState.OnTime, train.Arrival.AddSeconds(delay), pickup, "on time");
    }

    private (int Trip, int StopTime) Locate(ItineraryLeg ride, bool boarding)
    {
        int trip = ride.TripId is null ? -1 : timetable.TripIndex(ride.TripId);
        if (trip < 0 || ride.ServiceDate is null) return (-1, -1);
        string? stopId = boarding ? ride.From.StopId : ride.To.StopId;
        for (int st = timetable.TripStart(trip); st < timetable.TripEnd(trip); st++)
            if (timetable.StopId(timetable.StopTimeStop(st)) == stopId) return (trip, st);
        return (-1, -1);
    }

    private static ItineraryLeg? NextRide(IReadOnlyList<ItineraryLeg> legs, int from)
    {
        for (int i = from; i < legs.Count; i++) if (legs[i].Mode is LegMode.Rail or LegMode.Bus) return legs[i];
        return null;
    }

    private static ItineraryLeg? PreviousRide(IReadOnlyList<ItineraryLeg> legs, int from)
    {
        for (int i = from; i >= 0; i--) if (legs[i].Mode is LegMode.Rail or LegMode.Bus) return legs[i];
        return null;
    }
}
