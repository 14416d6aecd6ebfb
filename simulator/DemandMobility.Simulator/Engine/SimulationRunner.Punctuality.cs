using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// Which promises the day broke and why. A promise is broken when a boarding starts after the promised window's
/// end (<c>pickup_late</c>), an arrive-by rider is dropped off after the promised latest arrival (<c>arrival_late</c>),
/// or a ride exceeds its limit (<c>ride_too_long</c>); 1 s covers whole-second planning. The cause compares what the
/// serving vehicle lost against its plan between the promise and the breach: driving slower than planned
/// (<c>traffic</c>) or standing longer at stops (<c>dwell</c>), whichever is larger; when it lost nothing the plan
/// itself moved the stop out of the window after the promise (<c>replanning</c>: an insertion or a re-optimisation
/// round, or a forecast the engine accepted too late).
/// </summary>
public sealed partial class SimulationRunner
{
    private const double PromiseToleranceSeconds = 1;

    private void NotePromise(TripState t)
    {
        t.TrafficAtPromise = new double[_vehicles.Length];
        t.DwellAtPromise = new double[_vehicles.Length];
        for (int i = 0; i < _vehicles.Length; i++)
        {
            t.TrafficAtPromise[i] = _vehicles[i].TrafficDelaySeconds;
            t.DwellAtPromise[i] = _vehicles[i].DwellDelaySeconds;
        }
    }

    /// <summary>Checks a boarding that started at <paramref name="started"/> against its window.</summary>
    private void CheckPickup(VehicleAgent v, TripState t, DateTimeOffset started)
    {
        if (t.IsParcel || t.PromisedUntil is not { } until) return;
        double late = (started - until).TotalSeconds;
        t.PickupLatenessSeconds = Math.Max(0, late);
        if (late > PromiseToleranceSeconds) Broke(v, t, "pickup_late");
    }

    /// <summary>Checks a drop-off that started at <paramref name="started"/> against the latest arrival and the ride limit.</summary>
    private void CheckDropoff(VehicleAgent v, TripState t, DateTimeOffset started)
    {
        if (t.IsParcel || t.BrokenPromise is not null) return;
        if (t.Trip.Kind != TripKind.Parcel && t.Trip.LatestArrival is { } by && (started - by).TotalSeconds > PromiseToleranceSeconds)
            Broke(v, t, "arrival_late");
        else if (t.PickupTime is { } picked && t.MaxRideSeconds is { } limit
                 && (started - picked).TotalSeconds - _scenario.Options.BoardingTime.TotalSeconds > limit + PromiseToleranceSeconds)
            Broke(v, t, "ride_too_long");
    }

    private void Broke(VehicleAgent v, TripState t, string promise)
    {
        if (t.BrokenPromise is not null) return;
        t.BrokenPromise = promise;
        double traffic = v.TrafficDelaySeconds - (t.TrafficAtPromise?[v.Index] ?? 0);
        double dwell = v.DwellDelaySeconds - (t.DwellAtPromise?[v.Index] ?? 0);
        t.BrokenCause = traffic <= 0 && dwell <= 0 ? "replanning" : traffic >= dwell ? "traffic" : "dwell";
    }
}
