using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Cuts a vehicle's shift calendar and its stored route into <see cref="Duty"/> pieces, so that every service window
/// is planned as its own route: a vehicle with shifts on several days is no longer one planner vehicle from the first
/// window's start to the last one's end (which planned it to drive at night to a pickup promised for the morning and
/// wait there). This is the vehicle-scheduling notion of a duty (a driver's work piece between pull-out and pull-in,
/// Desaulniers &amp; Hickman 2007, "Public Transit", Handbooks in OR &amp; MS 14, §2.3).
/// </summary>
internal static class DutyPlanner
{
    /// <summary>
    /// The duties of <paramref name="v"/> that matter at <paramref name="now"/> (windows not yet over, the running one,
    /// and any holding stops), in time order, each with its slice of the vehicle's route. A stop belongs to the last duty
    /// starting at or before its planned service start (to the first listed duty if none), but a duty changes only
    /// where nobody is on board, so a trip never spans two duties.
    /// </summary>
    public static Duty[] Of(EngineState state, FleetVehicle v, double now, DispatchOptions options)
    {
        var windows = v.Windows;
        double closed = v.ClosedUntil is { } c ? EngineClock.ToSeconds(c) : double.NegativeInfinity;
        int running = v.State == VehicleShiftState.OnShift ? RunningWindow(windows, closed, now, options.ShiftStartGrace.TotalSeconds) : -1;

        var route = state.RouteOf(v.Id);
        var duties = new List<Duty>(2);
        for (int i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            double start = EngineClock.ToSeconds(w.Start), end = EngineClock.ToSeconds(w.End);
            if (i != running && end <= now) continue;
            bool usable = v.State switch
            {
                VehicleShiftState.OutOfService => false,
                _ when start <= closed => false,
                VehicleShiftState.OnShift => running < 0 || i >= running,
                _ => start + options.ShiftStartGrace.TotalSeconds > now,
            };
            var point = w.ReliefPoint ?? v.Depot;
            duties.Add(new Duty(v.Id, start, end, point, point, i == running, usable, 0, 0));
        }
        if (duties.Count == 0)
        {
            if (route.IsEmpty) return [];
            // Stops left on a vehicle whose windows are all over: they sit on a duty nobody drives.
            var last = windows[^1];
            duties.Add(new Duty(v.Id, EngineClock.ToSeconds(last.Start), EngineClock.ToSeconds(last.End),
                last.ReliefPoint ?? v.Depot, last.ReliefPoint ?? v.Depot, false, false, 0, 0));
        }
        return Slice(state, route, duties);
    }

    /// <summary>
    /// The window an on-shift vehicle is driving: the one open now (a shift may start up to the grace early); else the
    /// latest one already started (the driver runs late and has not ended the shift: a later window, e.g. tomorrow's,
    /// stays a duty of its own and is not driven to tonight); else the next one (started early). −1 when all are closed.
    /// </summary>
    private static int RunningWindow(IReadOnlyList<ShiftWindow> windows, double closed, double now, double grace)
    {
        for (int i = 0; i < windows.Count; i++)
        {
            double start = EngineClock.ToSeconds(windows[i].Start);
            if (start > closed && start <= now + grace && EngineClock.ToSeconds(windows[i].End) > now) return i;
        }
        for (int i = windows.Count - 1; i >= 0; i--)
        {
            double start = EngineClock.ToSeconds(windows[i].Start);
            if (start > closed && start <= now) return i;
        }
        for (int i = 0; i < windows.Count; i++)
            if (EngineClock.ToSeconds(windows[i].Start) > closed) return i;
        return -1;
    }

    private static Duty[] Slice(EngineState state, ImmutableArray<PlannedStop> route, List<Duty> duties)
    {
        var first = new int[duties.Count];
        var count = new int[duties.Count];
        int open = 0;
        foreach (var stop in route)
            if (stop.Kind == StopKind.Delivery && state.Tasks.TryGetValue(stop.TaskId, out var t) && t.PickedUpAt is not null) open++;
        int current = 0;
        for (int k = 0; k < route.Length; k++)
        {
            var stop = route[k];
            if (open == 0)
            {
                int target = current;
                for (int d = current + 1; d < duties.Count; d++)
                    if (duties[d].Start <= stop.ServiceStart) target = d;
                if (target != current)
                {
                    current = target;
                    first[current] = k;
                }
            }
            count[current]++;
            if (stop.Kind == StopKind.Pickup) open++;
            else if (stop.Kind == StopKind.Delivery) open--;
        }
        var result = new Duty[duties.Count];
        int next = 0;
        for (int d = 0; d < duties.Count; d++)
        {
            // A duty without stops sits where the next one would start, so slices stay in route order.
            int from = count[d] > 0 ? first[d] : next;
            result[d] = duties[d] with { First = from, Count = count[d] };
            next = from + count[d];
        }
        return result;
    }
}
