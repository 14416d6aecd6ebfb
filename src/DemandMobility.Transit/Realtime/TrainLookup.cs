using DemandMobility.Dispatch.Domain;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Realtime;

/// <summary>Timetable look-ups for a train a booking is tied to.</summary>
public static class TrainLookup
{
    /// <summary>Whether real-time data reports the connection's trip instance cancelled.</summary>
    public static bool IsCancelled(Timetable tt, DelayOverlay overlay, TrainConnection t)
    {
        int trip = tt.TripIndex(t.TripId);
        return trip >= 0 && overlay.IsCancelled(trip, t.ServiceDate);
    }

    /// <summary>
    /// The next trip of the same route that arrives at the connection's stop after its scheduled arrival, on the same
    /// service date and not cancelled, as a ride-home connection with its known delay; null when none is left that day.
    /// </summary>
    public static TrainConnection? NextArrival(Timetable tt, ServiceClock clock, DelayOverlay overlay, TrainConnection t)
    {
        int stop = tt.StopIndex(t.StopId);
        if (stop < 0) return null;
        int day = t.ServiceDate.DayNumber;
        int after = (int)(t.Scheduled - clock.DayStart(t.ServiceDate)).TotalSeconds;
        int bestTrip = -1, bestStopTime = -1, best = int.MaxValue;
        for (int trip = 0; trip < tt.TripCount; trip++)
        {
            if (tt.RouteName(tt.TripRoute(trip)) != t.Route || !tt.Runs(trip, day) || overlay.IsCancelled(trip, t.ServiceDate)) continue;
            for (int st = tt.TripStart(trip) + 1; st < tt.TripEnd(trip); st++)
            {
                if (tt.StopTimeStop(st) != stop || !tt.CanAlight(st)) continue;
                int arrival = tt.StopTimeArrival(st);
                if (arrival > after && arrival < best) (bestTrip, bestStopTime, best) = (trip, st, arrival);
            }
        }
        if (bestTrip < 0) return null;
        var delay = TimeSpan.FromSeconds(overlay.ArrivalDelay(tt, bestTrip, t.ServiceDate, bestStopTime));
        return t with { TripId = tt.TripId(bestTrip), Scheduled = clock.ToInstant(t.ServiceDate, best), Delay = delay };
    }
}
