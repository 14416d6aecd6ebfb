using System.Globalization;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report;

/// <summary>One decision figure of the headline: its label, the value as text, and the kpis.json keys behind it.</summary>
/// <param name="Label">What it is ("Wait p50 / p95").</param>
/// <param name="Value">The value for a planner ("12.8 / 24.8 min").</param>
/// <param name="Keys">The kpis.json keys it is computed from.</param>
/// <param name="Primary">The main key (for differences in a comparison) and its unit.</param>
internal sealed record HeadlineFigure(string Label, string Value, string Keys, KpiInfo Primary);

/// <summary>
/// The figures a planner decides on, first in report.html and on the console: served share, waits, detour,
/// punctuality, vehicle hours, productivity, cost per trip and per passenger-km, CO₂. Punctuality is read from
/// <c>pickups_in_window_share</c>, <c>pickup_lateness_p95_s</c> and <c>broken_promises</c> when the run has them,
/// else from <c>pickup_in_window_share</c>. A figure whose keys are missing is left out.
/// </summary>
internal static class Headline
{
    public static IReadOnlyList<HeadlineFigure> Figures(SimulationResult r)
    {
        var k = r.Kpis;
        var list = new List<HeadlineFigure>();
        var c = CultureInfo.InvariantCulture;
        string F(string key) => KpiCatalog.Format(k[key], KpiCatalog.Describe(key).Unit);
        bool Has(params string[] keys) => keys.All(k.ContainsKey);
        void Add(string label, string value, string primary, params string[] more) =>
            list.Add(new HeadlineFigure(label, value, string.Join(", ", new[] { primary }.Concat(more)), KpiCatalog.Describe(primary)));

        if (Has("served_share", "served", "requests"))
            Add("Served", $"{F("served_share")} ({F("served")} of {F("requests")})", "served_share", "served", "requests");
        if (Has("wait_p50_s", "wait_p95_s") && !r.Trips.Any(t => t.WaitSeconds is not null) && r.Trips.Length > 0)
            Add("Wait p50 / p95", "none measured: every trip asked for an arrival time", "wait_p95_s", "wait_p50_s");
        else if (Has("wait_p50_s", "wait_p95_s"))
            Add("Wait p50 / p95", $"{(k["wait_p50_s"] / 60).ToString("0.0", c)} / {F("wait_p95_s")}", "wait_p95_s", "wait_p50_s");
        if (Has("detour_factor_mean"))
            Add("Ride-time detour (mean ride ÷ direct)", k["detour_factor_mean"].ToString("0.00", c) + " ×"
                + (Has("ride_p95_s") ? "; ride p95 " + F("ride_p95_s") : ""), "detour_factor_mean", "ride_p95_s");
        if (Has("pickups_in_window_share"))
        {
            string value = F("pickups_in_window_share") + " of pickups in the promised window";
            if (Has("pickup_lateness_p95_s")) value += "; lateness p95 " + F("pickup_lateness_p95_s");
            if (Has("broken_promises")) value += "; " + F("broken_promises") + " broken promises";
            Add("Punctuality", value, "pickups_in_window_share", "pickup_lateness_p95_s", "broken_promises");
        }
        else if (Has("pickup_in_window_share"))
            Add("Punctuality", F("pickup_in_window_share") + " of pickups in the promised window", "pickup_in_window_share");
        if (Has("vehicle_hours"))
            Add("Vehicle hours", F("vehicle_hours") + (Has("vehicles_needed") ? $" ({F("vehicles_needed")} vehicles)" : ""), "vehicle_hours", "vehicles_needed");
        if (Has("passengers_per_vehicle_hour"))
            Add("Passengers per vehicle hour", k["passengers_per_vehicle_hour"].ToString("0.00", c), "passengers_per_vehicle_hour");
        if (Has("cost_per_trip_eur"))
            Add("Cost per served trip", F("cost_per_trip_eur") + (Has("cost_eur") ? $" (total {F("cost_eur")})" : ""), "cost_per_trip_eur", "cost_eur");
        if (Has("cost_per_passenger_km_eur"))
            Add("Cost per passenger km", F("cost_per_passenger_km_eur"), "cost_per_passenger_km_eur");
        if (Has("co2_kg"))
        {
            string value = F("co2_kg");
            if (k.GetValueOrDefault("passenger_km") > 0) value += $" ({(k["co2_kg"] * 1000 / k["passenger_km"]).ToString("0", c)} g per passenger km)";
            Add("CO₂", value, "co2_kg", "passenger_km");
        }
        return list;
    }
}
