using System.Collections.Immutable;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Limits a re-optimisation round to the near future: each route is cut before its first stop that the vehicle
/// reaches at or after <see cref="End"/> with nobody on board, and everything from there on (the tail) stays as
/// planned. Far-future pre-bookings are re-optimised in a later round, once they come within the horizon; the
/// problem handed to the solver shrinks from the whole day to the next hour or so.
/// </summary>
/// <remarks>
/// A cut only where the vehicle is empty keeps every request wholly on one side, so the solver never sees half
/// a request. The caller gives each vehicle that keeps a tail the tail's first stop as its end location, to be
/// reached by that stop's planned service start, so the tail's stored times stay valid whatever the solver does
/// before it (a vehicle that arrives earlier waits).
/// </remarks>
internal sealed class PlanHorizon
{
    /// <summary>Creates a horizon ending at <paramref name="end"/> (engine seconds) for <paramref name="vehicles"/> vehicles.</summary>
    public PlanHorizon(double end, int vehicles)
    {
        End = end;
        Tails = new PlannedStop[vehicles][];
        for (int v = 0; v < vehicles; v++) Tails[v] = [];
    }

    /// <summary>Engine seconds; stops reached at or after this are kept as planned when the vehicle is empty there.</summary>
    public double End { get; }

    /// <summary>Per vehicle index, the stops kept as planned (empty when the whole route is in the problem).</summary>
    public PlannedStop[][] Tails { get; }

    /// <summary>Index of the first kept stop of <paramref name="route"/>; its length when nothing is kept.</summary>
    /// <param name="state">Where to find whether a rider is already on board.</param>
    /// <param name="route">The committed route.</param>
    public int CutIndex(EngineState state, ImmutableArray<PlannedStop> route)
    {
        // Riders picked up before the route's first stop are on board until their drop-off appears.
        int open = 0;
        foreach (var stop in route)
            if (stop.Kind == StopKind.Delivery && state.Tasks[stop.TaskId].PickedUpAt is not null) open++;
        for (int k = 0; k < route.Length; k++)
        {
            var stop = route[k];
            if (open == 0 && stop.Arrival >= End) return k;
            if (stop.Kind == StopKind.Pickup) open++;
            else if (stop.Kind == StopKind.Delivery) open--;
        }
        return route.Length;
    }
}
