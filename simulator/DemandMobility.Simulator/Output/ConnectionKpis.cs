using System.Collections.Immutable;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// Train connections of a run with rail feeders, from the trips' <see cref="TripRecord.Connection"/> verdicts: promised
/// (confirmed bookings tied to a train, less those the rider cancelled or did not show up for), kept, missed by cause.
/// </summary>
public static class ConnectionKpis
{
    /// <summary>Flat KPI keys; empty when no trip was tied to a train.</summary>
    public static ImmutableSortedDictionary<string, double> Compute(IReadOnlyList<TripRecord> trips, int delayedTrains)
    {
        var k = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        int tied = 0, promised = 0, kept = 0, rider = 0;
        var missed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in trips)
        {
            if (t.Train is null) continue;
            tied++;
            if (t.Connection is not { } v) continue;
            if (v.StartsWith("rider:", StringComparison.Ordinal)) { rider++; continue; }
            promised++;
            if (v == "kept") kept++;
            else if (v.StartsWith("missed:", StringComparison.Ordinal)) missed[v["missed:".Length..]] = missed.GetValueOrDefault(v["missed:".Length..]) + 1;
        }
        if (tied == 0) return k.ToImmutable();
        k["rail_trips"] = tied;
        k["trains_delayed"] = delayedTrains;
        k["connections_promised"] = promised;
        k["connections_kept"] = kept;
        k["connections_kept_share"] = promised == 0 ? 1 : (double)kept / promised;
        k["connections_missed"] = promised - kept;
        k["connections_rider_cancelled_or_no_show"] = rider;
        foreach (var (cause, n) in missed) k["connections_missed_" + cause] = n;
        return k.ToImmutable();
    }
}
