using DemandMobility.Transit.Search;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Tests;

/// <summary>
/// A plain reference for the connection scan: repeats "board every trip instance where the rider is ready, ride
/// it to the end, update arrivals" until nothing changes (a Bellman–Ford style fixpoint over trips, no ordering
/// of connections at all). Same semantics as <see cref="ConnectionScan"/>; slow, obviously right.
/// </summary>
internal static class ReferenceSearch
{
    public static int? EarliestArrival(Timetable tt, TransitQuery q)
    {
        int n = tt.StopCount;
        var ready = new long[n];
        Array.Fill(ready, long.MaxValue);
        foreach (var a in q.Access) ready[a.Stop] = Math.Min(ready[a.Stop], q.Departure + a.Seconds);
        long best = long.MaxValue;
        long bound = (long)q.Departure + q.Window + q.MaxDuration;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int off = -3; off <= 4; off++)
            {
                int day = q.Date.DayNumber + off, shift = off * 86400;
                for (int trip = 0; trip < tt.TripCount; trip++)
                {
                    if (!tt.Runs(trip, day)) continue;
                    bool boarded = false;
                    for (int i = tt.TripStart(trip); i < tt.TripEnd(trip); i++)
                    {
                        if (boarded && tt.CanAlight(i))
                        {
                            long arr = tt.StopTimeArrival(i) + shift;
                            int v = tt.StopTimeStop(i);
                            if (arr + tt.MinChangeSeconds(v) < ready[v]) { ready[v] = arr + tt.MinChangeSeconds(v); changed = true; }
                            foreach (var (w, s) in tt.Footpaths(v))
                                if (arr + s < ready[w]) { ready[w] = arr + s; changed = true; }
                            foreach (var e in q.Egress)
                                if (e.Stop == v) best = Math.Min(best, arr + e.Seconds);
                        }
                        long dep = tt.StopTimeDeparture(i) + shift;
                        if (dep > bound || dep < q.Departure) { if (boarded) break; continue; }
                        if (!boarded && i < tt.TripEnd(trip) - 1 && tt.CanBoard(i) && ready[tt.StopTimeStop(i)] <= dep) boarded = true;
                    }
                }
            }
        }
        return best == long.MaxValue ? null : (int)best;
    }
}
