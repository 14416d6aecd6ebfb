using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// The flat KPI table of a run, computed from the simulator's own trip records and vehicle tracks (not from the
/// engine's figures), so it checks the engine as much as it describes the service. Keys are snake_case with the
/// unit in the name; definitions are in simulator/README.md. Percentiles are nearest-rank (⌈p·n⌉-th smallest).
/// </summary>
internal static class SimulationKpis
{
    private const double RideLimitAllowanceSeconds = 1;

    public static ImmutableSortedDictionary<string, double> Compute(
        LoadedScenario scenario, ImmutableArray<TripRecord> trips, ImmutableArray<VehicleTrack> vehicles, KpiExtras extras)
    {
        var k = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        int n = trips.Length;
        var counts = new int[Enum.GetValues<TripOutcome>().Length];
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var waits = new List<double>();
        var rides = new List<double>();
        double detourSum = 0;
        int detourCount = 0, inWindow = 0, pickups = 0, parcels = 0, parcelsDelivered = 0, parcelsOnTime = 0, persons = 0;
        int pupils = 0, pupilsServed = 0, ridesOverLimit = 0;
        double boarding = scenario.Options.BoardingTime.TotalSeconds;
        double latestMargin = double.PositiveInfinity, pupilMaxRide = 0;
        foreach (var t in trips)
        {
            counts[(int)t.Outcome]++;
            if (t.Outcome == TripOutcome.Rejected) Increment(reasons, t.Reason ?? "unknown");
            if (t.Kind == TripKind.Parcel)
            {
                parcels++;
                if (t.Outcome == TripOutcome.Served)
                {
                    parcelsDelivered++;
                    if (t.LatestArrival is not { } by || t.DropoffTime <= by) parcelsOnTime++;
                }
                continue;
            }
            if (t.Kind == TripKind.Pupil) pupils++;
            if (t.Outcome != TripOutcome.Served) continue;
            persons += t.Passengers + t.WheelchairPlaces;
            if (t.WaitSeconds is { } w) waits.Add(w);
            if (t.RideSeconds is { } r)
            {
                rides.Add(r);
                // The limit counts from the end of the rider's boarding (Cordeau 2006), ride_s from its start;
                // the same 1-s allowance as the scenario invariants covers whole-second planning.
                if (t.MaxRideSeconds is { } limit && r - boarding > limit + RideLimitAllowanceSeconds) ridesOverLimit++;
                if (t.DirectRideSeconds is > 0 and { } d)
                {
                    detourSum += r / d;
                    detourCount++;
                }
            }
            if (t.PickupTime is { } p && t.PromisedPickupEarliest is { } from && t.PromisedPickupLatest is { } until)
            {
                pickups++;
                if (p >= from && p <= until) inWindow++;
            }
            if (t.Kind == TripKind.Pupil)
            {
                pupilsServed++;
                if (t.LatestArrival is { } bell && t.DropoffTime is { } arrived) latestMargin = Math.Min(latestMargin, (bell - arrived).TotalSeconds);
                if (t.RideSeconds is { } pr) pupilMaxRide = Math.Max(pupilMaxRide, pr);
            }
        }

        k["requests"] = n;
        Put(k, "served", counts[(int)TripOutcome.Served], n);
        Put(k, "rejected", counts[(int)TripOutcome.Rejected], n);
        Put(k, "declined", counts[(int)TripOutcome.Declined], n);
        Put(k, "cancelled", counts[(int)TripOutcome.Cancelled], n);
        Put(k, "no_shows", counts[(int)TripOutcome.NoShow], n);
        Put(k, "unfinished", counts[(int)TripOutcome.Unfinished], n);
        Put(k, "disrupted", counts[(int)TripOutcome.Disrupted], n);
        foreach (var (reason, count) in reasons) k["rejected_by_reason_" + reason] = count;
        k["served_persons"] = persons;

        PutStats(k, "wait", waits);
        PutStats(k, "ride", rides);
        k["detour_factor_mean"] = detourCount == 0 ? 0 : detourSum / detourCount;
        k["pickup_in_window_share"] = pickups == 0 ? 0 : (double)inWindow / pickups;
        k["pickups_outside_window"] = pickups - inWindow;
        k["rides_over_limit"] = ridesOverLimit;

        double km = 0, emptyKm = 0, passengerKm = 0, hours = 0, schoolKm = 0;
        foreach (var v in vehicles)
        {
            km += v.Km;
            emptyKm += v.EmptyKm;
            passengerKm += v.PassengerKm;
            hours += v.ShiftHours;
            if (extras.SchoolVehicles.Contains(v.VehicleId))
                schoolKm += v.Km;
        }
        k["vehicle_km"] = km;
        k["vehicle_hours"] = hours;
        k["passenger_km"] = passengerKm;
        k["occupancy"] = km == 0 ? 0 : passengerKm / km;
        k["empty_km_share"] = km == 0 ? 0 : emptyKm / km;
        k["pooling_rate"] = extras.ServedRideKm == 0 ? 0 : extras.PooledRideKm / extras.ServedRideKm;
        k["co2_kg"] = km * scenario.Settings.Co2GramsPerKm / 1000;
        k["capacity_violations"] = extras.CapacityViolations;

        k["parcels"] = parcels;
        k["parcels_delivered"] = parcelsDelivered;
        k["parcels_on_time_share"] = parcelsDelivered == 0 ? 0 : (double)parcelsOnTime / parcelsDelivered;
        k["passengers_parcel_stop_time_s"] = extras.ParcelDelayMeanSeconds;
        // Until a parcel-free comparison run measures it (ParcelImpactRun), the added delay is this upper bound.
        k["passengers_added_delay_s"] = extras.ParcelDelayMeanSeconds;
        k["passengers_added_delay_measured"] = 0;

        if (pupils > 0)
        {
            k["pupils"] = pupils;
            k["pupils_served"] = pupilsServed;
            k["school_latest_arrival_margin_s"] = double.IsFinite(latestMargin) ? latestMargin : 0;
            k["school_max_ride_s"] = pupilMaxRide;
            k["school_km_per_pupil"] = pupilsServed == 0 ? 0 : schoolKm / pupilsServed;
        }
        return k.ToImmutable();
    }

    private static void Put(ImmutableSortedDictionary<string, double>.Builder k, string name, int count, int total)
    {
        k[name] = count;
        k[(name == "no_shows" ? "no_show" : name) + "_share"] = total == 0 ? 0 : (double)count / total;
    }

    private static void PutStats(ImmutableSortedDictionary<string, double>.Builder k, string name, List<double> values)
    {
        values.Sort();
        double sum = 0;
        foreach (double v in values) sum += v;
        k[name + "_mean_s"] = values.Count == 0 ? 0 : sum / values.Count;
        k[name + "_p50_s"] = Percentile(values, 0.50);
        k[name + "_p95_s"] = Percentile(values, 0.95);
    }

    /// <summary>Nearest-rank percentile of sorted values; 0 for none.</summary>
    internal static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        int rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static void Increment(SortedDictionary<string, int> d, string key) => d[key] = d.GetValueOrDefault(key) + 1;
}
