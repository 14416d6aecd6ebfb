using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// Summary of a consecutive run of route positions that two runs can be joined from in O(1): time windows,
/// duration, load and arc costs. A whole route is feasible for windows, route duration and capacity exactly
/// when the concatenation of its parts has no time warp, a duration within the limit and a peak load within
/// the capacity.
/// </summary>
/// <remarks>
/// Source: Vidal, Crainic, Gendreau &amp; Prins (2013), "A unified solution framework for multi-attribute
/// vehicle routing problems", EJOR 234(3), Section 4.3 (time windows and duration: D, TW, E, L with the
/// concatenation rules), with the load part as cumulative net load and peak prefix load (as PyVRP's route
/// segments). The start may be delayed (it is a node with window [shift start, shift end]), so
/// <see cref="Duration"/> of a whole route is its minimum duration. Ride-time limits are not captured: where
/// they apply, a segment check is a necessary condition only and the exact <see cref="ScheduleEvaluator"/>
/// decides. A break (location −1, taken where the vehicle is) has no fixed location, so routes with a break
/// have no segments.
/// </remarks>
internal readonly struct RouteSegment
{
    /// <summary>Location of the first and the last position.</summary>
    public readonly int First, Last;
    /// <summary>Minimum time from the start of service at the first position to the end of service at the last,
    /// waiting included (D).</summary>
    public readonly double Duration;
    /// <summary>Total time warp (TW): how much lateness the run cannot avoid; zero when windows hold.</summary>
    public readonly double TimeWarp;
    /// <summary>Earliest and latest start of service at the first position that reach the minimum duration and
    /// time warp (E, L).</summary>
    public readonly double Earliest, Latest;
    /// <summary>Sum of arc distances and arc travel times inside the run.</summary>
    public readonly double Distance, Travel;
    /// <summary>Net load change over the run, and the peak of the running load change (including the empty
    /// prefix, so never below zero).</summary>
    public readonly LoadVector Delta, Peak;
    /// <summary>Number of pickup and delivery stops in the run.</summary>
    public readonly int RequestStops;

    private RouteSegment(int first, int last, double duration, double timeWarp, double earliest, double latest,
        double distance, double travel, LoadVector delta, LoadVector peak, int requestStops)
    {
        First = first; Last = last; Duration = duration; TimeWarp = timeWarp; Earliest = earliest; Latest = latest;
        Distance = distance; Travel = travel; Delta = delta; Peak = peak; RequestStops = requestStops;
    }

    /// <summary>One stop (not a break).</summary>
    public static RouteSegment Of(in StopNode s) =>
        new(s.Location, s.Location, s.Service, 0, s.Earliest, s.Latest, 0, 0, s.Delta, LoadVector.Max(LoadVector.Zero, s.Delta), 1);

    /// <summary>A depot position (start or end of a vehicle) with window [earliest, latest] and no service.</summary>
    public static RouteSegment Depot(int location, double earliest, double latest) =>
        new(location, location, 0, 0, earliest, latest, 0, 0, LoadVector.Zero, LoadVector.Zero, 0);

    /// <summary>The run <paramref name="a"/> followed by <paramref name="b"/> (Vidal et al. 2013, eq. 4.3.1).</summary>
    public static RouteSegment Concat(in RouteSegment a, in RouteSegment b, ITravelMatrix m)
    {
        double t = m.Duration(a.Last, b.First);
        double delta = a.Duration - a.TimeWarp + t;
        double wait = b.Earliest - delta - a.Latest;
        if (wait < 0) wait = 0;
        double warp = a.Earliest + delta - b.Latest;
        if (warp < 0) warp = 0;
        double e = b.Earliest - delta;
        if (a.Earliest > e) e = a.Earliest;
        double l = b.Latest - delta;
        if (a.Latest < l) l = a.Latest;
        return new RouteSegment(a.First, b.Last, a.Duration + b.Duration + t + wait, a.TimeWarp + b.TimeWarp + warp,
            e - wait, l + warp, a.Distance + b.Distance + m.Distance(a.Last, b.First), a.Travel + b.Travel + t,
            a.Delta + b.Delta, LoadVector.Max(a.Peak, a.Delta + b.Peak), a.RequestStops + b.RequestStops);
    }
}
