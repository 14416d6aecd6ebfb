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
    /// <summary>Times are whole seconds on the simulated clock; the engine's checks allow a rounding second.</summary>
    private const double ToleranceSeconds = 1.5;

    /// <summary>
    /// How far the simulated vehicles may fall behind the dispatcher's promises. Known limit (simulator/README.md):
    /// the vehicles follow the engine's forecast, which the engine re-times after every fix and stop event; pickups
    /// up to about 90 s after the window and rides up to about 100 s over the limit were seen on small days.
    /// </summary>
    private const double DriftToleranceSeconds = 150;

    public static void Check(SimulationResult result)
    {
        Assert.Empty(result.Diagnostics.IsDefault ? [] : result.Diagnostics);
        Assert.Equal(0, result.Kpis["capacity_violations"]);
        Assert.True(result.Kpis["pickup_in_window_share"] >= 0.8, $"only {result.Kpis["pickup_in_window_share"]:P0} of pickups inside the promised window");
        KpisAddUp(result);
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
            Assert.True(t.PickupTime >= t.PromisedPickupEarliest!.Value.AddSeconds(-ToleranceSeconds) &&
                        t.PickupTime <= t.PromisedPickupLatest!.Value.AddSeconds(DriftToleranceSeconds),
                $"{t.TripId}: picked up {t.PickupTime:HH:mm:ss} outside the promised window {t.PromisedPickupEarliest:HH:mm:ss}–{t.PromisedPickupLatest:HH:mm:ss}");
            Assert.True(t.RideSeconds <= t.MaxRideSeconds + DriftToleranceSeconds,
                $"{t.TripId}: rode {t.RideSeconds:F0} s, limit {t.MaxRideSeconds:F0} s");
            if (t.Kind == TripKind.Pupil && t.LatestArrival is { } bell)
                Assert.True(t.DropoffTime <= bell.AddSeconds(DriftToleranceSeconds), $"{t.TripId}: arrived {t.DropoffTime:HH:mm:ss} after {bell:HH:mm:ss}");
        }
    }

    public static void KpisAddUp(SimulationResult result)
    {
        var k = result.Kpis;
        double sum = k["served"] + k["rejected"] + k["declined"] + k["cancelled"] + k["no_shows"] + k["unfinished"];
        Assert.Equal(k["requests"], sum);
        Assert.Equal(result.Trips.Length, (int)k["requests"]);
        double reasons = k.Where(p => p.Key.StartsWith("rejected_by_reason_", StringComparison.Ordinal)).Sum(p => p.Value);
        Assert.Equal(k["rejected"], reasons);
        if (k["requests"] > 0)
            Assert.InRange(k["served_share"] + k["rejected_share"] + k["declined_share"] + k["cancelled_share"] + k["no_show_share"] + k["unfinished_share"], 0.999999, 1.000001);
    }
}
