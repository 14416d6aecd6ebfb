using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using Xunit;

namespace DemandMobility.Simulator.Tests.Support;

/// <summary>
/// Checks a run against its own trip records, independent of the engine's figures: promises kept, ride-time
/// limits, capacity (the simulator's own load bookkeeping), parcel and pupil deadlines, and KPIs that add up.
/// </summary>
internal static class Invariants
{
    /// <summary>
    /// Rounding only: the dispatcher keeps times as double seconds and converts them to ticks (100 ns) when it
    /// promises and plans, the simulator schedules in ticks; their differences stay far below a millisecond, so one
    /// second is generous and hides no real lateness.
    /// </summary>
    private const double ToleranceSeconds = 1;

    /// <summary>
    /// Issue 5: every served rider is picked up inside the promised window and rides within the limit. The ride-time
    /// limit is on the time in the vehicle as the dispatcher defines it (Cordeau 2006: from the end of the pickup
    /// service to the start of the drop-off service); the trip's <c>ride_s</c> counts from the start of the
    /// rider's boarding, so the rider's own boarding time (<paramref name="boardingTime"/>) is taken off.
    /// </summary>
    public static void Check(SimulationResult result, TimeSpan boardingTime)
    {
        Assert.Empty(result.Diagnostics.IsDefault ? [] : result.Diagnostics);
        Assert.Equal(0, result.Kpis["capacity_violations"]);
        KpisAddUp(result);
        int pickups = 0;
        foreach (var t in result.Trips)
        {
            if (t.Outcome != TripOutcome.Served) continue;
            Assert.NotNull(t.PickupTime);
            Assert.NotNull(t.DropoffTime);
            Assert.True(t.DropoffTime >= t.PickupTime, $"{t.TripId}: dropped off before pickup");
            if (t.Kind == TripKind.Parcel)
            {
                Assert.True(t.PickupTime >= t.PromisedPickupEarliest!.Value.AddSeconds(-ToleranceSeconds), $"{t.TripId}: parcel collected before it was ready");
                bool late = t.DropoffTime > t.LatestArrival!.Value.AddSeconds(ToleranceSeconds);
                Assert.True(!late || t.Reason == "late", $"{t.TripId}: parcel late but not reported late");
                continue;
            }
            pickups++;
            Assert.True(t.PickupTime >= t.PromisedPickupEarliest!.Value.AddSeconds(-ToleranceSeconds) &&
                        t.PickupTime <= t.PromisedPickupLatest!.Value.AddSeconds(ToleranceSeconds),
                $"{t.TripId}: picked up {t.PickupTime:HH:mm:ss} outside the promised window {t.PromisedPickupEarliest:HH:mm:ss}–{t.PromisedPickupLatest:HH:mm:ss}");
            Assert.True(t.RideSeconds - boardingTime.TotalSeconds <= t.MaxRideSeconds + ToleranceSeconds,
                $"{t.TripId}: rode {t.RideSeconds:F0} s from the start of boarding, limit {t.MaxRideSeconds:F0} s after boarding");
            if (t.Kind == TripKind.Pupil && t.LatestArrival is { } bell)
                Assert.True(t.DropoffTime <= bell.AddSeconds(ToleranceSeconds), $"{t.TripId}: arrived {t.DropoffTime:HH:mm:ss} after {bell:HH:mm:ss}");
        }
        if (pickups > 0) Assert.Equal(1.0, result.Kpis["pickup_in_window_share"]);
    }

    public static void KpisAddUp(SimulationResult result)
    {
        var k = result.Kpis;
        double sum = k["served"] + k["rejected"] + k["declined"] + k["cancelled"] + k["no_shows"] + k["unfinished"] + k["disrupted"];
        Assert.Equal(k["requests"], sum);
        Assert.Equal(result.Trips.Length, (int)k["requests"]);
        double reasons = k.Where(p => p.Key.StartsWith("rejected_by_reason_", StringComparison.Ordinal)).Sum(p => p.Value);
        Assert.Equal(k["rejected"], reasons);
        if (k["requests"] > 0)
            Assert.InRange(k["served_share"] + k["rejected_share"] + k["declined_share"] + k["cancelled_share"] + k["no_show_share"] + k["unfinished_share"] + k["disrupted_share"], 0.999999, 1.000001);
    }
}
