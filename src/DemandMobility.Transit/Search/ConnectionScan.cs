using System.Collections.Immutable;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Search;

/// <summary>
/// Earliest-arrival and profile searches with the Connection Scan Algorithm (J. Dibbelt, T. Pajor, B. Strasser,
/// D. Wagner: "Intriguingly Simple and Fast Transit Routing", SEA 2013; earliest arrival section 3, profiles
/// section 4). Semantics shared by both (and by the tests' reference search): a rider is ready to board at an
/// access stop at departure + access time; after alighting at stop v at time a, ready to board at v at
/// a + min change time of v, or at a footpath's target w at a + walking time (one footpath between rides);
/// the journey ends by an egress leg from a stop where the rider alighted. Boarding and alighting honour
/// pickup_type/drop_off_type = 1. Service days before and after the query date are merged in
/// (<see cref="ConnectionStream"/>), so trips past midnight are found.
/// </summary>
public sealed class ConnectionScan(Timetable timetable)
{
    private const int Infinity = int.MaxValue;

    /// <summary>The timetable searched.</summary>
    public Timetable Timetable => timetable;

    /// <summary>
    /// Real-time data: cancelled trip instances are not boarded. Delays are not applied inside the scan (the connections
    /// are sorted by planned departure); the planner checks a found journey's transfers against them.
    /// </summary>
    public Realtime.DelayOverlay Overlay { get; set; } = Realtime.DelayOverlay.Empty;

    /// <summary>The earliest-arriving journey, or null when no egress stop is reached.</summary>
    public Journey? EarliestArrival(TransitQuery q)
    {
        var tt = timetable;
        int n = tt.StopCount;
        var ready = new int[n];
        Array.Fill(ready, Infinity);
        // How ready[s] was reached: -1 - access index, or the alighting stop time, with the footpath walked after it.
        var viaAlight = new int[n];
        var viaBoard = new int[n];
        var viaSlot = new int[n];
        var viaWalkFrom = new int[n];
        for (int i = 0; i < q.Access.Length; i++)
        {
            var a = q.Access[i];
            int t = q.Departure + a.Seconds;
            if (t < ready[a.Stop]) { ready[a.Stop] = t; viaAlight[a.Stop] = -1 - i; }
        }
        var egress = EgressTable(q.Egress, n);

        var stream = new ConnectionStream(tt, q.Date, q.Departure, q.Departure + q.Window + q.MaxDuration, descending: false, Overlay);
        var boardSt = new int[tt.TripCount * stream.Slots];
        Array.Fill(boardSt, -1);
        int best = Infinity, bestAlight = -1, bestBoard = -1, bestSlot = -1, bestEgress = -1;
        var stops = tt.Parts.StopTimeStop;
        var (footFirst, footTarget, footSeconds) = (tt.FootFirst, tt.FootTarget, tt.FootSeconds);
        while (stream.Next(out int c, out int slot))
        {
            int shift = stream.Shift(slot);
            int dep = tt.ConnDep[c] + shift;
            if (dep >= best) break; // arrivals only get later from here on
            int st = tt.ConnStopTime[c];
            int key = tt.ConnTrip[c] * stream.Slots + slot;
            if (boardSt[key] < 0)
            {
                if (ready[stops[st]] > dep || !tt.CanBoard(st)) continue;
                boardSt[key] = st;
            }
            if (!tt.CanAlight(st + 1)) continue;
            int arr = tt.ConnArr[c] + shift;
            int v = stops[st + 1];
            int change = tt.MinChangeSeconds(v);
            if ((long)arr + change < ready[v]) Set(v, arr + change, st + 1, boardSt[key], slot, -1);
            for (int f = footFirst[v]; f < footFirst[v + 1]; f++)
            {
                int w = footTarget[f];
                if (arr + footSeconds[f] < ready[w]) Set(w, arr + footSeconds[f], st + 1, boardSt[key], slot, v);
            }
            if (egress[v] >= 0 && arr + egress[v] < best)
            {
                best = arr + egress[v]; bestAlight = st + 1; bestBoard = boardSt[key]; bestSlot = slot; bestEgress = v;
            }
        }
        if (best == Infinity) return null;

        void Set(int s, int time, int alight, int board, int slot, int walkFrom)
        {
            ready[s] = time; viaAlight[s] = alight; viaBoard[s] = board; viaSlot[s] = slot; viaWalkFrom[s] = walkFrom;
        }

        // Walk back from the destination: egress, then rides (with footpaths between them), then access.
        var legs = new List<JourneyLeg> { new(JourneyLegKind.Egress, bestEgress, -1, 0, best) };
        int alightSt = bestAlight, boardStop = bestBoard, rideSlot = bestSlot;
        while (true)
        {
            int shift = stream.Shift(rideSlot);
            int from = stops[boardStop];
            var ride = new JourneyLeg(JourneyLegKind.Ride, from, stops[alightSt], tt.StopTimeDeparture(boardStop) + shift,
                tt.StopTimeArrival(alightSt) + shift, TripOf(boardStop), boardStop, alightSt, stream.Day(rideSlot));
            legs.Add(ride);
            int via = viaAlight[from];
            if (via < 0)
            {
                var a = q.Access[-1 - via];
                legs.Add(new JourneyLeg(JourneyLegKind.Access, -1, from, ride.Departure - a.Seconds, ride.Departure));
                break;
            }
            if (viaWalkFrom[from] >= 0)
            {
                int walkFrom = viaWalkFrom[from];
                int arrived = tt.StopTimeArrival(via) + stream.Shift(viaSlot[from]);
                legs.Add(new JourneyLeg(JourneyLegKind.Transfer, walkFrom, from, arrived, ready[from]));
            }
            alightSt = via; boardStop = viaBoard[from]; rideSlot = viaSlot[from];
        }
        legs.Reverse();
        // The access leg leaves as late as the first ride allows (no waiting at the stop).
        return new Journey(legs[0].Departure, best, [.. legs]);
    }

