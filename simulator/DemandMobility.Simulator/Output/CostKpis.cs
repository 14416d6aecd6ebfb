using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Report;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// The run's cost figures, from one cost model so that report.html, kpis.json and billing.csv agree to the cent:
/// <list type="bullet">
/// <item>a school run (the demand section has a school and pupils were simulated) costs what the school authority
/// pays under its tariff, the total of <see cref="SchoolBilling"/> (every vehicle that drove);</item>
/// <item>any other run costs <c>per_vehicle_km_eur × vehicle km + per_vehicle_hour_eur × hours on shift +
/// per_vehicle_day_eur × vehicles needed</c> (<see cref="CostSettings"/>).</item>
/// </list>
/// "Vehicles needed" is the largest number of planned shifts that overlap at one moment: shifts that follow each
/// other (an early and a late duty) can be driven by one vehicle, so this is the fewest vehicles that cover them
/// (interval partitioning; Kleinberg &amp; Tardos, <i>Algorithm Design</i>, ch. 4.1). Keys: <c>cost_eur</c>,
/// its parts, <c>cost_per_trip_eur</c> (per served trip of any kind), <c>cost_per_passenger_km_eur</c>,
/// <c>passengers_per_vehicle_hour</c>, <c>vehicles_needed</c> and, for school runs, <c>school_cost_per_pupil</c>.
/// </summary>
internal static class CostKpis
{
    public static ImmutableSortedDictionary<string, double> Apply(SimulationResult result, LoadedScenario scenario)
    {
        var k = result.Kpis.ToBuilder();
        int needed = VehiclesNeeded(scenario.Vehicles);
        k["vehicles_needed"] = needed;
        double km = k.GetValueOrDefault("vehicle_km"), hours = k.GetValueOrDefault("vehicle_hours");
        double cost;
        if (SchoolTariffOf(scenario, result) is { } tariff)
        {
            var bill = SchoolBilling.Compute(result, tariff);
            cost = bill.TotalCost;
            k["cost_trip_fees_eur"] = Round2(tariff.PerTrip * bill.PupilsServed);
            k["school_cost_per_pupil"] = bill.PupilsServed == 0 ? 0 : cost / bill.PupilsServed;
            k.Remove("cost_distance_eur");
            k.Remove("cost_time_eur");
            k.Remove("cost_fixed_eur");
        }
        else
        {
            var c = scenario.Settings.Costs;
            double distance = Round2(c.PerVehicleKmEur * km), time = Round2(c.PerVehicleHourEur * hours), fixedCost = Round2(c.PerVehicleDayEur * needed);
            k["cost_distance_eur"] = distance;
            k["cost_time_eur"] = time;
            k["cost_fixed_eur"] = fixedCost;
            cost = Round2(distance + time + fixedCost);
        }
        k["cost_eur"] = cost;
        double served = k.GetValueOrDefault("served"), passengerKm = k.GetValueOrDefault("passenger_km");
        k["cost_per_trip_eur"] = served > 0 ? cost / served : 0;
        k["cost_per_passenger_km_eur"] = passengerKm > 0 ? cost / passengerKm : 0;
        k["passengers_per_vehicle_hour"] = hours > 0 ? k.GetValueOrDefault("served_persons") / hours : 0;
        return k.ToImmutable();
    }

    /// <summary>The school tariff when the run is a school run (its demand has a school and pupils were simulated).</summary>
    public static SchoolTariff? SchoolTariffOf(LoadedScenario scenario, SimulationResult result) =>
        scenario.Demand.School is { } school && result.Trips.Any(t => t.Kind == TripKind.Pupil) ? school.Tariff : null;

    /// <summary>The largest number of shifts [start, end) overlapping at one instant.</summary>
    internal static int VehiclesNeeded(IReadOnlyList<VehicleRegistration> vehicles)
    {
        var events = new List<(long Ticks, int Delta)>(vehicles.Count * 2);
        foreach (var v in vehicles)
        {
            events.Add((v.ShiftStart.UtcTicks, +1));
            events.Add((v.ShiftEnd.UtcTicks, -1));
        }
        // Ends before starts at the same instant: a duty handed over at 14:00 needs no second vehicle.
        events.Sort((a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Delta.CompareTo(b.Delta));
        int now = 0, peak = 0;
        foreach (var (_, delta) in events)
        {
            now += delta;
            peak = Math.Max(peak, now);
        }
        return peak;
    }

    private static double Round2(double eur) => SchoolBilling.Cents(eur) / 100.0;
}
