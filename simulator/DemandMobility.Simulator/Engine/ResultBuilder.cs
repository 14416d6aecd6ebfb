using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Engine;

/// <summary>Turns the event loop's mutable bookkeeping into the immutable <see cref="SimulationResult"/>.</summary>
internal static class ResultBuilder
{
    public static SimulationResult Build(
        LoadedScenario scenario, DemandSet demand, string mode, bool completed, DateTimeOffset start, DateTimeOffset end,
        TripState[] trips, VehicleAgent[] vehicles, List<FleetSample> samples, double wallSeconds,
        int problemCount, ImmutableArray<string> problems)
    {
        var records = ImmutableArray.CreateBuilder<TripRecord>(trips.Length);
        foreach (var t in trips) records.Add(ToRecord(t));
        var tracks = ImmutableArray.CreateBuilder<VehicleTrack>(vehicles.Length);
        foreach (var v in vehicles)
        {
            double hours = v.ShiftStartedTicks is { } s ? ((v.ShiftEndedTicks ?? end.UtcTicks) - s) / (double)TimeSpan.TicksPerHour : 0;
            tracks.Add(new VehicleTrack(v.Id, [.. v.Track], [.. v.Stops], v.Metres / 1000, v.EmptyMetres / 1000, v.PassengerMetres / 1000, hours));
        }
        var tripRecords = records.MoveToImmutable();
        var trackList = tracks.MoveToImmutable();
        var kpis = SimulationKpis.Compute(scenario, tripRecords, trackList, BuildExtras(trips, vehicles));
        kpis = kpis.SetItem("dispatcher_call_failures", problemCount).SetItems(PunctualityKpis.Compute(tripRecords));
        // The loop's clock is UTC; the result speaks the scenario's local offset, so reports label local clock times.
        var offset = scenario.DayStart.Offset;
        var result = new SimulationResult(scenario.Settings.Name, scenario.Settings.Seed, mode, completed, start.ToOffset(offset), end.ToOffset(offset), kpis,
            tripRecords, [.. samples], trackList, demand.Issues, wallSeconds, problems, TimeZone: scenario.Settings.TimeZone);
        // One cost model for kpis.json, the report and billing.csv (a school run is costed with its tariff).
        return result with { Kpis = CostKpis.Apply(result, scenario) };
    }

    private static TripRecord ToRecord(TripState t)
    {
        var outcome = t.Outcome ?? TripOutcome.Unfinished;
        string? reason = t.Outcome is null ? (t.SubjectId is null ? "not_requested" : "not_completed") : t.Reason;
        var trip = t.Trip;
        double? wait = outcome == TripOutcome.Served && t.PickupTime is { } p && t.RequestedPickup is { } r && !t.IsParcel
            ? Math.Max(0, (p - r).TotalSeconds) : null;
        double? ride = outcome == TripOutcome.Served && t.PickupTime is { } b && t.DropoffTime is { } d ? (d - b).TotalSeconds : null;
        return new TripRecord(trip.Id, trip.Kind, trip.Group, outcome, reason, trip.RequestTime, t.RequestedPickup ?? trip.EarliestPickup,
            trip.Kind == TripKind.Parcel ? trip.DeliverBy ?? trip.LatestArrival : trip.LatestArrival,
            trip.Origin, trip.Destination, trip.Passengers, trip.WheelchairPlaces, trip.ParcelUnits, t.SubjectId, t.PickupVehicleId ?? t.VehicleId,
            t.PromisedFrom, t.PromisedUntil, t.PickupTime, t.DropoffTime, wait, ride, t.DirectSeconds, t.DirectKm, t.MaxRideSeconds,
            outcome == TripOutcome.Served ? t.AlternativeTime : null,
            outcome == TripOutcome.Served ? t.PickupLatenessSeconds : null, t.BrokenPromise, t.BrokenCause, t.Incident);
    }

    private static KpiExtras BuildExtras(TripState[] trips, VehicleAgent[] vehicles)
    {
        double rideKm = 0, pooledKm = 0, parcelDelay = 0;
        int served = 0, violations = 0;
        foreach (var t in trips)
        {
            if (t.IsParcel || t.Outcome != TripOutcome.Served) continue;
            rideKm += t.RideMetres / 1000;
            pooledKm += t.PooledMetres / 1000;
            parcelDelay += t.ParcelDelaySeconds;
            served++;
        }
        var schoolVehicles = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var v in vehicles)
        {
            violations += v.CapacityViolations;
            if (v.CarriedPupils) schoolVehicles.Add(v.Id);
        }
        return new KpiExtras(rideKm, pooledKm, served == 0 ? 0 : parcelDelay / served, violations, schoolVehicles.ToImmutable());
    }
}
