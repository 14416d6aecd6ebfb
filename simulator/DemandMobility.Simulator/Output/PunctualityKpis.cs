using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// Punctuality of a run from its trip records: the share of served pickups inside the promised window, the lateness
/// distribution (seconds after the window's end, 0 for a pickup inside it; nearest-rank percentiles) and the broken
/// promises by kind and cause (definitions in simulator/README.md, *Punctuality*).
/// </summary>
internal static class PunctualityKpis
{
    /// <summary>Causes the simulator attributes, in report order.</summary>
    public static readonly ImmutableArray<string> Causes = ["traffic", "dwell", "replanning"];

    /// <summary>Kinds of promise, in report order.</summary>
    public static readonly ImmutableArray<string> Promises = ["pickup_late", "arrival_late", "ride_too_long"];

    public static IEnumerable<KeyValuePair<string, double>> Compute(ImmutableArray<TripRecord> trips)
    {
        var lateness = new List<double>();
        int pickups = 0, inWindow = 0, broken = 0, served = 0;
        var byCause = new Dictionary<string, int>(StringComparer.Ordinal);
        var byPromise = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in trips)
        {
            if (t.Kind == TripKind.Parcel || t.Outcome != TripOutcome.Served) continue;
            served++;
            if (t.PickupTime is { } p && t.PromisedPickupEarliest is { } from && t.PromisedPickupLatest is { } until)
            {
                pickups++;
                double late = t.PickupLatenessSeconds ?? Math.Max(0, (p - until).TotalSeconds);
                lateness.Add(late);
                if (p >= from && late <= 1) inWindow++;
            }
            if (t.BrokenPromise is { } promise)
            {
                broken++;
                byPromise[promise] = byPromise.GetValueOrDefault(promise) + 1;
                string cause = t.BrokenCause ?? "unknown";
                byCause[cause] = byCause.GetValueOrDefault(cause) + 1;
            }
        }
        lateness.Sort();
        double sum = 0;
        foreach (double l in lateness) sum += l;
        yield return new("pickups_in_window_share", pickups == 0 ? 0 : (double)inWindow / pickups);
        yield return new("pickup_lateness_mean_s", lateness.Count == 0 ? 0 : sum / lateness.Count);
        yield return new("pickup_lateness_p95_s", SimulationKpis.Percentile(lateness, 0.95));
        yield return new("pickup_lateness_max_s", lateness.Count == 0 ? 0 : lateness[^1]);
        yield return new("broken_promises", broken);
        yield return new("broken_promises_share", served == 0 ? 0 : (double)broken / served);
        foreach (var c in Causes) yield return new("broken_promises_" + c, byCause.GetValueOrDefault(c));
        foreach (var p in Promises) yield return new("broken_promises_" + p, byPromise.GetValueOrDefault(p));
    }
}