    /// <summary>
    /// All Pareto-optimal (departure, arrival) pairs for departures from the origin in the query's window,
    /// latest departure first; an option that a departure after the window beats (leaves later, arrives no later)
    /// is left out, as it would never be chosen (CSA profile search, section 4 of the paper, with footpaths handled by a second
    /// profile per stop for "walk here after alighting elsewhere").
    /// </summary>
    public ImmutableArray<ProfileEntry> Profile(TransitQuery q)
    {
        var tt = timetable;
        int n = tt.StopCount;
        var egress = EgressTable(q.Egress, n);
        var direct = new StopProfile?[n];
        var walked = new StopProfile?[n];
        var stream = new ConnectionStream(tt, q.Date, q.Departure, q.Departure + q.Window + q.MaxDuration, descending: true, Overlay);
        var tripArrival = new int[tt.TripCount * stream.Slots];
        Array.Fill(tripArrival, Infinity);
        var stops = tt.Parts.StopTimeStop;
        var (inFirst, inSource, inSeconds) = tt.IncomingFootpaths;
        while (stream.Next(out int c, out int slot))
        {
            int shift = stream.Shift(slot);
            int st = tt.ConnStopTime[c];
            int dep = tt.ConnDep[c] + shift, arr = tt.ConnArr[c] + shift;
            int key = tt.ConnTrip[c] * stream.Slots + slot;
            int v = stops[st + 1];
            int best = tripArrival[key];
            if (tt.CanAlight(st + 1))
            {
                if (egress[v] >= 0) best = Math.Min(best, arr + egress[v]);
                int change = tt.MinChangeSeconds(v);
                if ((long)arr + change <= int.MaxValue) best = Math.Min(best, StopProfile.Evaluate(direct[v], arr + change));
                best = Math.Min(best, StopProfile.Evaluate(walked[v], arr));
            }
            if (best == Infinity) continue;
            tripArrival[key] = best;
            if (!tt.CanBoard(st)) continue;
            int u = stops[st];
            StopProfile.Add(ref direct[u], dep, best);
            for (int f = inFirst[u]; f < inFirst[u + 1]; f++) StopProfile.Add(ref walked[inSource[f]], dep - inSeconds[f], best);
        }

        var result = new List<ProfileEntry>();
        foreach (var a in q.Access)
            if (direct[a.Stop] is { } p)
                foreach (var e in p.Entries)
                    if (e.Departure - a.Seconds >= q.Departure)
                        result.Add(new ProfileEntry(e.Departure - a.Seconds, e.Arrival));
        // Pareto over all departures found (also those after the window), then keep the window.
        return ParetoLatestFirst(result).RemoveAll(e => e.Departure > q.Departure + q.Window);
    }

    /// <summary>Earliest arrival of a profile for leaving at <paramref name="departure"/> or later; null if none.</summary>
    public static int? Evaluate(ImmutableArray<ProfileEntry> profile, int departure)
    {
        int best = Infinity;
        foreach (var e in profile) if (e.Departure >= departure && e.Arrival < best) best = e.Arrival;
        return best == Infinity ? null : best;
    }

    private static ImmutableArray<ProfileEntry> ParetoLatestFirst(List<ProfileEntry> entries)
    {
        entries.Sort((a, b) => a.Departure != b.Departure ? b.Departure.CompareTo(a.Departure) : a.Arrival.CompareTo(b.Arrival));
        var r = ImmutableArray.CreateBuilder<ProfileEntry>();
        int bestArrival = Infinity;
        foreach (var e in entries)
        {
            if (e.Arrival >= bestArrival) continue; // a later departure arrives as early
            r.Add(e);
            bestArrival = e.Arrival;
        }
        return r.ToImmutable();
    }

    private int TripOf(int stopTime)
    {
        // The last trip starting at or before the stop time (empty trips share their successor's offset and come first).
        var first = timetable.Parts.TripFirst;
        int lo = 0, hi = first.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (first[mid] <= stopTime) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private static int[] EgressTable(ImmutableArray<StopAccess> egress, int n)
    {
        var e = new int[n];
        Array.Fill(e, -1);
        foreach (var x in egress) if (e[x.Stop] < 0 || x.Seconds < e[x.Stop]) e[x.Stop] = x.Seconds;
        return e;
    }
}
